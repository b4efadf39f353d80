package main

import (
	"os"
	"os/signal"
	"sync"
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
		runInterruptHooks()
		code := exitFailure
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
	return run(args, e)
}

// interruptHooks are what must be undone before padan exits on a signal
// (a terminal in raw mode given back), by registration number.
var interruptHooks = struct {
	sync.Mutex
	next int
	fns  map[int]func()
}{fns: map[int]func(){}}

// atInterrupt registers fn to run if padan is interrupted by a signal
// before the returned function is called, which unregisters it.
func atInterrupt(fn func()) (done func()) {
	interruptHooks.Lock()
	defer interruptHooks.Unlock()
	n := interruptHooks.next
	interruptHooks.next++
	interruptHooks.fns[n] = fn
	return func() {
		interruptHooks.Lock()
		defer interruptHooks.Unlock()
		delete(interruptHooks.fns, n)
	}
}

// runInterruptHooks runs the registered hooks, on an interruption.
func runInterruptHooks() {
	interruptHooks.Lock()
	defer interruptHooks.Unlock()
	for _, fn := range interruptHooks.fns {
		fn()
	}
}
