package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// histLines is what a history test compares of each revision.
func histLines(revs []tm.Revision) []string {
	var out []string
	for _, r := range revs {
		out = append(out, fmt.Sprintf("v%d #%d %q %s %s %q", r.Version, r.Segment, r.Source, r.Role, r.Event, r.Text))
	}
	return out
}

// testHistoryAcrossVersions: a segment's history after re-imports holds
// the revisions of the units it replaced (previous links, followed back
// through every version), each marked with the version it was made on, in
// order; an unchanged unit's revisions are marked with the version each was
// made on.
func testHistoryAcrossVersions(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Hujan deras.", "Harga naik Rp400.000.", "Jalan banjir."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "ana", tm.Entry{Index: 1, Text: "Rain."}, tm.Entry{Index: 2, Text: "Price up Rp400,000."})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "budi", tm.Entry{Index: 2, Text: "Prices rose Rp400,000."})
	// Version 2: segment 2 changed, segment 1 kept.
	mustImport(t, s, sampleDoc("a", "Hujan deras.", "Harga naik Rp450.000.", "Jalan banjir."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "ana", tm.Entry{Index: 2, Text: "Prices rose Rp450,000."})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "budi", tm.Entry{Index: 1, Text: "Heavy rain."})
	// Version 3: a segment added before it, so that it is segment 3 now,
	// and changed again.
	mustImport(t, s, sampleDoc("a", "Kata pengantar yang baru sekali.", "Hujan deras.", "Harga naik Rp500.000.", "Jalan banjir."))
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "ana", tm.Entry{Index: 3, Text: "Prices rose to Rp500,000."})

	_, hist, err := s.History(ctx, "a", "en", 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`v1 #2 "Harga naik Rp400.000." translator revise "Price up Rp400,000."`,
		`v1 #2 "Harga naik Rp400.000." editor revise "Prices rose Rp400,000."`,
		`v2 #2 "Harga naik Rp450.000." translator revise "Prices rose Rp450,000."`,
		`v3 #3 "Harga naik Rp500.000." translator revise "Prices rose to Rp500,000."`,
	}
	if got := histLines(hist); !reflect.DeepEqual(got, want) {
		t.Errorf("history of segment 3:\n%q\nwant:\n%q", got, want)
	}
	for i := 1; i < len(hist); i++ {
		if hist[i].Time.Before(hist[i-1].Time) {
			t.Errorf("revision %d is older than the one before it", i)
		}
	}

	// "Hujan deras." was kept: one unit, its revisions marked by version
	// and by its place in each.
	mustRevise(t, s, "a", "en", tm.RoleEditor, "budi", tm.Entry{Index: 2, Text: "Very heavy rain."})
	_, hist, err = s.History(ctx, "a", "en", 2)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		`v1 #1 "Hujan deras." translator revise "Rain."`,
		`v2 #1 "Hujan deras." editor revise "Heavy rain."`,
		`v3 #2 "Hujan deras." editor revise "Very heavy rain."`,
	}
	if got := histLines(hist); !reflect.DeepEqual(got, want) {
		t.Errorf("history of segment 1:\n%q\nwant:\n%q", got, want)
	}

	// A new segment has no history, not even another unit's.
	if _, hist, err = s.History(ctx, "a", "en", 1); err != nil || len(hist) != 0 {
		t.Errorf("history of the new segment 1 = %q, %v; want none", histLines(hist), err)
	}
	// Errors stay as they were.
	var se *tm.SegmentError
	if _, _, err := s.History(ctx, "a", "en", 5); !errors.As(err, &se) || se.Count != 4 {
		t.Errorf("history of segment 5 = %v, want a SegmentError with 4 segments", err)
	}
}
