package main

import (
	"os"
	"os/signal"
	"syscall"
)

// runProcess is run for a whole padan process (main, and the tests'
// re-executed binary): it runs padan, and on SIGINT or SIGTERM removes the
// temporary files of the -o outputs being written and exits with 128 plus
// the signal's number (130, 143), as a shell reports a process killed by
// it. The database needs nothing: an unfinished transaction is rolled back
// when it is next opened.
func runProcess(args []string, e env) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		sig := <-sigs
		removeTemporaries()
		code := exitFailure
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
	return run(args, e)
}
