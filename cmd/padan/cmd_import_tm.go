package main

import (
	"bufio"
	"bytes"
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
	// A file is read twice, streaming: its root element tells the format.
	// Standard input is read into memory first.
	var (
		name string
		src  io.ReadSeeker
		size int64
	)
	if path == "-" {
		n, data, err := readInput(c, u, path)
		if err != nil {
			return err
		}
		name, src, size = n, bytes.NewReader(data), int64(len(data))
	} else {
		f, err := os.Open(path)
		if err != nil {
			return u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		name, src = path, f
	}
	format := "tmx"
	_, err := tmx.NewReader(src, name).Header()
	if errors.Is(err, exports.ErrWrongRoot) {
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return u.Fail("ReadFailed", map[string]any{"File": name, "Error": errorText(err)}, err)
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
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return u.Fail("ReadFailed", map[string]any{"File": name, "Error": errorText(err)}, err)
	}
	s, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgress(c, u, int(size), "ImportTMProgress", true)
	// Read in big blocks: the bar is updated once per block.
	in := bufio.NewReaderSize(io.TeeReader(src, bar), 1<<20)
	if format == "tmx" {
		err = importTMX(c, u, s, name, in)
	} else {
		err = importXLIFF(c, u, s, name, in)
	}
	bar.Finish()
	return err
}

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
		sl, err := tm.CanonicalLanguage(p.sl)
		if err != nil {
			return nil, err
		}
		tl, err := tm.CanonicalLanguage(p.tl)
		if err != nil {
			return nil, err
		}
		out = append(out, tm.MemoryEntry{
			SourceLang: sl, TargetLang: tl, Source: p.src, Target: p.tgt, Codes: codesJSON(u.Codes),
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
	// pull returns the entries of the next unit, or io.EOF at the end.
	pull  func() ([]tm.MemoryEntry, error)
	queue []tm.MemoryEntry
	last  tm.MemoryEntry
	has   bool // last is set
	eof   bool
}

// next returns the next entry, false at the end; see tm.Store.AddEntriesFrom.
func (cs *contextStream) next() (tm.MemoryEntry, bool, error) {
	for len(cs.queue) < 2 && !cs.eof {
		es, err := cs.pull()
		if err == io.EOF {
			cs.eof = true
			break
		}
		if err != nil {
			return tm.MemoryEntry{}, false, err
		}
		cs.queue = append(cs.queue, es...)
	}
	if len(cs.queue) == 0 {
		return tm.MemoryEntry{}, false, nil
	}
	e := cs.queue[0]
	cs.queue = append(cs.queue[:0], cs.queue[1:]...)
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

// docTarget is one document's translation read from the store, to compare
// an imported XLIFF with.
type docTarget struct {
	t *tm.Translation
	// latest codes JSON of each unit's latest revision.
	codes []string
}

func importXLIFF(c *cli.Context, u *ui, s *tm.Store, name string, in io.Reader) error {
	r := xliff.NewReader(in, name)
	var units []exports.Unit
	for {
		eu, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileFailure(u, err)
		}
		units = append(units, eu)
	}
	// Units of documents the store has go back into them; the others, if
	// translated, into the memory.
	docs := map[string]*docTarget{}
	var entries []tm.MemoryEntry
	memoryUnits := 0
	type key struct {
		doc, lang string
		role      tm.Role
		author    string
	}
	changes := map[key]*tm.Change{}
	var order []key
	approvals := map[key][]int{}
	unchanged, revised := 0, 0
	for _, eu := range units {
		dk := eu.Document + "\x00" + eu.TargetLang
		d, seen := docs[dk]
		if !seen {
			if eu.TargetLang == "" {
				return u.Fail("ImportTMNoTargetLang", map[string]any{"File": name, "Doc": eu.Document}, nil)
			}
			t, err := s.Translation(c.Context, eu.Document, eu.TargetLang, false)
			var de *tm.DocumentError
			switch {
			case errors.As(err, &de):
				d = nil
			case err != nil:
				return tmFailure(u, err, name)
			default:
				d = &docTarget{t: t}
				for _, tu := range t.Units {
					code := ""
					if n := len(tu.Revisions); n > 0 {
						code = tu.Revisions[n-1].Codes
					}
					d.codes = append(d.codes, code)
				}
			}
			docs[dk] = d
		}
		if d == nil {
			es, err := memoryEntries(eu, filepath.Base(name), c.String("by"))
			if err != nil {
				return u.Fail("ImportTMBadLanguage", map[string]any{"File": name, "Unit": eu.ID, "Error": err.Error()}, err)
			}
			entries = append(entries, es...)
			memoryUnits++
			continue
		}
		idx := eu.Segment
		if idx == 0 {
			idx, _ = strconv.Atoi(strings.TrimPrefix(eu.ID, "s"))
		}
		if idx < 1 || idx > len(d.t.Units) {
			return u.Fail("ImportTMUnitMismatch", map[string]any{"File": name, "Doc": d.t.Document.Name, "Unit": eu.ID, "Count": len(d.t.Units)}, nil)
		}
		tu := &d.t.Units[idx-1]
		if norm.NFC.String(exports.StripCodes(eu.Source, eu.Codes)) != norm.NFC.String(tu.Source) {
			return u.Fail("ImportTMSourceChanged", map[string]any{"File": name, "Doc": d.t.Document.Name, "Unit": eu.ID, "Index": idx}, nil)
		}
		if eu.Target == "" {
			continue
		}
		var cs exports.CodeSet
		text, err := cs.Remap(eu.Target, eu.Codes)
		if err != nil {
			return u.Fail("ImportTMFailed", map[string]any{"Error": err.Error()}, err)
		}
		codes := codesJSON(cs.Codes)
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
			author = strings.TrimSpace(c.String("by"))
		}
		if author == "" {
			author = defaultAuthor(u, d.t.Document, roleKey)
		}
		if author == "" {
			return u.usageFor(importTMName, "ImportTMNeedBy", nil)
		}
		k := key{d.t.Document.Name, d.t.Language, role, author}
		if norm.NFC.String(text) == tu.Target && codes == d.codes[idx-1] {
			unchanged++
		} else {
			ch := changes[k]
			if ch == nil {
				ch = &tm.Change{Document: k.doc, Language: k.lang, Role: role, Author: author}
				changes[k] = ch
				order = append(order, k)
			}
			ch.Entries = append(ch.Entries, tm.Entry{Index: idx, Text: text, Codes: codes, Score: -1})
			revised++
		}
		if eu.Status == exports.StatusFinal && tu.Status != tm.StatusFinal {
			approvals[k] = append(approvals[k], idx)
		}
	}
	// Everything is checked: now write, all in one transaction.
	approved, added, skipped := 0, 0, 0
	toMemory := len(entries) > 0 || memoryUnits > 0
	werr := s.Update(c.Context, func(ctx context.Context) error {
		for _, k := range order {
			if _, err := s.Revise(ctx, *changes[k]); err != nil {
				return err
			}
		}
		for k, idx := range approvals {
			n, err := s.Approve(ctx, k.doc, k.lang, k.author, idx)
			if err != nil {
				return err
			}
			approved += n
		}
		if !toMemory {
			return nil
		}
		withContext(entries)
		var err error
		added, skipped, err = s.AddEntries(ctx, entries)
		return err
	})
	if werr != nil {
		return tmFailure(u, werr, name)
	}
	if toMemory && !c.Bool("quiet") {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMDone", map[string]any{"File": name, "Count": added, "Skipped": skipped, "Units": memoryUnits}))
	}
	if !c.Bool("quiet") && memoryUnits < len(units) {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMRevised", map[string]any{"File": name, "Count": revised, "Unchanged": unchanged, "Approved": approved}))
	}
	return nil
}
