package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newImportTMCommand) }

// importTMName is the command's name, for usage errors.
const importTMName = "import-tm"

// newImportTMCommand is `padan import-tm FILE [--by NAME] [--quiet]`: read a
// TMX into the translation memory, or bring an XLIFF that padan exported
// (and a CAT tool translated) back into its document as new revisions.
func newImportTMCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        importTMName,
		Usage:       u.T("ImportTMUsage"),
		ArgsUsage:   u.T("ImportTMArgs"),
		Description: u.T("ImportTMDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "by", Usage: u.T("ImportTMFlagBy")},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: u.T("ImportTMFlagQuiet")},
		},
		Action: func(c *cli.Context) error { return importTMRun(c, u) },
	}
}

// newProgress returns a progress bar on the error stream, shown only when
// that is a terminal and --quiet is not set; otherwise a bar that prints
// nothing. With inBytes, total counts bytes.
func newProgress(c *cli.Context, u *ui, total int, descID string, inBytes bool) *progressbar.ProgressBar {
	visible := false
	if f, ok := c.App.ErrWriter.(*os.File); ok && !c.Bool("quiet") {
		visible = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(c.App.ErrWriter),
		progressbar.OptionSetVisibility(visible),
		progressbar.OptionSetDescription(u.T(descID)),
		progressbar.OptionShowBytes(inBytes),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	)
}

func importTMRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	path := c.Args().First()
	// The input is read as a stream, twice: once for its format (the root
	// element, a TMX's header), then for the import. A regular file is
	// read again from its start; standard input or a pipe from what the
	// first reading kept (at most maxFileHead bytes), then on.
	var (
		name   string
		in     io.Reader
		size   int64
		src    io.Reader
		rewind func() error
		stop   = func() {}
	)
	if path == "-" {
		name, in = u.T("StdinName"), c.App.Reader
	} else {
		f, err := os.Open(path)
		if err != nil {
			return u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
		}
		defer f.Close()
		name, in = path, f
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			src = f
			rewind = func() error {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return u.Fail("ReadFailed", map[string]any{"File": name, "Error": errorText(err)}, err)
				}
				return nil
			}
		}
	}
	if src == nil {
		rp := &replay{r: in, max: maxFileHead}
		src, stop = rp, rp.stop
		rewind = func() error {
			if !rp.rewind() {
				return u.Fail("ImportTMHeadTooLarge", map[string]any{"File": name, "Limit": mebibytes(maxFileHead)}, nil)
			}
			return nil
		}
	}
	format := "tmx"
	_, err := tmx.NewReader(src, name).Header()
	if errors.Is(err, exports.ErrWrongRoot) {
		if err := rewind(); err != nil {
			return err
		}
		if _, err := xliff.NewReader(src, name).Version(); err != nil {
			if errors.Is(err, exports.ErrWrongRoot) {
				return u.Fail("ImportTMUnknownFormat", map[string]any{"File": name}, err)
			}
			return fileFailure(u, err)
		}
		format = "xliff"
	} else if err != nil {
		return fileFailure(u, err)
	}
	if err := rewind(); err != nil {
		return err
	}
	stop()
	s, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgress(c, u, int(size), "ImportTMProgress", true)
	// Read in big blocks: the bar is updated once per block.
	br := bufio.NewReaderSize(io.TeeReader(src, bar), 1<<20)
	if format == "tmx" {
		err = importTMX(c, u, s, name, br)
	} else {
		err = importXLIFF(c, u, s, name, br)
	}
	bar.Finish()
	return err
}

// maxFileHead is the most bytes import-tm keeps of standard input (or a
// pipe) to tell its format (its root element; a TMX's header), which it
// then reads again.
const maxFileHead = 16 << 20

// replay is a reader that keeps what it reads, up to max bytes, so that it
// can be read again from the start (rewind), as a file by its path could
// be; stop ends the keeping once nothing is to be read again.
type replay struct {
	r       io.Reader
	max     int
	kept    []byte
	pos     int  // where Read is in kept
	over    bool // more than max bytes were read: rewind cannot
	stopped bool
}

