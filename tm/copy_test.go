package tm

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/backend"
)

// TestCopySettings: a copy between databases whose memory keys were
// computed by different analyses (memory_analysis) is refused with
// ErrSchemaDiffers and writes nothing; between equal ones it succeeds and
// the target keeps the version.
func TestCopySettings(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		target  int // the target's analysis version
		wantErr error
	}{
		{"same analysis", fuzzy.AnalysisVersion, nil},
		{"older target", fuzzy.AnalysisVersion - 1, ErrSchemaDiffers},
		{"newer target", fuzzy.AnalysisVersion + 1, ErrSchemaDiffers},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			from, err := Open(ctx, filepath.Join(dir, "from.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer from.Close()
			if _, err := from.Import(ctx, sampleDoc("berita", "Satu dua tiga.")); err != nil {
				t.Fatal(err)
			}
			to, err := Open(ctx, filepath.Join(dir, "to.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer to.Close()
			if err := to.db.Write(ctx, func(tx backend.Tx) error {
				return tx.Memory().SetAnalysisVersion(ctx, tt.target)
			}); err != nil {
				t.Fatal(err)
			}
			_, err = Copy(ctx, from, to, CopyOptions{})
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("Copy: %v, want %v", err, tt.wantErr)
			}
			var docs int64
			var version int
			if err := to.db.Read(ctx, func(tx backend.Tx) error {
				if docs, err = tx.CountRows(ctx, backend.Tables[0]); err != nil {
					return err
				}
				version, err = tx.Memory().AnalysisVersion(ctx)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if want := int64(0); tt.wantErr == nil {
				want = 1
				if docs != want {
					t.Errorf("target holds %d documents, want %d", docs, want)
				}
			} else if docs != want {
				t.Errorf("a refused copy wrote %d documents", docs)
			}
			if version != tt.target {
				t.Errorf("target's analysis version %d, want %d", version, tt.target)
			}
		})
	}
}
