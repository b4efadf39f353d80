package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/exchange"
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
			return u.Fail("ReadFailed", map[string]any{"File": path, "Error": u.errorText(err)}, err)
		}
		defer f.Close()
		name, in = path, f
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			src = f
			rewind = func() error {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return u.Fail("ReadFailed", map[string]any{"File": name, "Error": u.errorText(err)}, err)
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
		return u.Fail("ImportTMFailed", map[string]any{"Error": u.errorText(err)}, err)
	}
	d := map[string]any{"File": se.File, "Line": se.Line, "Error": se.Msg}
	switch {
	case errors.Is(err, exports.ErrEntity):
		return u.Fail("ImportTMEntity", d, err)
	case errors.Is(err, exports.ErrTooLarge):
		return u.Fail("ImportTMTooLarge", d, err)
	case errors.Is(err, exports.ErrTooDeep):
		return u.Fail("ImportTMTooDeep", d, err)
	case errors.Is(err, exports.ErrEncoding):
		return u.Fail("ImportTMEncoding", d, err)
	case errors.Is(err, exports.ErrNotWellFormed):
		return u.Fail("ImportTMNotWellFormed", d, err)
	}
	return u.Fail("ImportTMBadFile", d, err)
}

// importOptions are the options of an import from the command line.
func importOptions(c *cli.Context, u *ui, name string) exchange.ImportOptions {
	return exchange.ImportOptions{File: name, By: c.String("by"), Author: func(doc tm.Document, role tm.Role) string {
		return defaultAuthor(u, doc, string(role))
	}}
}

// importTMX streams the units of a TMX into the memory (see
// exchange.ImportTMX) and prints the summary.
func importTMX(c *cli.Context, u *ui, s *tm.Store, name string, in io.Reader) error {
	res, err := exchange.ImportTMX(c.Context, s, in, importOptions(c, u, name))
	if err != nil {
		return importFailure(u, err, name)
	}
	if !c.Bool("quiet") {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMDone", map[string]any{"File": name, "Count": res.Added, "Skipped": res.Skipped, "Units": res.Units}))
	}
	return nil
}

// importXLIFF brings the units of an XLIFF back into their documents (see
// exchange.ImportXLIFF) and prints the summary.
func importXLIFF(c *cli.Context, u *ui, s *tm.Store, name string, in io.Reader) error {
	res, err := exchange.ImportXLIFF(c.Context, s, in, importOptions(c, u, name))
	if err != nil {
		return importFailure(u, err, name)
	}
	if c.Bool("quiet") {
		return nil
	}
	if res.MemoryUnits > 0 {
		fmt.Fprintln(c.App.Writer, u.T("ImportTMDone", map[string]any{"File": name, "Count": res.Added, "Skipped": res.Skipped, "Units": res.MemoryUnits}))
	}
	fmt.Fprintln(c.App.Writer, u.T("ImportXLIFFSummary", map[string]any{"File": name, "Count": res.Revised,
		"Unchanged": res.Unchanged, "Approved": res.Approved, "Version": res.Version}))
	return nil
}

// notFoundListed is how many units not found an error names.
const notFoundListed = 5

// importFailure localizes an error of an import.
func importFailure(u *ui, err error, name string) error {
	var (
		ue  *exchange.UnitError
		nfe *exchange.NotFoundError
		se  *exports.SyntaxError
	)
	switch {
	case errors.As(err, &nfe):
		n := nfe.Result.NotFound
		list := make([]string, 0, notFoundListed+1)
		for i, r := range nfe.Result.NotFoundUnits {
			if i == notFoundListed {
				break
			}
			list = append(list, r.String())
		}
		if n > len(list) {
			list = append(list, u.T("ImportXLIFFNotFoundMore", map[string]any{"Count": n - len(list)}))
		}
		return u.Fail("ImportXLIFFNotFound", map[string]any{"File": name, "Count": n, "List": strings.Join(list, ", ")}, err)
	case errors.As(err, &ue):
		data := map[string]any{"File": name, "Doc": ue.Document, "Unit": ue.Unit, "Index": ue.Index, "Count": ue.Count, "Error": ue.Err.Error()}
		switch {
		case errors.Is(err, exchange.ErrBadLanguage):
			return u.Fail("ImportTMBadLanguage", data, err)
		case errors.Is(err, exchange.ErrNoTargetLang):
			return u.Fail("ImportTMNoTargetLang", data, err)
		case errors.Is(err, exchange.ErrUnitMismatch):
			return u.Fail("ImportTMUnitMismatch", data, err)
		case errors.Is(err, exchange.ErrSourceChanged):
			return u.Fail("ImportTMSourceChanged", data, err)
		case errors.Is(err, exchange.ErrNoAuthor):
			return u.usageFor(importTMName, "ImportTMNeedBy", nil)
		}
		return u.Fail("ImportTMFailed", data, err)
	case errors.As(err, &se):
		return fileFailure(u, err)
	}
	return tmFailure(u, err, name)
}
