package exchange

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
)

// ImportOptions says how [ImportTMX] and [ImportXLIFF] attribute what they
// record.
type ImportOptions struct {
	// File is the file's name, for errors; the memory's entries record
	// its base name as their origin.
	File string
	// By is the author of units whose file names none.
	By string
	// Author, when set, gives the author of a revision of doc by role when
	// neither the file nor By names one (for example the document's
	// credited translator); "" for none.
	Author func(doc tm.Document, role tm.Role) string
}

// ImportResult counts what an import read and recorded.
type ImportResult struct {
	// Version is the XLIFF version the file declares ("" for a TMX).
	Version string
	// Units counts the units read; MemoryUnits those of them that went
	// into the memory (units of a TMX, and units of an XLIFF whose
	// document the store does not have).
	Units, MemoryUnits int
	// Added counts the memory entries added, Skipped those already there.
	Added, Skipped int
	// Revised counts the units given a new revision, Unchanged those
	// whose target was already the file's, Approved those made final.
	Revised, Unchanged, Approved int
	// NotFound counts the units that match nothing (see [NotFoundError]);
	// NotFoundUnits names the first [MaxNotFound] of them.
	NotFound      int
	NotFoundUnits []UnitRef
}

// UnitRef names a unit of a file: its document (the file's name for it)
// and its id.
type UnitRef struct{ Document, Unit string }

// String returns "document#unit", or the unit alone when the document has
// no name.
func (r UnitRef) String() string {
	if r.Document == "" {
		return r.Unit
	}
	return r.Document + "#" + r.Unit
}

// MaxNotFound is how many of the units that match nothing an
// [ImportResult] names: a file of a million such units is not held in
// memory.
const MaxNotFound = 100

// NotFoundError is the error of [ImportXLIFF] when some units of the file
// match nothing: their document is not in the store and they carry no
// translation the memory could take. Nothing is recorded.
type NotFoundError struct {
	File string
	// Result counts what was read (and would have been recorded); its
	// NotFound counts the units, NotFoundUnits names the first of them.
	Result ImportResult
}

func (e *NotFoundError) Error() string {
	return e.File + ": " + strconv.Itoa(e.Result.NotFound) + " units not found in any document"
}

// ImportTMX streams the units of a TMX into the memory, in one transaction:
// neither the file nor its entries are held in memory, and an error
// anywhere leaves the database untouched.
func ImportTMX(ctx context.Context, s *tm.Store, in io.Reader, o ImportOptions) (ImportResult, error) {
	r := tmx.NewReader(in, o.File)
	var res ImportResult
	cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
		eu, err := r.Next()
		if err != nil {
			return nil, err
		}
		res.Units++
		res.MemoryUnits++
		es, err := MemoryEntries(eu, filepath.Base(o.File), o.By)
		if err != nil {
			return nil, &UnitError{File: o.File, Document: eu.Document, Unit: eu.ID, Err: err}
		}
		return es, nil
	}}
	var err error
	res.Added, res.Skipped, err = s.AddEntriesFrom(ctx, cs.next)
	return res, err
}

// xliffBatch is how many units of documents ImportXLIFF checks and writes
// at a time: at most tm.BatchUnits, so that each write reads only the
// units it touches. Tests make it small.
var xliffBatch = tm.BatchUnits

// ImportXLIFF brings the units of an XLIFF back into their documents, in
// one transaction that the file is streamed into: units matched by
// document (the file's original) and id, each changed target a new
// revision (author from the file, else o.By, else o.Author), a final
// state an approval. Units of documents the store does not have go into
// the memory. Units of documents are checked and written a batch at a
// time, units for the memory as they come; neither the file nor a
// document is held in memory. An error anywhere, even in the last unit,
// rolls everything back.
//
// XLIFF 1.0 and 1.1 (what translate-toolkit's po2xliff writes) are read as
// 1.2, whose structure they share. Units whose document the store does not
// have and that carry no target (or whose file names no target language)
// match nothing: the import then fails with
// a [*NotFoundError] naming them. Errors about a unit are [*UnitError]s.
func ImportXLIFF(ctx context.Context, s *tm.Store, in io.Reader, o ImportOptions) (ImportResult, error) {
	x := &xliffImport{s: s, o: o, r: xliff.NewReader(in, o.File), docs: map[string]*xliffDoc{}}
	x.memory.pull = x.pullMemory
	v, err := x.r.Version()
	if err != nil {
		return x.res, err
	}
	x.res.Version = v
	err = s.Update(ctx, func(ctx context.Context, tx *tm.Tx) error {
		x.tx = tx
		if err := x.run(ctx); err != nil {
			return err
		}
		if x.res.NotFound > 0 {
			return &NotFoundError{File: o.File, Result: x.res}
		}
		return nil
	})
	if err != nil {
		return x.res, err
	}
	return x.res, nil
}

// xliffDoc is a document of the store, and the language, that units of an
// XLIFF go back into.
type xliffDoc struct {
	doc  tm.Document // as tm.Store.DocumentHead gives it
	lang string      // canonical
}

