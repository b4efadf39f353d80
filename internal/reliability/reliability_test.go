package reliability

import (
	"strings"
	"testing"
)

func TestScriptInputs(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   int
	}{
		{"plain", "exec padan docs\n", 1},
		{"negated and conditioned", "! exec padan docs\n[linux] ! exec padan x\n[!unix] [!root] exec padan y\n", 3},
		{"through a shell", "! exec sh -c 'padan segment - < /dev/zero'\nexec sh -c 'head -c 8 a > b'\n", 1},
		{"background", "exec padan import-tm big.tmx &long&\n", 1},
		{"not padan", "exec padanx\nexec cat padan\ncp padan.db x\n# exec padan in a comment\n", 0},
		{"archive not read", "exec padan docs\n-- a.txtar --\nexec padan docs\n", 1},
	}
	for _, tt := range tests {
		if got := ScriptInputs([]byte(tt.script)); got != tt.want {
			t.Errorf("%s: %d inputs, want %d", tt.name, got, tt.want)
		}
	}
}

func TestResultsAndRows(t *testing.T) {
	events := `{"Action":"run","Test":"TestReliability/srx/a"}
{"Action":"output","Test":"TestReliability/tsv/go","Output":"    x_test.go:1: reliability inputs: 7\n"}
{"Action":"pass","Test":"TestReliability/tsv/go"}
{"Action":"fail","Test":"TestReliability/srx/a"}
{"Action":"pass","Test":"TestReliability/srx/b"}
{"Action":"pass","Test":"TestReliability/srx"}
{"Action":"pass","Test":"TestOther/srx/c"}
not JSON: go build output
`
	outcomes, err := Results(strings.NewReader(events))
	if err != nil {
		t.Fatal(err)
	}
	if len(outcomes) != 3 || outcomes[0].Inputs != 7 || outcomes[1].Action != "fail" {
		t.Fatalf("outcomes %+v", outcomes)
	}
	rows := Rows(outcomes, map[string]map[string]int{"srx": {"a": 2, "b": 3}})
	for _, r := range rows {
		var want Row
		switch r.Category.Dir {
		case "srx":
			want = Row{Category: r.Category, Cases: 2, Inputs: 5, Handled: 3, Failures: 1}
		case "tsv":
			want = Row{Category: r.Category, Cases: 1, Inputs: 7, Handled: 7}
		default:
			want = Row{Category: r.Category}
		}
		if r != want {
			t.Errorf("row %+v, want %+v", r, want)
		}
	}
	table := Table(rows)
	if !strings.Contains(table, "| SRX | 2 | 5 | 3 | 1 |\n") || !strings.Contains(table, "| **all** | 3 | 12 | 10 | 1 |\n") {
		t.Errorf("table:\n%s", table)
	}
	doc := "x\n" + TableStart + "\nold\n" + TableEnd + "\ny\n"
	got, err := Replace(doc, table)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := Section(got); s != table {
		t.Errorf("section after Replace: %q", s)
	}
	if _, err := Section("no markers"); err == nil {
		t.Error("Section without markers: no error")
	}
}
