package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/padan-tm/padan/tm"
)

// clientWorker is the first argument that runs this program as one client
// process of clientProcesses.
const clientWorker = "-client-worker"

// clientProcesses runs o.clientProcs copies of this program as client
// processes (runClient), each with its own tm.Store on dsn, that issue
// lookups as the goroutines of clients do (client c starts at query
// c·len/clients and goes round, until o.clientsMax lookups or o.clientsFor).
// All of them open their store first and start together. It reports their
// latencies together and the lookups per second of all.
//
// Goroutines of one process are not 16 translators: the Go scheduler lets
// a goroutine that never blocks (an SQLite lookup runs in process) keep
// its thread for 10 ms slices, many lookups, while the others wait, and
// the 16 share one heap and its collector. Processes of their own are
// scheduled by the kernel, as the desk's padan processes are.
func clientProcesses(o options, dsn string, rep *report) error {
	if o.clientProcs <= 0 {
		return nil
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	type proc struct {
		cmd   *exec.Cmd
		in    io.WriteCloser
		out   *bufio.Scanner
		times []time.Duration
		err   error
	}
	procs := make([]*proc, o.clientProcs)
	defer func() {
		for _, p := range procs {
			if p != nil && p.cmd.Process != nil {
				p.in.Close()
				p.cmd.Process.Kill()
				p.cmd.Wait()
			}
		}
	}()
	for c := range procs {
		cmd := exec.Command(self, clientWorker, dsn, o.queriesPath, strconv.Itoa(c), strconv.Itoa(o.clientProcs),
			strconv.Itoa(o.clientsMax), o.clientsFor.String(), strconv.Itoa(o.min), strconv.Itoa(o.max))
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return err
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		p := &proc{cmd: cmd, in: in, out: bufio.NewScanner(out)}
		procs[c] = p
	}
	for c, p := range procs { // each says "ready" once its store is open
		if !p.out.Scan() || p.out.Text() != "ready" {
			return fmt.Errorf("client process %d did not start: %v", c, errors.Join(p.out.Err(), p.cmd.Wait()))
		}
	}
	start := time.Now()
	for _, p := range procs {
		if _, err := io.WriteString(p.in, "go\n"); err != nil {
			return err
		}
	}
	done := make(chan *proc)
	for _, p := range procs {
		go func() {
			for p.out.Scan() {
				ns, err := strconv.ParseInt(p.out.Text(), 10, 64)
				if err != nil {
					p.err = fmt.Errorf("client process: %q", p.out.Text())
					break
				}
				p.times = append(p.times, time.Duration(ns))
			}
			p.err = errors.Join(p.err, p.out.Err(), p.cmd.Wait())
			p.cmd.Process = nil
			done <- p
		}()
	}
	for range procs {
		<-done
	}
	elapsed := time.Since(start)
	var all []time.Duration
	for c, p := range procs {
		if p.err != nil {
			return fmt.Errorf("client process %d: %w", c, p.err)
		}
		all = append(all, p.times...)
	}
	rep.ClientProcs = o.clientProcs
	rep.ProcLookup = percentiles(all)
	rep.ProcRate = float64(len(all)) / elapsed.Seconds()
	return nil
}

// runClient is one client process of clientProcesses. Its arguments: the
// database, the queries file, its number c of n clients, the most lookups,
// how long it may run, the least score and the most matches. It opens its
// store, writes "ready", waits for a line on standard input, then writes
// the duration of each lookup, in nanoseconds, one a line.
func runClient(args []string) error {
	if len(args) != 8 {
		return fmt.Errorf("%d arguments, want 8", len(args))
	}
	dsn, qPath := args[0], args[1]
	var n [4]int
	for i, a := range []string{args[2], args[3], args[4], args[6]} {
		v, err := strconv.Atoi(a)
		if err != nil {
			return err
		}
		n[i] = v
	}
	c, clients, most, minScore := n[0], n[1], n[2], n[3]
	maxMatches, err := strconv.Atoi(args[7])
	if err != nil {
		return err
	}
	runFor, err := time.ParseDuration(args[5])
	if err != nil {
		return err
	}
	queries, err := readQueries(qPath)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := tm.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	if err := out.Flush(); err != nil {
		return err
	}
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return fmt.Errorf("waiting to start: %w", err)
	}
	deadline := time.Now().Add(runFor)
	for i := 0; i < most && time.Now().Before(deadline); i++ {
		q := queries[(c*len(queries)/clients+i)%len(queries)]
		t0 := time.Now()
		if _, err := s.Lookup(ctx, tm.LookupQuery{Text: q.Query, SourceLang: "id", TargetLang: "en", Min: minScore, Max: maxMatches}); err != nil {
			return err
		}
		fmt.Fprintln(out, time.Since(t0).Nanoseconds())
	}
	return out.Flush()
}