// xliffUnit is a unit of an XLIFF that goes back into a document.
type xliffUnit struct {
	eu exports.Unit
	d  *xliffDoc
}

// xliffImport is the state of ImportXLIFF's transaction.
type xliffImport struct {
	s *tm.Store
	// tx is the transaction of the import, set while it runs.
	tx *tm.Tx
	o  ImportOptions
	r  *xliff.Reader
	// docs holds, by document and target language as the file gives
	// them, the document of the store, or nil for one it does not have.
	docs map[string]*xliffDoc
	// held is a unit read but not handled yet; eof is set once the reader
	// is at its end.
	held *exports.Unit
	eof  bool
	// pending are the units of documents waiting to be checked and
	// written, at most xliffBatch.
	pending []xliffUnit
	res     ImportResult
	// memory streams the entries of runs of memory units to the memory
	// with their document context; runEnd ends a run at a unit of a
	// document.
	memory contextStream
	runEnd bool
}

// docKey is the key of docs for a unit.
func docKey(eu exports.Unit) string { return eu.Document + "\x00" + eu.TargetLang }

// read returns the held unit, else the next unit of the file (io.EOF at
// the end).
func (x *xliffImport) read() (exports.Unit, error) {
	if x.held != nil {
		eu := *x.held
		x.held = nil
		return eu, nil
	}
	if x.eof {
		return exports.Unit{}, io.EOF
	}
	eu, err := x.r.Next()
	switch {
	case err == io.EOF:
		x.eof = true
	case err == nil:
		x.res.Units++
	}
	return eu, err
}

