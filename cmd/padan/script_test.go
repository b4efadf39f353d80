package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
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
			e.Setenv("PADAN_BUSY_TIMEOUT", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				// The superuser writes read-only files and folders.
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"lockdb": lockDB,
		},
	})
}

// lockDB is the script command `lockdb FILE`, which holds the write lock
// of the database FILE from the test process (another process than the
// padan it runs) until `lockdb -release FILE` or the end of the script.
func lockDB(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! lockdb")
	}
	release := len(args) == 2 && args[0] == "-release"
	if len(args) != 1 && !release {
		ts.Fatalf("usage: lockdb [-release] FILE")
	}
	path := ts.MkAbs(args[len(args)-1])
	if release {
		locksMu.Lock()
		l, ok := heldLocks[path]
		locksMu.Unlock()
		if ok {
			l()
		}
		return
	}
	db, err := sql.Open("sqlite", path)
	ts.Check(err)
	conn, err := db.Conn(context.Background())
	ts.Check(err)
	_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	ts.Check(err)
	done := false
	l := func() {
		if !done {
			done = true
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
			locksMu.Lock()
			delete(heldLocks, path)
			locksMu.Unlock()
		}
	}
	locksMu.Lock()
	heldLocks[path] = l
	locksMu.Unlock()
	ts.Defer(l)
}

// heldLocks are the releases of the locks lockDB holds, by database path
// (scripts run in parallel, each in its own folder).
var (
	locksMu   sync.Mutex
	heldLocks = map[string]func(){}
)
