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
		"padan": func() { os.Exit(run(os.Args, osEnv())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script, one per
// command and behaviour (see testdata/script/README).
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("PADAN_UPDATE_SCRIPTS") == "1",
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
