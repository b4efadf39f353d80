package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
)

// TestConcurrentWritersPostgres runs 16 padan processes at once on one
// PostgreSQL database: translators and editors revising every unit of the
// same document, approvers, an import of a new version of that document,
// an import of another document and imports of memories. Every process
// must succeed; afterwards every revision each one reported is in the
// history (two editors revising the same unit at once both keep theirs),
// every memory entry imported is found, the memory's index is exact, and
// revision ids follow the order in which their transactions committed.
func TestConcurrentWritersPostgres(t *testing.T) {
	dsn := testenv.Postgres(t)
	padan, err := exec.LookPath("padan")
	if err != nil {
		t.Fatalf("the test binary as padan: %v", err)
	}
	dir := t.TempDir()
	const units = 24
	var article strings.Builder
	for i := 1; i <= units; i++ {
		fmt.Fprintf(&article, "Kalimat nomor %d tentang berita hari ini. ", i)
	}
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tsv := func(format string) string {
		var b strings.Builder
		for i := 1; i <= units; i++ {
			fmt.Fprintf(&b, "%d\t"+format+"\n", i, i)
		}
		return b.String()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, padan, append([]string{"--db", dsn}, args...)...)
		cmd.Env = append(os.Environ(), "PADAN_DB=", "PADAN_USER=tester", "LANG=C")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		if err != nil {
			err = fmt.Errorf("padan %s: %w: %s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String(), err
	}
	if _, err := run("db", "init"); err != nil {
		t.Fatal(err)
	}
	if _, err := run("import", write("berita.txt", article.String())); err != nil {
		t.Fatal(err)
	}
	if _, err := run("translate", "berita", "--lang", "en", "--by", "first", "--from", write("first.tsv", tsv("Sentence %d, first draft."))); err != nil {
		t.Fatal(err)
	}

	// The 16 processes.
	type job struct {
		args []string
		// author and text are a revision every unit must have afterwards
		// (text with %d for the index), or "" for a job that writes none.
		author, text string
	}
	var jobs []job
	for i := 1; i <= 4; i++ {
		text := fmt.Sprintf("Sentence %%d, translator %d.", i)
		jobs = append(jobs, job{[]string{"translate", "berita", "--lang", "en", "--by", fmt.Sprint("T", i),
			"--from", write(fmt.Sprintf("t%d.tsv", i), tsv(text))}, fmt.Sprint("T", i), text})
	}
	for i := 1; i <= 4; i++ {
		text := fmt.Sprintf("Sentence %%d, editor %d.", i)
		jobs = append(jobs, job{[]string{"edit", "berita", "--lang", "en", "--by", fmt.Sprint("E", i),
			"--from", write(fmt.Sprintf("e%d.tsv", i), tsv(text))}, fmt.Sprint("E", i), text})
	}
	all := make([]string, units)
	for i := range all {
		all[i] = strconv.Itoa(i + 1)
	}
	for i := 1; i <= 3; i++ {
		jobs = append(jobs, job{args: append([]string{"approve", "berita", "--lang", "en", "--skip-review", "--by", fmt.Sprint("A", i)}, all...)})
	}
	var tmxs []string
	for i := 1; i <= 3; i++ {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="id" datatype="plaintext"/><body>`)
		for j := 1; j <= 200; j++ {
			fmt.Fprintf(&b, `<tu><tuv xml:lang="id"><seg>Memori %d baris %d dari impor bersamaan.</seg></tuv><tuv xml:lang="en"><seg>Memory %d line %d of a concurrent import.</seg></tuv></tu>`, i, j, i, j)
		}
		b.WriteString(`</body></tmx>`)
		tmxs = append(tmxs, fmt.Sprintf("Memori %d baris 7 dari impor bersamaan.", i))
		jobs = append(jobs, job{args: []string{"import-tm", "-q", write(fmt.Sprintf("m%d.tmx", i), b.String())}})
	}
	jobs = append(jobs, job{args: []string{"import", write("berita2.txt", article.String()+"Kalimat tambahan di akhir."), "--name", "berita"}})
	jobs = append(jobs, job{args: []string{"import", write("lain.txt", "Satu kalimat lain. Dan satu lagi.")}})
	if len(jobs) != 16 {
		t.Fatalf("%d jobs", len(jobs))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	start := make(chan struct{})
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = run(j.args...)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if t.Failed() {
		return
	}

	// Every revision reported is in the history of its unit.
	s, err := tm.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr, err := s.Translation(context.Background(), "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Units) != units+1 {
		t.Errorf("%d units in the latest version, want %d", len(tr.Units), units+1)
	}
	for _, u := range tr.Units[:units] {
		have := map[string]string{}
		approvals := 0
		for _, r := range u.Revisions {
			if r.Event == tm.EventApprove {
				approvals++
			} else {
				have[r.Author] = r.Text
			}
		}
		for _, j := range jobs {
			if j.author != "" && have[j.author] != fmt.Sprintf(j.text, u.Index) {
				t.Errorf("unit %d: %s's revision is %q, want %q", u.Index, j.author, have[j.author], fmt.Sprintf(j.text, u.Index))
			}
		}
		if approvals == 0 {
			t.Errorf("unit %d: no approval in its history", u.Index)
		}
		last := u.Revisions[len(u.Revisions)-1]
		if u.Status != last.Status {
			t.Errorf("unit %d: status %s, its last revision's %s", u.Index, u.Status, last.Status)
		}
	}
	// Every memory entry imported is found.
	for _, src := range tmxs {
		ms, err := s.Lookup(context.Background(), tm.LookupQuery{Text: src, SourceLang: "id", TargetLang: "en", Min: 100, Max: 1})
		if err != nil || len(ms) != 1 {
			t.Errorf("lookup %q: %v, %v", src, ms, err)
		}
	}
	if rep, err := s.CheckMemory(context.Background()); err != nil || !rep.OK() {
		t.Errorf("memory index: %+v, %v", rep, err)
	}
	// Revision ids follow the order of the transactions that wrote them
	// (their transaction ids, taken at their first write, in the order the
	// writers took their turns): the highest id is the last committed.
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(context.Background(), `SELECT xmin::text::bigint FROM revisions ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	xids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(xids) {
		t.Errorf("revision ids do not follow the order of their transactions: %v", xids)
	}
}