// Read reads what is kept first, then from r, keeping it.
func (p *replay) Read(b []byte) (int, error) {
	if p.pos < len(p.kept) {
		n := copy(b, p.kept[p.pos:])
		p.pos += n
		return n, nil
	}
	if p.stopped {
		p.kept = nil // read again: let it go
		return p.r.Read(b)
	}
	n, err := p.r.Read(b)
	if !p.over && len(p.kept)+n <= p.max {
		p.kept = append(p.kept, b[:n]...)
		p.pos = len(p.kept)
	} else {
		p.over, p.kept = true, nil
	}
	return n, err
}

// rewind makes Read start again from the first byte, or reports false
// when more than max bytes were read.
func (p *replay) rewind() bool {
	p.pos = 0
	return !p.over
}

// stop ends the keeping: what is kept is read once more, then dropped.
func (p *replay) stop() { p.stopped = true }

// fileFailure localizes an error of a TMX or XLIFF reader.
func fileFailure(u *ui, err error) error {
	var se *exports.SyntaxError
	if !errors.As(err, &se) {
		return u.Fail("ImportTMFailed", map[string]any{"Error": err.Error()}, err)
	}
	id := "ImportTMBadFile"
	switch {
	case errors.Is(err, exports.ErrEntity):
		id = "ImportTMEntity"
	case errors.Is(err, exports.ErrTooLarge):
		id = "ImportTMTooLarge"
	case errors.Is(err, exports.ErrTooDeep):
		id = "ImportTMTooDeep"
	case errors.Is(err, exports.ErrEncoding):
		id = "ImportTMEncoding"
	case errors.Is(err, exports.ErrNotWellFormed):
		id = "ImportTMNotWellFormed"
	}
	return u.Fail(id, map[string]any{"File": se.File, "Line": se.Line, "Error": se.Msg}, err)
}

// codesJSON is the form in which the memory stores a text's codes.
func codesJSON(codes []exports.Code) string {
	if len(codes) == 0 {
		return ""
	}
	b, _ := json.Marshal(codes)
	return string(b)
}

// canonicalTarget returns a target read from a file, whose code runes index
// codes, in the form the store keeps (see exports.Canonical), with its
// codes as JSON.
func canonicalTarget(target string, codes []exports.Code) (string, string, error) {
	texts, cc, err := exports.Canonical(codes, target)
	if err != nil {
		return "", "", err
	}
	return texts[0], codesJSON(cc), nil
}

// storedTarget returns a stored target and its codes' JSON in the form of
// canonicalTarget.
func storedTarget(target, codesJSON string) (string, string, error) {
	var codes []exports.Code
	if codesJSON != "" {
		if err := json.Unmarshal([]byte(codesJSON), &codes); err != nil {
			return "", "", err
		}
	}
	return canonicalTarget(target, codes)
}

// memoryEntries turns a unit read from a file into memory entries: one, or
// one per target language of a TMX tu with several.
func memoryEntries(u exports.Unit, file, by string) ([]tm.MemoryEntry, error) {
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
			return nil, err
		}
		sl, err := tm.CanonicalLanguage(p.sl)
		if err != nil {
			return nil, err
		}
		tl, err := tm.CanonicalLanguage(p.tl)
		if err != nil {
			return nil, err
		}
		out = append(out, tm.MemoryEntry{
			SourceLang: sl, TargetLang: tl, Source: texts[0], Target: texts[1], Codes: codesJSON(codes),
			Origin: tm.Origin{Kind: tm.OriginImport, File: file, Document: u.Document, Segment: u.ID,
				Author: author, Role: string(role), Status: u.Status.String(), Time: rev.Time},
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

// importTMX streams the units of a TMX into the memory: the reader feeds
// one transaction as it goes, so that neither the file nor its entries are
// held in memory; an error anywhere leaves the database untouched.
func importTMX(c *cli.Context, u *ui, s *tm.Store, name string, in io.Reader) error {
	r := tmx.NewReader(in, name)
	units := 0
	cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
		eu, err := r.Next()
		if err != nil {
			return nil, err
		}
		units++
		es, err := memoryEntries(eu, filepath.Base(name), c.String("by"))
		if err != nil {
			return nil, &unitError{Unit: eu.ID, Err: err}
		}
		return es, nil
	}}
	added, skipped, err := s.AddEntriesFrom(c.Context, cs.next)
	var ue *unitError
	var se *exports.SyntaxError
	switch {
	case errors.As(err, &ue):
		return u.Fail("ImportTMBadLanguage", map[string]any{"File": name, "Unit": ue.Unit, "Error": ue.Err.Error()}, err)
	case errors.As(err, &se):
		return fileFailure(u, err)
	case err != nil:
		return tmFailure(u, err, name)
	}
	if !c.Bool("quiet") {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMDone", map[string]any{"File": name, "Count": added, "Skipped": skipped, "Units": units}))
	}
	return nil
}

