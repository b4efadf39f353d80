package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newImportCommand) }

// newImportCommand is `padan import FILE [--lang TAG] [--name NAME] [--srx
// FILE]`: segment a document and store it, or a new version of it.
func newImportCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "import",
		Usage:       u.T("ImportUsage"),
		ArgsUsage:   u.T("ImportArgs"),
		Description: u.T("ImportDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Value: "id", Usage: u.T("ImportFlagLang")},
			&cli.StringFlag{Name: "name", Usage: u.T("ImportFlagName")},
			&cli.StringFlag{Name: "srx", Usage: u.T("ImportFlagSRX")},
			&cli.BoolFlag{Name: "force", Usage: u.T("ImportFlagForce")},
		},
		Action: func(c *cli.Context) error { return importRun(c, u) },
	}
}

func importRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	path := c.Args().First()
	name := c.String("name")
	if name == "" {
		if path == "-" {
			return u.usageFor(c.Command.Name, "ImportNeedsName", nil)
		}
		base := filepath.Base(path)
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	rules, err := loadRules(c, u, c.String("srx"))
	if err != nil {
		return err
	}
	file, data, err := readInput(c, u, path)
	if err != nil {
		return err
	}
	nd, err := newDocument(file, name, lang, data, rules)
	if err != nil {
		return splitFailure(u, file, c.String("srx"), err)
	}
	nd.Force = c.Bool("force")
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Import(c.Context, nd)
	if err != nil {
		return tmFailure(u, err, file)
	}
	d := map[string]any{"Name": res.Document.Name, "Version": res.Document.Version, "Count": res.Document.Units,
		"Kept": res.Kept, "Changed": res.Changed, "Added": res.Added}
	switch {
	case res.Unchanged:
		fmt.Fprintln(c.App.Writer, u.T("ImportUnchanged", d))
	case res.New:
		fmt.Fprintln(c.App.Writer, u.T("ImportDone", d))
	default:
		fmt.Fprintln(c.App.Writer, u.T("ImportNewVersion", d))
		if res.Restored > 0 {
			fmt.Fprintln(c.App.Writer, u.T("ImportRestored", map[string]any{"Count": res.Restored}))
		}
	}
	return nil
}

// newDocument decodes and segments a file as a news article and turns it
// into what the store imports. Its metadata is the article's (date, place,
// credits: see segments.Metadata).
func newDocument(file, name, lang string, data []byte, rules *segments.Rules) (tm.NewDocument, error) {
	text, err := segments.Decode(file, data)
	if err != nil {
		return tm.NewDocument{}, err
	}
	tag, err := tm.CanonicalLanguage(lang)
	if err != nil {
		return tm.NewDocument{}, err
	}
	art, err := rules.Segmenter(language.Make(tag)).Article(text)
	if err != nil {
		return tm.NewDocument{}, err
	}
	meta := map[string]string{}
	b, _ := json.Marshal(art.Metadata)
	json.Unmarshal(b, &meta)
	for k, v := range meta {
		meta[k] = metadataValue(v)
	}
	nd := tm.NewDocument{Name: name, Language: tag, Original: data, Metadata: meta}
	for _, s := range art.Segments {
		nd.Units = append(nd.Units, tm.SourceUnit{Index: s.Index, Kind: string(s.Kind), Text: s.Text, Start: s.Start, End: s.End})
	}
	return nd, nil
}

// metadataValue returns a metadata value read from an article on one line:
// control characters (a soft line break inside a credit line, say) become
// spaces, and runs of spaces one. The article's bytes are stored as they
// are; its metadata is padan's reading of them, and the store refuses
// control characters in names.
func metadataValue(v string) string {
	v = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF {
			return ' '
		}
		return r
	}, v)
	return strings.Join(strings.Fields(v), " ")
}
