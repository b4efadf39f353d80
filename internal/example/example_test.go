package example

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// unit is one line of a translation file.
type unit struct {
	index int
	text  string
	line  int
}

// parseUnits reads the INDEX<TAB>TEXT format of translation.en.tsv: `#`
// comment lines at the top only, escapes \t, \n and \\ in a text.
func parseUnits(name string, data []byte) ([]unit, error) {
	var units []unit
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if len(units) > 0 {
				return nil, fmt.Errorf("%s: line %d: comment after the first unit", name, n)
			}
			continue
		}
		idx, raw, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: line %d: no tab after the index", name, n)
		}
		i, err := strconv.Atoi(idx)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: index %q: %w", name, n, idx, err)
		}
		if strings.Contains(raw, "\t") {
			return nil, fmt.Errorf("%s: line %d: raw tab in text", name, n)
		}
		text, err := unescape(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", name, n, err)
		}
		units = append(units, unit{index: i, text: text, line: n})
	}
	return units, sc.Err()
}

func unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("backslash at end of text")
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case '\\':
			b.WriteByte('\\')
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

// articleSegments returns the source texts of the article's units as the
// segmenter cuts them (testdata/article-segments.json at the module root).
func articleSegments(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article-segments.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Segments []struct {
			Index int    `json:"index"`
			Text  string `json:"text"`
		} `json:"segments"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("article-segments.json: %v", err)
	}
	texts := make([]string, len(doc.Segments))
	for i, s := range doc.Segments {
		if s.Index != i+1 {
			t.Fatalf("article-segments.json: segment %d has index %d", i+1, s.Index)
		}
		texts[i] = s.Text
	}
	return texts
}

var stages = []struct {
	name string
	data []byte
}{
	{"translation.en.tsv", Translation},
	{"revision.en.tsv", Revision},
}

func TestTranslationFilesShape(t *testing.T) {
	source := articleSegments(t)
	if len(source) != 37 {
		t.Fatalf("article has %d units, want 37", len(source))
	}
	for _, st := range stages {
		t.Run(st.name, func(t *testing.T) {
			units, err := parseUnits(st.name, st.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(units) != len(source) {
				t.Fatalf("%d units, want %d", len(units), len(source))
			}
			for i, u := range units {
				if u.index != i+1 {
					t.Errorf("line %d: index %d, want %d", u.line, u.index, i+1)
				}
				if strings.TrimSpace(u.text) == "" {
					t.Errorf("line %d: unit %d has no text", u.line, u.index)
				}
				if strings.ContainsAny(u.text, "\t\n") {
					t.Errorf("line %d: unit %d contains a tab or newline", u.line, u.index)
				}
				if strings.Contains(u.text, `"`) {
					t.Errorf("line %d: unit %d has a straight double quote; use “ ”", u.line, u.index)
				}
			}
			if got := units[0].text; got != source[0] {
				t.Errorf("dateline = %q, want %q", got, source[0])
			}
			var all strings.Builder
			for _, u := range units {
				all.WriteString(u.text)
			}
			if o, c := strings.Count(all.String(), "“"), strings.Count(all.String(), "”"); o != c {
				t.Errorf("%d opening and %d closing double quotes", o, c)
			}
		})
	}
}

// changed returns the indexes of the units whose text differs between the
// draft and the revision.
func changed(t *testing.T) []int {
	t.Helper()
	draft, err := parseUnits("translation.en.tsv", Translation)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := parseUnits("revision.en.tsv", Revision)
	if err != nil {
		t.Fatal(err)
	}
	if len(draft) != len(rev) {
		t.Fatalf("draft has %d units, revision %d", len(draft), len(rev))
	}
	var idx []int
	for i := range draft {
		if draft[i].text != rev[i].text {
			idx = append(idx, draft[i].index)
		}
	}
	return idx
}

func TestRevisionChangesAThird(t *testing.T) {
	diff := changed(t)
	if n := len(diff); n < 11 || n > 14 {
		t.Errorf("editor changed %d units %v, want 11 to 14", n, diff)
	}
}

var changesRow = regexp.MustCompile(`^\|\s*(\d+)\s*\|\s*([a-z ]+?)\s*\|`)

func TestChangesListsEveryChangedUnit(t *testing.T) {
	classes := map[string]bool{
		"punctuation only": true, "case only": true, "number changed": true,
		"word substituted": true, "words inserted": true, "words deleted": true,
		"words moved": true,
	}
	data, err := os.ReadFile("changes.md")
	if err != nil {
		t.Fatal(err)
	}
	var listed []int
	for i, line := range strings.Split(string(data), "\n") {
		m := changesRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		listed = append(listed, n)
		if !classes[m[2]] {
			t.Errorf("changes.md:%d: unknown class %q", i+1, m[2])
		}
	}
	if got, want := fmt.Sprint(listed), fmt.Sprint(changed(t)); got != want {
		t.Errorf("changes.md lists units %s, but the units that differ are %s", got, want)
	}
}

// sourceNumber matches a number in the Indonesian text, with "." as the
// thousands separator.
var sourceNumber = regexp.MustCompile(`\d{1,3}(?:\.\d{3})+|\d+`)

func TestRevisionKeepsSourceNumbers(t *testing.T) {
	source := articleSegments(t)
	rev, err := parseUnits("revision.en.tsv", Revision)
	if err != nil {
		t.Fatal(err)
	}
	for i, src := range source {
		for _, num := range sourceNumber.FindAllString(src, -1) {
			en := strings.ReplaceAll(num, ".", ",")
			if !strings.Contains(rev[i].text, en) {
				t.Errorf("unit %d: source number %s missing from the revision %q", i+1, num, rev[i].text)
			}
		}
	}
}

func TestParseUnitsRejects(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"no tab", "1 text\n"},
		{"bad index", "one\ttext\n"},
		{"raw tab in text", "1\ta\tb\n"},
		{"bad escape", "1\ta\\qb\n"},
		{"trailing backslash", "1\tab\\\n"},
		{"late comment", "1\ta\n# note\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseUnits("x.tsv", []byte(tt.in)); err == nil {
				t.Errorf("parseUnits(%q) succeeded, want an error", tt.in)
			}
		})
	}
	units, err := parseUnits("x.tsv", []byte("# c\n1\ta\\tb\\nc\\\\d\n"))
	if err != nil || len(units) != 1 || units[0].text != "a\tb\nc\\d" {
		t.Errorf("parseUnits escapes = %+v, %v", units, err)
	}
}
