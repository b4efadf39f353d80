package exchange

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/internal/interop"
	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
)

// validate has the official schemas (and the standards' other rules)
// judge a file padan wrote: format is "tmx" or "xliff". A missing tool
// skips, visibly (a failure under PADAN_INTEROP=require).
func validate(t *testing.T, format string, data []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "padan."+format)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var res interop.Result
	if format == "tmx" {
		res = interop.ValidateTMX(path)
	} else {
		res = interop.ValidateXLIFF(path, false)
	}
	switch res.Code {
	case interop.Pass:
	case interop.Env:
		testenv.Missing(t, "validate-"+format+" lacks a tool: "+res.Verdict())
	default:
		t.Errorf("validate-%s: %s\n%s", format, res.Verdict(), res.Output)
	}
}

// ruleRow is a row of the README's table of pre-translation rules, made
// from a rule of tm.PretranslationRules: each cell says what the code
// does, and TestPretranslationRules checks each against what it does.
func ruleRow(r tm.PretranslationRule) []string {
	score, shown := fmt.Sprint(r.Min), fmt.Sprint(r.Min)
	if r.Min != r.Max {
		score, shown = fmt.Sprintf("%d–%d", r.Min, r.Max), "85"
	}
	row := []string{string(r.Kind), score, "`" + string(r.Status) + "`"}
	xliffScore := shown
	if r.Kind == tm.MatchContext {
		xliffScore = "100"
	}
	if r.Proposal {
		return append(row,
			"proposed ("+shown+"%), the proposal shown apart", "proposed", "refused unless `--allow-proposals` (listed on stderr)",
			"left out unless `--include-proposals`",
			"no target; `alt-trans` `match-quality=\""+xliffScore+"\"`",
			"no target; `mtc:match` `similarity=\""+xliffScore+"\"`")
	}
	tmxCell, x12, x20 := "a `tu`, prop `x-match-score` "+xliffScore, "target, `state=\"translated\"`; `alt-trans` `match-quality=\""+xliffScore+"\"`", "target, `state=\"translated\"`; `mtc:match` `similarity=\""+xliffScore+"\"`"
	label := "translated, \"100% match, made for another context: check it\""
	if r.Kind == tm.MatchContext {
		tmxCell += ", prop `x-match-context` yes"
		x12 += " `extype=\"" + xliff.ContextMatch12 + "\"`"
		x20 += " `subType=\"" + xliff.ContextMatch20 + "\"`"
		label = "translated, \"context match\""
	}
	return append(row, label, "translated", "used", tmxCell, x12, x20)
}

// ruleTable is the README's table of pre-translation rules.
func ruleTable() string {
	var b strings.Builder
	b.WriteString("| match | score | status | `segments`, `next` | `stats` | `build` | TMX export | XLIFF 1.2 | XLIFF 2.0 |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range tm.PretranslationRules {
		b.WriteString("| " + strings.Join(ruleRow(r), " | ") + " |\n")
	}
	return b.String()
}