// unitError is a unit of an imported file that cannot become a memory
// entry (a bad language tag).
type unitError struct {
	Unit string
	Err  error
}

func (e *unitError) Error() string { return fmt.Sprintf("unit %s: %v", e.Unit, e.Err) }
func (e *unitError) Unwrap() error { return e.Err }

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

// xliffBatch is how many units of documents importXLIFF checks and writes
// at a time: at most tm.BatchUnits, so that each write reads only the
// units it touches. Tests make it small.
var xliffBatch = tm.BatchUnits

// importXLIFF brings the units of an XLIFF back into their documents (the
// units of documents the store does not have go into the memory), in one
// transaction that the file is streamed into: units of documents are
// checked and written a batch at a time, units for the memory as they come.
// Neither the file nor a document is held in memory. An error anywhere,
// even in the last unit, rolls everything back.
func importXLIFF(c *cli.Context, u *ui, s *tm.Store, name string, in io.Reader) error {
	x := &xliffImport{c: c, u: u, name: name, r: xliff.NewReader(in, name), docs: map[string]*xliffDoc{}}
	x.memory.pull = x.pullMemory
	err := s.Update(c.Context, x.run)
	if err != nil {
		var ue *userError
		if errors.As(err, &ue) {
			return err
		}
		return tmFailure(u, err, name)
	}
	if x.memoryUnits > 0 && !c.Bool("quiet") {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMDone", map[string]any{"File": name, "Count": x.added, "Skipped": x.skipped, "Units": x.memoryUnits}))
	}
	if !c.Bool("quiet") && x.memoryUnits < x.units {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMRevised", map[string]any{"File": name, "Count": x.revised, "Unchanged": x.unchanged, "Approved": x.approved}))
	}
	return nil
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

// xliffImport is the state of importXLIFF's transaction.
type xliffImport struct {
	c    *cli.Context
	u    *ui
	tx   *tm.Tx // the transaction of run
	name string
	r    *xliff.Reader
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
	// The counts the summaries give.
	units, memoryUnits           int
	revised, unchanged, approved int
	added, skipped               int
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
		x.units++
	}
	return eu, err
}

