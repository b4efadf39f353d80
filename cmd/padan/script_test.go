package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the real padan command in a subprocess: the
// test binary re-executes itself as "padan".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"padan": func() { os.Exit(runProcess(os.Args, osEnv())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script, one per
// command and behaviour (see testdata/script/README).
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("PADAN_UPDATE_SCRIPTS") == "1",
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"islink": isLink},
		Setup: func(e *testscript.Env) error {
			// A known, English environment unless a script says otherwise.
			e.Setenv("LANG", "")
			e.Setenv("LC_ALL", "")
			e.Setenv("LC_MESSAGES", "")
			e.Setenv("NO_COLOR", "")
			e.Setenv("PADAN_DB", "")
			e.Setenv("PADAN_USER", "tester")
			return nil
		},
	})
}

// isLink is the script command `islink LINK TARGET`: LINK is a symbolic
// link to TARGET (with !, it is not).
func isLink(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: islink LINK TARGET")
	}
	got, err := os.Readlink(ts.MkAbs(args[0]))
	ok := err == nil && got == args[1]
	if ok == neg {
		ts.Fatalf("%s: link to %q (%v), want %s a link to %q", args[0], got, err, map[bool]string{true: "not", false: ""}[neg], args[1])
	}
}