// TestReadmeRuleTable: the README's table of pre-translation rules is the
// one the rules give (PADAN_UPDATE_README=1 rewrites it).
func TestReadmeRuleTable(t *testing.T) {
	const begin, end = "<!-- pretranslation-rules: made by exchange's TestReadmeRuleTable -->\n", "<!-- end of pretranslation-rules -->"
	path := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no table between %q and %q", begin, end)
	}
	want := ruleTable()
	if got := s[i+len(begin) : j]; got != want {
		if os.Getenv("PADAN_UPDATE_README") == "1" {
			if err := os.WriteFile(path, []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's table of pre-translation rules:\n%s\nwant (PADAN_UPDATE_README=1 rewrites it):\n%s", got, want)
	}
}

// TestPretranslationRules checks every cell of the rules table: a unit
// pre-translated at a score of each rule has the rule's status, counts
// in stats as the rule says, builds or not, and exports to TMX, XLIFF 1.2
// and XLIFF 2.0 as the table says.
func TestPretranslationRules(t *testing.T) {
	ctx := context.Background()
	for _, rule := range tm.PretranslationRules {
		score := float64(rule.Min)
		if rule.Proposal {
			score = 85
		}
		t.Run(string(rule.Kind), func(t *testing.T) {
			if got := tm.RuleFor(score); got != rule {
				t.Fatalf("RuleFor(%v) = %+v; want %+v", score, got, rule)
			}
			s, err := tm.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			nd := tm.NewDocument{Name: "d", Language: "id", Original: []byte("x"), Units: []tm.SourceUnit{
				{Index: 1, Kind: "sentence", Text: "Jalan banjir pada 2018."},
				{Index: 2, Kind: "sentence", Text: "Warga mengungsi."}}}
			if _, err := s.Import(ctx, nd); err != nil {
				t.Fatal(err)
			}
			memSource := "Jalan banjir pada 2017."
			if !rule.Proposal {
				memSource = nd.Units[0].Text
			}
			c := tm.Change{Document: "d", Language: "en", Role: tm.RolePretranslation, Author: "padan", Entries: []tm.Entry{
				{Index: 1, Text: "The road flooded in 2017.", Score: score, Origin: `{"file":"lama.tmx"}`, MatchSource: memSource},
				{Index: 2, Text: "Residents fled.", Score: -1, Status: tm.StatusTranslated}}}
			if _, err := s.Revise(ctx, c); err != nil {
				t.Fatal(err)
			}
			tr, err := s.Translation(ctx, "d", "en", true)
			if err != nil {
				t.Fatal(err)
			}
			u := &tr.Units[0]
			// status, segments and next
			if u.Status != rule.Status || (u.Proposal() != nil) != rule.Proposal {
				t.Errorf("status %s, proposal %v; want %s, %v", u.Status, u.Proposal() != nil, rule.Status, rule.Proposal)
			}
			// stats
			stats, err := s.Stats(ctx, "d")
			if err != nil {
				t.Fatal(err)
			}
			proposed := slices.ContainsFunc(stats, func(st tm.Stat) bool { return st.Proposed && st.Units == 1 })
			if proposed != rule.Proposal {
				t.Errorf("stats %+v: a proposed count %v; want %v", stats, proposed, rule.Proposal)
			}
			// build
			_, missing := tr.Targets(tm.StageLatest)
			targets, _, proposals := tr.TargetsWithProposals(tm.StageLatest)
			if (len(missing) == 1) != rule.Proposal || (len(proposals) == 1) != rule.Proposal || targets[0] != "The road flooded in 2017." {
				t.Errorf("build: missing %v, proposals %v, targets %q", missing, proposals, targets)
			}
			// TMX
			eu, err := ExportUnit(tr.Document, "en", u, ExportOptions{Stage: tm.StageLatest})
			if err != nil {
				t.Fatal(err)
			}
			if (eu.Target == "") != rule.Proposal {
				t.Errorf("TMX: target %q; a proposal is left out (no target), a translation kept", eu.Target)
			}
			withProposal, err := ExportUnit(tr.Document, "en", u, ExportOptions{Stage: tm.StageLatest, Proposals: true})
			if err != nil || withProposal.Target != "The road flooded in 2017." {
				t.Errorf("TMX with proposals: target %q, %v", withProposal.Target, err)
			}
			var buf bytes.Buffer
			w, err := tmx.NewWriter(&buf, tmx.Header{SrcLang: "id", CreationToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(withProposal); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			want := ruleRow(rule)
			wantScore := "100"
			if rule.Proposal {
				wantScore = "85"
			}
			validate(t, "tmx", buf.Bytes())
			if !strings.Contains(buf.String(), `<prop type="x-match-score">`+wantScore+`</prop>`) ||
				strings.Contains(buf.String(), "x-match-context") != (rule.Kind == tm.MatchContext) {
				t.Errorf("TMX (cell %q):\n%s", want[6], buf.String())
			}
			// XLIFF 1.2 and 2.0
			for _, v := range []string{"1.2", "2.0"} {
				var buf bytes.Buffer
				o := xliff.Options{SourceLang: "id", TargetLang: "en", ToolVersion: "test"}
				var w interface {
					Write(exports.Unit) error
					Close() error
				}
				marker, quality, cell := `extype="`+xliff.ContextMatch12+`"`, `match-quality="`+wantScore+`"`, want[7]
				if v == "1.2" {
					w, err = xliff.NewWriter12(&buf, o)
				} else {
					w, err = xliff.NewWriter20(&buf, o)
					marker, quality, cell = `subType="`+xliff.ContextMatch20+`"`, `similarity="`+wantScore+`"`, want[8]
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Write(eu); err != nil {
					t.Fatalf("XLIFF %s: %v", v, err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				x := buf.String()
				validate(t, "xliff", buf.Bytes())
				if !strings.Contains(x, quality) || strings.Contains(x, marker) != (rule.Kind == tm.MatchContext) ||
					!strings.Contains(x, memSource+"</source>") {
					t.Errorf("XLIFF %s (cell %q, match source %q):\n%s", v, cell, memSource, x)
				}
				// It reads back as it was written.
				r := xliff.NewReader(strings.NewReader(x), "x.xlf")
				back, err := r.Next()
				if err != nil {
					t.Fatal(err)
				}
				wantStatus := exports.StatusTranslated
				if rule.Proposal {
					wantStatus = exports.StatusInitial
				}
				if back.Match == nil || back.Match.Context != (rule.Kind == tm.MatchContext) || back.Match.Source != memSource ||
					(back.Target == "") != rule.Proposal || back.Status != wantStatus {
					t.Errorf("XLIFF %s read back: %+v, match %+v", v, back, back.Match)
				}
			}
		})
	}
}