// run is the transaction: units of documents go into pending, runs of
// memory units into the memory.
func (x *xliffImport) run(ctx context.Context, tx *tm.Tx) error {
	x.tx = tx
	for {
		eu, err := x.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileFailure(x.u, err)
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
	if eu.TargetLang == "" {
		return nil, x.u.Fail("ImportTMNoTargetLang", map[string]any{"File": x.name, "Doc": eu.Document}, nil)
	}
	lang, err := tm.CanonicalLanguage(eu.TargetLang)
	if err != nil {
		return nil, tmFailure(x.u, err, x.name)
	}
	var d *xliffDoc
	doc, err := x.tx.DocumentHead(ctx, eu.Document)
	var de *tm.DocumentError
	switch {
	case errors.As(err, &de):
	case err != nil:
		return nil, tmFailure(x.u, err, x.name)
	default:
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
	x.added += added
	x.skipped += skipped
	var ue *unitError
	var se *exports.SyntaxError
	switch {
	case errors.As(err, &ue):
		return x.u.Fail("ImportTMBadLanguage", map[string]any{"File": x.name, "Unit": ue.Unit, "Error": ue.Err.Error()}, err)
	case errors.As(err, &se):
		return fileFailure(x.u, err)
	case err != nil:
		return tmFailure(x.u, err, x.name)
	}
	return nil
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
	x.memoryUnits++
	es, err := memoryEntries(eu, filepath.Base(x.name), x.c.String("by"))
	if err != nil {
		return nil, &unitError{Unit: eu.ID, Err: err}
	}
	return es, nil
}

// flush checks the pending units against their documents, in file order,
// and writes their new revisions and approvals.
func (x *xliffImport) flush(ctx context.Context) error {
	if len(x.pending) == 0 {
		return nil
	}
	u, name := x.u, x.name
	// The current state of the batch's units, document by document.
	index := func(eu exports.Unit) int {
		if eu.Segment != 0 {
			return eu.Segment
		}
		idx, _ := strconv.Atoi(strings.TrimPrefix(eu.ID, "s"))
		return idx
	}
	var docs []*xliffDoc
	wanted := map[*xliffDoc][]int{}
	for _, p := range x.pending {
		if idx := index(p.eu); idx >= 1 && idx <= p.d.doc.Units {
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
			return tmFailure(u, err, name)
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
		idx := index(eu)
		if idx < 1 || idx > d.doc.Units {
			return u.Fail("ImportTMUnitMismatch", map[string]any{"File": name, "Doc": d.doc.Name, "Unit": eu.ID, "Count": d.doc.Units}, nil)
		}
		tu := states[d][idx]
		if norm.NFC.String(exports.StripCodes(eu.Source, eu.Codes)) != norm.NFC.String(tu.Source) {
			return u.Fail("ImportTMSourceChanged", map[string]any{"File": name, "Doc": d.doc.Name, "Unit": eu.ID, "Index": idx}, nil)
		}
		if eu.Target == "" {
			continue
		}
		text, codes, err := canonicalTarget(eu.Target, eu.Codes)
		if err != nil {
			return u.Fail("ImportTMFailed", map[string]any{"Error": err.Error()}, err)
		}
		// The stored target in the same form: a target stored before
		// (say by 'padan translate', without codes) and the same target
		// read back compare equal.
		stored, storedCodes, err := storedTarget(tu.Target, tu.Codes)
		if err != nil {
			return u.Fail("ImportTMFailed", map[string]any{"Error": err.Error()}, err)
		}
		role, roleKey := tm.RoleTranslator, "translator"
		if eu.Status >= exports.StatusReviewed {
			role, roleKey = tm.RoleEditor, "editor"
		}
		author := ""
		for i := len(eu.Revisions) - 1; i >= 0; i-- {
			if rv := eu.Revisions[i]; rv.Text == eu.Target && rv.Author != "" {
				author = rv.Author
				break
			}
		}
		if author == "" {
			author = strings.TrimSpace(x.c.String("by"))
		}
		if author == "" {
			author = defaultAuthor(u, d.doc, roleKey)
		}
		if author == "" {
			return u.usageFor(importTMName, "ImportTMNeedBy", nil)
		}
		k := key{d.doc.Name, d.lang, role, author}
		if norm.NFC.String(text) == norm.NFC.String(stored) && codes == storedCodes {
			x.unchanged++
		} else {
			ch := changes[k]
			if ch == nil {
				ch = &tm.Change{Document: k.doc, Language: k.lang, Role: role, Author: author}
				changes[k] = ch
				order = append(order, k)
			}
			ch.Entries = append(ch.Entries, tm.Entry{Index: idx, Text: text, Codes: codes, Score: -1})
			x.revised++
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
			return tmFailure(u, err, name)
		}
	}
	for _, k := range approvalOrder {
		n, err := x.tx.Approve(ctx, k.doc, k.lang, k.author, approvals[k])
		if err != nil {
			return tmFailure(u, err, name)
		}
		x.approved += n
	}
	return nil
}
