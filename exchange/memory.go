package exchange

import (
	"errors"
	"io"
	"strings"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/tm"
)

// MemoryEntries turns a unit read from a file into memory entries: one, or
// one per target language of a TMX tu with several. file is the name the
// entries' origin records; by the author of units whose file names none.
// A bad language tag gives an error wrapping [ErrBadLanguage].
func MemoryEntries(u exports.Unit, file, by string) ([]tm.MemoryEntry, error) {
	type pair struct{ sl, tl, src, tgt string }
	var pairs []pair
	if len(u.Variants) > 0 {
		for _, v := range u.Variants {
			if !strings.EqualFold(v.Lang, u.SourceLang) && v.Text != "" {
				pairs = append(pairs, pair{u.SourceLang, v.Lang, u.Source, v.Text})
			}
		}
	} else if u.Target != "" {
		pairs = append(pairs, pair{u.SourceLang, u.TargetLang, u.Source, u.Target})
	}
	rev, role := u.Translator, tm.RoleTranslator
	if !u.Editor.IsZero() {
		rev, role = u.Editor, tm.RoleEditor
	}
	author := rev.Author
	if author == "" {
		author = by
	}
	var out []tm.MemoryEntry
	for _, p := range pairs {
		// Each pair in the canonical form, with the codes it uses.
		texts, codes, err := exports.Canonical(u.Codes, p.src, p.tgt)
		if err != nil {
			return nil, &wrapped{ErrBadCodes, err}
		}
		sl, err := tm.CanonicalLanguage(p.sl)
		if err != nil {
			return nil, &wrapped{ErrBadLanguage, err}
		}
		tl, err := tm.CanonicalLanguage(p.tl)
		if err != nil {
			return nil, &wrapped{ErrBadLanguage, err}
		}
		out = append(out, tm.MemoryEntry{
			SourceLang: sl, TargetLang: tl, Source: texts[0], Target: texts[1], Codes: EncodeCodes(codes),
			Origin: tm.Origin{Kind: tm.OriginImport, File: file, Document: u.Document, Segment: u.ID,
				Author: author, Role: string(role), Status: string(u.Status), Time: rev.Time},
		})
	}
	return out, nil
}

// withContext fills the Prev and Next source texts of entries that follow
// one another in the same document.
func withContext(entries []tm.MemoryEntry) {
	for i := range entries {
		e := &entries[i]
		if e.Origin.Document == "" {
			continue
		}
		if i > 0 && entries[i-1].Origin.Document == e.Origin.Document && entries[i-1].Source != e.Source {
			e.Prev = entries[i-1].Source
		}
		if i+1 < len(entries) && entries[i+1].Origin.Document == e.Origin.Document && entries[i+1].Source != e.Source {
			e.Next = entries[i+1].Source
		}
	}
}

// contextStream turns a stream of units' entries into a stream of
// entries with their Prev and Next filled as withContext does, reading one
// unit ahead.
type contextStream struct {
	// pull returns the entries of the next unit, io.EOF at the end, or
	// errPause to end the stream for now: the last entry then waits for
	// the stream to go on, to know what follows it.
	pull  func() ([]tm.MemoryEntry, error)
	queue []tm.MemoryEntry // what is left of buf to hand out
	buf   []tm.MemoryEntry // queue's array, reused
	last  tm.MemoryEntry
	has   bool // last is set
	eof   bool
}

// errPause is what a contextStream's pull returns to end the stream for
// now (see contextStream).
var errPause = errors.New("pause")

// next returns the next entry, false at the end; see tm.Store.AddEntriesFrom.
func (cs *contextStream) next() (tm.MemoryEntry, bool, error) {
	paused := false
	for len(cs.queue) < 2 && !cs.eof {
		if len(cs.queue) == 0 {
			// Start again at the front of the array: entries are taken
			// from the front by reslicing, not by moving the rest down,
			// which would cost n² copies for a tu with n variants.
			cs.queue = cs.buf[:0]
		}
		es, err := cs.pull()
		if err == io.EOF {
			cs.eof = true
			break
		}
		if err == errPause {
			paused = true
			break
		}
		if err != nil {
			return tm.MemoryEntry{}, false, err
		}
		cs.queue = append(cs.queue, es...)
		if len(cs.queue) == len(es) {
			cs.buf = cs.queue
		}
	}
	if len(cs.queue) == 0 || paused && len(cs.queue) == 1 {
		return tm.MemoryEntry{}, false, nil
	}
	e := cs.queue[0]
	cs.queue = cs.queue[1:]
	if e.Origin.Document != "" {
		if cs.has && cs.last.Origin.Document == e.Origin.Document && cs.last.Source != e.Source {
			e.Prev = cs.last.Source
		}
		if len(cs.queue) > 0 && cs.queue[0].Origin.Document == e.Origin.Document && cs.queue[0].Source != e.Source {
			e.Next = cs.queue[0].Source
		}
	}
	cs.last, cs.has = e, true
	return e, true, nil
}
