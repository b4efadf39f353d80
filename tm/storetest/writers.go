package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testConcurrentWriters has several stores (each its own connections, as
// processes would have) revise the same database at once: every write
// must succeed, and every revision be kept.
func testConcurrentWriters(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	const writers, rounds = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds)
	for w := range writers {
		wg.Go(func() {
			s, err := tm.Open(ctx, s.Path())
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for r := range rounds {
				_, err := s.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleTranslator, Author: fmt.Sprint("w", w),
					Entries: []tm.Entry{{Index: 1 + r%2, Text: fmt.Sprintf("text %d %d", w, r)}}})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := revisionCount(t, s); n != writers*rounds {
		t.Errorf("%d revisions, want %d", n, writers*rounds)
	}
}
