package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"
)

func init() { register(newDocsCommand) }

// newDocsCommand is `padan docs [--format text|json]`: list the documents.
func newDocsCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:  "docs",
		Usage: u.T("DocsUsage"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TMFlagFormat")},
		},
		Action: func(c *cli.Context) error { return docsRun(c, u) },
	}
}

type docJSON struct {
	ID        int64             `json:"id"`
	Name      string            `json:"name"`
	Language  string            `json:"language"`
	Version   int               `json:"version"`
	Segments  int               `json:"segments"`
	Words     int               `json:"words"`
	Languages []string          `json:"languages"`
	Metadata  map[string]string `json:"metadata"`
	Updated   string            `json:"updated"`
}

func docsRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 0, 0); err != nil {
		return err
	}
	format, err := formatFlag(c, u, "text", "json")
	if err != nil {
		return err
	}
	store, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	docs, err := store.Documents(c.Context)
	if err != nil {
		return tmFailure(u, err, "")
	}
	if format == "json" {
		out := []docJSON{}
		for _, d := range docs {
			langs := d.Languages
			if langs == nil {
				langs = []string{}
			}
			out = append(out, docJSON{d.ID, d.Name, d.Language, d.Version, d.Units, d.Words, langs, d.Metadata,
				d.Updated.UTC().Format(time.RFC3339)})
		}
		return tmJSON(c.App.Writer, map[string]any{"documents": out})
	}
	if len(docs) == 0 {
		fmt.Fprintln(c.App.Writer, u.T("DocsNone"))
		return nil
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, u.T("DocsHeader"))
	for _, d := range docs {
		langs := strings.Join(d.Languages, " ")
		if langs == "" {
			langs = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", d.ID, d.Name, d.Language, d.Version, d.Units, d.Words, langs,
			d.Updated.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// tmJSON writes v as indented JSON with a final newline, without
// escaping <, > and &.
func tmJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
