package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// runPadan runs padan in-process with the given arguments and environment
// variables, returning the exit status and the two output streams.
func runPadan(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string { return vars[k] }}
	code := run(append([]string{"padan"}, args...), e)
	return code, out.String(), errOut.String()
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--version"}, exitOK},
		{[]string{"--help"}, exitOK},
		{[]string{"help", "help"}, exitOK},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"help", "--frobnicate"}, exitUsage},
		{[]string{"--ui-lang", "x!", "--help"}, exitUsage},
		{[]string{"--frobnicate"}, exitUsage},
		{[]string{"help", "a", "--db"}, exitUsage},
	}
	for _, tt := range tests {
		code, _, stderr := runPadan(t, nil, tt.args...)
		if code != tt.want {
			t.Errorf("padan %v: exit %d, want %d (stderr %q)", tt.args, code, tt.want, stderr)
		}
	}
}

func TestUILanguage(t *testing.T) {
	tests := []struct {
		vars map[string]string
		args []string
		want string
	}{
		{nil, nil, "en"},
		{map[string]string{"LANG": "id_ID.UTF-8"}, nil, "id"},
		{map[string]string{"LANG": "id_ID.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, nil, "en"},
		{map[string]string{"LANG": "en_US", "LC_ALL": "id"}, nil, "id"},
		{map[string]string{"LANG": "C"}, nil, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, nil, "en"},
		{map[string]string{"LANG": "id_ID"}, []string{"--ui-lang", "en"}, "en"},
		{nil, []string{"x", "--ui-lang=id-ID"}, "id"},
	}
	for _, tt := range tests {
		u, err := newUI(append([]string{"padan"}, tt.args...), func(k string) string { return tt.vars[k] })
		if err != nil {
			t.Fatal(err)
		}
		if u.Lang.String() != tt.want {
			t.Errorf("env %v args %v: language %s, want %s", tt.vars, tt.args, u.Lang, tt.want)
		}
	}
}

func TestReorderArgs(t *testing.T) {
	u, _ := newUI(nil, func(string) string { return "" })
	app := newApp(u, env{})
	app.Commands = append(app.Commands, &cli.Command{Name: "imp", Flags: []cli.Flag{
		&cli.StringFlag{Name: "name"}, &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}},
	}})
	tests := []struct{ in, want string }{
		{"imp a.txt --name korut", "imp --name korut a.txt"},
		{"imp --name korut a.txt", "imp --name korut a.txt"},
		{"imp a.txt -q b.txt --name=x", "imp -q --name=x a.txt b.txt"},
		{"imp a.txt --db x.db", "--db x.db imp a.txt"},
		{"--db y.db imp - --name n", "--db y.db imp --name n -"},
		{"imp --name n -- --odd", "imp --name n -- --odd"},
		{"imp -- -x a", "imp -- -x a"},
		{"imp -5 --quiet", "imp --quiet -5"},
	}
	for _, tt := range tests {
		got, _, err := reorderArgs(app, append([]string{"padan"}, strings.Fields(tt.in)...), u)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if want := append([]string{"padan"}, strings.Fields(tt.want)...); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", tt.in, got, want)
		}
	}
	for _, bad := range []string{"imp a --nope", "imp a --name"} {
		if _, _, err := reorderArgs(app, append([]string{"padan"}, strings.Fields(bad)...), u); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestNearest(t *testing.T) {
	commands := []string{"import", "import-tm", "segment", "segments", "translate", "docs", "diff", "help"}
	for _, tt := range []struct{ in, want string }{
		{"imprt", "import"},
		{"improt", "import"},
		{"IMPORT", "import"},
		{"import-t", "import-tm"},
		{"segmnts", "segments"},
		{"trnaslate", "translate"},
		{"transalte", "translate"},
		{"dcs", "docs"},
		{"xyz", ""},
		{"frobnicate", ""},
		{"", ""},
	} {
		if got := nearest(tt.in, commands); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInvocation(t *testing.T) {
	for _, tt := range []struct{ arg0, want string }{
		{"/tmp/go-build794520083/b001/exe/padan", "go run ./cmd/padan"},
		{"/var/folders/x/T/go-build12/b001/exe/padan", "go run ./cmd/padan"},
		{"padan", "padan"},
		{"./padan", "./padan"},
		{"/usr/local/bin/padan", "/usr/local/bin/padan"},
		{"/home/ana/exe/padan", "/home/ana/exe/padan"},
	} {
		if got := invocation(tt.arg0); got != tt.want {
			t.Errorf("invocation(%q) = %q, want %q", tt.arg0, got, tt.want)
		}
	}
}
