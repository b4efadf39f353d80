// Package storetest is the conformance suite of padan's store: every
// behaviour of tm.Store and of its memory index, written once against the
// public API, that each database backend runs. A backend's test calls
// [Run] with a function opening a new, empty store on it.
package storetest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/hook"
)

// Opener opens a new, empty store for one test; it closes the store (and
// removes what it made) with t.Cleanup, and fails the test when it cannot.
type Opener func(t testing.TB) *tm.Store

// Run runs every test of the suite on stores that open gives, each as a
// subtest.
func Run(t *testing.T, open Opener) {
	// Every store the suite opens has a fixed clock that ticks a second
	// per call, so that tests can compare times.
	clocked := func(t testing.TB) *tm.Store {
		t.Helper()
		s := open(t)
		clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		var mu sync.Mutex
		s.Now = func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			clock = clock.Add(time.Second)
			return clock
		}
		return s
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, clocked) })
	}
}

// tests is the suite, in the order Run runs it.
var tests = []struct {
	name string
	fn   func(*testing.T, Opener)
}{
	{"ImportVersions", testImportVersions},
	{"ImportNormalizes", testImportNormalizes},
	{"ImportEveryVersion", testImportEveryVersion},
	{"ImportRefusesEmptyAndShrunk", testImportRefusesEmptyAndShrunk},
	{"ReviseAtomic", testReviseAtomic},
	{"ConcurrentWriters", testConcurrentWriters},
	{"ApproveReject", testApproveReject},
	{"Stats", testStats},
	{"HistoryAcrossVersions", testHistoryAcrossVersions},
	{"StatsMatchTranslation", testStatsMatchTranslation},
	{"ReviseStatusAndMerge", testReviseStatusAndMerge},
	{"MergeBrokenByNewVersion", testMergeBrokenByNewVersion},
	{"ReviseBadEntries", testReviseBadEntries},
	{"WritesCheckFields", testWritesCheckFields},
	{"EachUnitErrors", testEachUnitErrors},
	{"EachUnitStops", testEachUnitStops},
	{"UnitsAt", testUnitsAt},
	{"ReviseApproveFew", testReviseApproveFew},
	{"Update", testUpdate},
	{"UpdateReads", testUpdateReads},
	{"UpdateSyncsMemoryOnce", testUpdateSyncsMemoryOnce},
	{"SyncMemory", testSyncMemory},
	{"SyncMemoryTouchedOnly", testSyncMemoryTouchedOnly},
	{"AddEntriesDedupe", testAddEntriesDedupe},
	{"AddEntriesFromRollback", testAddEntriesFromRollback},
	{"AddEntriesFromReimport", testAddEntriesFromReimport},
	{"AddEntriesFromKeys", testAddEntriesFromKeys},
	{"LookupEmptyKeys", testLookupEmptyKeys},
	{"LookupRepeatedKeys", testLookupRepeatedKeys},
	{"ReviewKeepsIndexExact", testReviewKeepsIndexExact},
	{"LookupRecall", testLookupRecall},
	{"LookupMergesOrigins", testLookupMergesOrigins},
	{"SearchSeesOneSnapshot", testSearchSeesOneSnapshot},
	{"MemoryUpgrade", testMemoryUpgrade},
	{"MemoryUpgradeEmpty", testMemoryUpgradeEmpty},
	{"Concordance", testConcordance},
	{"ConcordanceWords", testConcordanceWords},
	{"Pretranslate", testPretranslate},
	{"Terms", testTerms},
	{"IgnoreChecks", testIgnoreChecks},
	{"SameTexts", testSameTexts},
}

// sampleDoc is a small document of the given units.
func sampleDoc(name string, texts ...string) tm.NewDocument {
	d := tm.NewDocument{Name: name, Language: "id", Original: []byte(strings.Join(texts, " ")),
		Metadata: map[string]string{"translator": "Jafar M Sidik", "editor": "Atman Ahdiat"}}
	for i, s := range texts {
		d.Units = append(d.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: s})
	}
	return d
}

func mustImport(t testing.TB, s *tm.Store, d tm.NewDocument) tm.ImportResult {
	t.Helper()
	r, err := s.Import(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustRevise(t testing.TB, s *tm.Store, doc, lang string, role tm.Role, author string, entries ...tm.Entry) {
	t.Helper()
	if _, err := s.Revise(context.Background(), tm.Change{Document: doc, Language: lang, Role: role, Author: author, Entries: entries}); err != nil {
		t.Fatal(err)
	}
}

// revisionCount counts the revisions of the latest versions' units in
// every language, through the public API.
func revisionCount(t testing.TB, s *tm.Store) int {
	t.Helper()
	ctx := context.Background()
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		for _, lang := range d.Languages {
			tr, err := s.Translation(ctx, d.Name, lang, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range tr.Units {
				n += len(u.Revisions)
			}
		}
	}
	return n
}

// CheckMemory fails the test unless the memory's index holds exactly the
// postings and frequencies of its live entries, and returns its report.
func CheckMemory(t testing.TB, s *tm.Store) tm.MemoryReport {
	t.Helper()
	rep, err := s.CheckMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Errorf("memory index does not match its entries: %+v", rep)
	}
	return rep
}

// count returns the number of rows of a table of the store's database
// (one of backend.Tables), as the backend counts them for a copy.
func count(t testing.TB, s *tm.Store, table string) int {
	t.Helper()
	i := slices.IndexFunc(backend.Tables, func(tb backend.Table) bool { return tb.Name == table })
	if i < 0 {
		t.Fatalf("no table %s", table)
	}
	var n int64
	err := hook.DB(s).Read(context.Background(), func(tx backend.Tx) error {
		var err error
		n, err = tx.CountRows(context.Background(), backend.Tables[i])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
