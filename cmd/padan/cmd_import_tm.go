package main

import (
	"bufio"
	"bytes"
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
