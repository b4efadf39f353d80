package example

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// parseUnits reads translation.en.tsv or revision.en.tsv as `padan
// translate --from` does.
func parseUnits(t *testing.T, name string, data []byte) []tm.Entry {
	t.Helper()
	units, err := tm.ParseEntries(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return units
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
			units := parseUnits(t, st.name, st.data)
			if len(units) != len(source) {
				t.Fatalf("%d units, want %d", len(units), len(source))
			}
			for i, u := range units {
				if u.Index != i+1 {
					t.Errorf("line %d: index %d, want %d", u.Line, u.Index, i+1)
				}
				if strings.TrimSpace(u.Text) == "" {
					t.Errorf("line %d: unit %d has no text", u.Line, u.Index)
				}
				if strings.ContainsAny(u.Text, "\t\n") {
					t.Errorf("line %d: unit %d contains a tab or newline", u.Line, u.Index)
				}
				if strings.Contains(u.Text, `"`) {
					t.Errorf("line %d: unit %d has a straight double quote; use “ ”", u.Line, u.Index)
				}
			}
			if got := units[0].Text; got != source[0] {
				t.Errorf("dateline = %q, want %q", got, source[0])
			}
			var all strings.Builder
			for _, u := range units {
				all.WriteString(u.Text)
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
	draft := parseUnits(t, "translation.en.tsv", Translation)
	rev := parseUnits(t, "revision.en.tsv", Revision)
	if len(draft) != len(rev) {
		t.Fatalf("draft has %d units, revision %d", len(draft), len(rev))
	}
	var idx []int
	for i := range draft {
		if draft[i].Text != rev[i].Text {
			idx = append(idx, draft[i].Index)
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
	rev := parseUnits(t, "revision.en.tsv", Revision)
	for i, src := range source {
		for _, num := range sourceNumber.FindAllString(src, -1) {
			en := strings.ReplaceAll(num, ".", ",")
			if !strings.Contains(rev[i].Text, en) {
				t.Errorf("unit %d: source number %s missing from the revision %q", i+1, num, rev[i].Text)
			}
		}
	}
}
