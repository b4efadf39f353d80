// Command reliability runs padan's reliability suite (cmd/padan's
// TestReliability) with `go test -json` and prints the table of
// RELIABILITY.md: per category the cases, the inputs tried (each exec padan
// line of a script, each padan run of a Go case), those handled well and
// the failures. With -w it writes the table into RELIABILITY.md. It exits 1
// if any case failed or was skipped. Run it from the repository's root:
//
//	go run ./bench/reliability [-w]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/padan-tm/padan/internal/reliability"
)

func main() {
	write := flag.Bool("w", false, "write the table into RELIABILITY.md")
	flag.Parse()
	if err := run(*write); err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		os.Exit(1)
	}
}

// run runs the suite, prints the table and, with write, puts it in
// RELIABILITY.md.
func run(write bool) error {
	scripts, err := reliability.ScriptInputsByName(filepath.Join("cmd", "padan", "testdata", "reliability"))
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "-json", "-count=1", "-run", "^"+reliability.TestName+"$", "./cmd/padan")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	runErr := cmd.Run() // a failing case is reported in the table
	outcomes, err := reliability.Results(&out)
	if err != nil {
		return err
	}
	if len(outcomes) == 0 {
		return fmt.Errorf("go test ran no case: %v", runErr)
	}
	rows := reliability.Rows(outcomes, scripts)
	table := reliability.Table(rows)
	fmt.Print(table)
	if write {
		doc, err := os.ReadFile("RELIABILITY.md")
		if err != nil {
			return err
		}
		updated, err := reliability.Replace(string(doc), table)
		if err != nil {
			return fmt.Errorf("RELIABILITY.md: %w", err)
		}
		if err := os.WriteFile("RELIABILITY.md", []byte(updated), 0o644); err != nil {
			return err
		}
	}
	for _, o := range outcomes {
		if o.Action != "pass" {
			return fmt.Errorf("%s/%s/%s: %s", reliability.TestName, o.Category, o.Name, o.Action)
		}
	}
	return runErr
}