// run is the transaction: units of documents go into pending, runs of
// memory units into the memory.
func (x *xliffImport) run(ctx context.Context) error {
	for {
		eu, err := x.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		d, err := x.document(ctx, eu)
		if err != nil {
			return err
		}
		if d == nil {
			// The memory's run reads this unit again. Earlier units are
			// checked first, so that the first bad unit is the one named.
			x.held = &eu
			if err := x.flush(ctx); err != nil {
				return err
			}
			if err := x.toMemory(ctx); err != nil {
				return err
			}
			continue
		}
		if x.pending = append(x.pending, xliffUnit{eu, d}); len(x.pending) >= xliffBatch {
			if err := x.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := x.flush(ctx); err != nil {
		return err
	}
	if len(x.memory.queue) > 0 {
		return x.toMemory(ctx) // the last entry, held back for its context
	}
	return nil
}

// document returns the document a unit goes back into, or nil when the
// store has none of its name.
func (x *xliffImport) document(ctx context.Context, eu exports.Unit) (*xliffDoc, error) {
	dk := docKey(eu)
	if d, seen := x.docs[dk]; seen {
		return d, nil
	}
	var d *xliffDoc
	doc, err := x.tx.DocumentHead(ctx, eu.Document)
	var de *tm.DocumentError
	switch {
	case errors.As(err, &de):
	case err != nil:
		return nil, err
	case eu.TargetLang == "":
		return nil, &UnitError{File: x.o.File, Document: eu.Document, Unit: eu.ID, Err: ErrNoTargetLang}
	default:
		lang, err := tm.CanonicalLanguage(eu.TargetLang)
		if err != nil {
			return nil, &UnitError{File: x.o.File, Document: eu.Document, Unit: eu.ID, Err: &wrapped{ErrBadLanguage, err}}
		}
		d = &xliffDoc{doc: doc, lang: lang}
	}
	x.docs[dk] = d
	return d, nil
}

// toMemory adds a run of memory units, from the held one up to the next
// unit of a document, to the memory.
func (x *xliffImport) toMemory(ctx context.Context) error {
	x.runEnd = false
	added, skipped, err := x.tx.AddEntriesFrom(ctx, x.memory.next)
	x.res.Added += added
	x.res.Skipped += skipped
	return err
}

// pullMemory is the pull of x.memory: the entries of the next unit of the
// current run of memory units. It pauses at a unit of a document (or one
// of an unknown document and language: document looks it up), which it
// holds for run; the last entry of a run so waits for the next run, or the
// end of the file, to know what follows it.
func (x *xliffImport) pullMemory() ([]tm.MemoryEntry, error) {
	if x.runEnd {
		return nil, errPause
	}
	eu, err := x.read()
	if err != nil {
		return nil, err // io.EOF at the end
	}
	if d, seen := x.docs[docKey(eu)]; !seen || d != nil {
		x.held = &eu
		x.runEnd = true
		return nil, errPause
	}
	if eu.Target == "" && len(eu.Variants) == 0 || eu.TargetLang == "" {
		// Nothing the memory can take: no translation, or no language.
		if x.res.NotFound++; len(x.res.NotFoundUnits) < MaxNotFound {
			x.res.NotFoundUnits = append(x.res.NotFoundUnits, UnitRef{eu.Document, eu.ID})
		}
		return nil, nil
	}
	x.res.MemoryUnits++
	es, err := MemoryEntries(eu, filepath.Base(x.o.File), x.o.By)
	if err != nil {
		return nil, &UnitError{File: x.o.File, Document: eu.Document, Unit: eu.ID, Err: err}
	}
	return es, nil
}

// unitIndex is the segment a unit goes back into: the file's segment
// number, else the number in its id ("s3"), else 0.
func unitIndex(eu exports.Unit) int {
	if eu.Segment != 0 {
		return eu.Segment
	}
	idx, _ := strconv.Atoi(strings.TrimPrefix(eu.ID, "s"))
	return idx
}

// flush checks the pending units against their documents, in file order,
// and writes their new revisions and approvals.
func (x *xliffImport) flush(ctx context.Context) error {
	if len(x.pending) == 0 {
		return nil
	}
	// The current state of the batch's units, document by document.
	var docs []*xliffDoc
	wanted := map[*xliffDoc][]int{}
	for _, p := range x.pending {
		if idx := unitIndex(p.eu); idx >= 1 && idx <= p.d.doc.Units {
			if wanted[p.d] == nil {
				docs = append(docs, p.d)
			}
			wanted[p.d] = append(wanted[p.d], idx)
		}
	}
	states := map[*xliffDoc]map[int]tm.UnitState{}
	for _, d := range docs {
		ex, err := x.tx.UnitsAt(ctx, d.doc.Name, d.lang, wanted[d])
		if err != nil {
			return err
		}
		at := make(map[int]tm.UnitState, len(ex.Units))
		for _, us := range ex.Units {
			at[us.Index] = us
		}
		states[d] = at
	}
	type key struct {
		doc, lang string
		role      tm.Role
		author    string
	}
	changes := map[key]*tm.Change{}
	approvals := map[key][]int{}
	var order, approvalOrder []key
	for _, p := range x.pending {
		eu, d := p.eu, p.d
		idx := unitIndex(eu)
		uerr := func(err error) error {
			return &UnitError{File: x.o.File, Document: d.doc.Name, Unit: eu.ID, Index: idx, Count: d.doc.Units, Err: err}
		}
		if idx < 1 || idx > d.doc.Units {
			return uerr(ErrUnitMismatch)
		}
		tu := states[d][idx]
		if norm.NFC.String(exports.StripCodes(eu.Source, eu.Codes)) != norm.NFC.String(tu.Source) {
			return uerr(ErrSourceChanged)
		}
		if eu.Target == "" {
			continue
		}
		text, codes, err := CanonicalTarget(eu.Target, eu.Codes)
		if err != nil {
			return uerr(&wrapped{ErrBadCodes, err})
		}
		// The stored target in the same form: a target stored before
		// (say by 'padan translate', without codes) and the same target
		// read back compare equal.
		stored, storedCodes, err := StoredTarget(tu.Target, tu.Codes)
		if err != nil {
			return uerr(&wrapped{ErrBadCodes, err})
		}
		role := tm.RoleTranslator
		if eu.Status.Reached(exports.StatusReviewed) {
			role = tm.RoleEditor
		}
		author := ""
		for i := len(eu.Revisions) - 1; i >= 0; i-- {
			if rv := eu.Revisions[i]; rv.Text == eu.Target && rv.Author != "" {
				author = rv.Author
				break
			}
		}
		if author == "" {
			author = strings.TrimSpace(x.o.By)
		}
		if author == "" && x.o.Author != nil {
			author = strings.TrimSpace(x.o.Author(d.doc, role))
		}
		if author == "" {
			return uerr(ErrNoAuthor)
		}
		k := key{d.doc.Name, d.lang, role, author}
		if norm.NFC.String(text) == norm.NFC.String(stored) && codes == storedCodes {
			x.res.Unchanged++
		} else {
			ch := changes[k]
			if ch == nil {
				ch = &tm.Change{Document: k.doc, Language: k.lang, Role: role, Author: author}
				changes[k] = ch
				order = append(order, k)
			}
			ch.Entries = append(ch.Entries, tm.Entry{Index: idx, Text: text, Codes: codes, Score: -1})
			x.res.Revised++
		}
		if eu.Status == exports.StatusFinal && tu.Status != tm.StatusFinal {
			if approvals[k] == nil {
				approvalOrder = append(approvalOrder, k)
			}
			approvals[k] = append(approvals[k], idx)
		}
	}
	x.pending = x.pending[:0]
	// The batch is checked: write it.
	for _, k := range order {
		if _, err := x.tx.Revise(ctx, *changes[k]); err != nil {
			// An author the store refuses: name the first unit it wrote.
			var fe *tm.FieldError
			if errors.As(err, &fe) && fe.Unit == "" {
				fe.Unit = "segment " + strconv.Itoa(changes[k].Entries[0].Index)
			}
			return err
		}
	}
	for _, k := range approvalOrder {
		// The file says final: a unit whose target it leaves as padan's
		// translator had it is approved without padan's review, recorded
		// as such.
		n, err := x.tx.ApproveWith(ctx, k.doc, k.lang, k.author, approvals[k], tm.ApproveOptions{SkipReview: true})
		if err != nil {
			return err
		}
		x.res.Approved += n
	}
	return nil
}
