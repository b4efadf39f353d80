package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/tm"
)

// TestMain lets the test binary be a client process of clientProcesses,
// as the bench's own binary is.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == clientWorker {
		if err := runClient(os.Args[2:]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestClientProcesses runs three client processes on a small SQLite
// memory: each issues its lookups, and their latencies come back together.
func TestClientProcesses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	s, err := tm.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Harga beras naik lagi.", Target: "Rice prices rise again.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	qPath := filepath.Join(dir, "queries.jsonl")
	q := `{"kind":"exact","query":"Harga beras naik lagi.","qid":1}` + "\n" + `{"kind":"unrelated","query":"Cuaca cerah.","qid":2}` + "\n"
	if err := os.WriteFile(qPath, []byte(q), 0o644); err != nil {
		t.Fatal(err)
	}
	o := options{clientProcs: 3, clientsMax: 4, clientsFor: time.Minute, min: 75, max: 5, queriesPath: qPath}
	var rep report
	if err := clientProcesses(o, db, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ClientProcs != 3 || rep.ProcLookup.N != 12 || rep.ProcRate <= 0 {
		t.Errorf("client processes: %d, lookups %d, %v lookups/s; want 3, 12, > 0", rep.ClientProcs, rep.ProcLookup.N, rep.ProcRate)
	}
	// A client that fails (no such database) fails the phase.
	rep = report{}
	err = clientProcesses(o, filepath.Join(dir, "none", "padan.db"), &rep)
	if err == nil || !strings.Contains(err.Error(), "client process") {
		t.Errorf("clients on a missing database: %v, want a client process error", err)
	}
}
