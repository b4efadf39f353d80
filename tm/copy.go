package tm

import (
	"context"
	"errors"
	"fmt"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// Errors of [Copy] about its target.
var (
	// ErrNotEmpty means the target of a copy already holds documents,
	// revisions or memory entries.
	ErrNotEmpty = errors.New("tm: the target database is not empty")
	// ErrSchemaDiffers means the source and target of a copy are not at
	// the same schema version.
	ErrSchemaDiffers = errors.New("tm: the databases' schema versions differ")
)

// CopyOptions reports a copy's progress.
type CopyOptions struct {
	// OnStart, when set, is called once with the number of rows the copy
	// will write, before it writes any.
	OnStart func(rows int64)
	// OnRows, when set, is called as rows are written, with how many.
	OnRows func(n int)
}

// CopyReport counts the rows a copy wrote, by table.
type CopyReport struct {
	Tables []TableCount
	Rows   int64
}

// TableCount is the number of rows copied into one table.
type TableCount struct {
	Table string
	Rows  int64
}

// copyBatch bounds the rows, and the bytes, that a copy holds before
// writing them.
const (
	copyBatchRows  = 2000
	copyBatchBytes = 8 << 20
)

// Copy copies the whole database from into to, which must be empty and at
// the same schema version: every document with its versions, units and
// revisions, the post-edit figures, the term base, the repairs, and the
// memory with its index, ids unchanged, in one transaction of to (nothing
// is written to it unless all is), reading from in one consistent state. to then computes
// what it derives from them (statistics, full-text index) and numbers new
// rows after the copied ones. The two may be on different backends. A
// target that is not empty fails with [ErrNotEmpty], one at another
// schema version with [ErrSchemaDiffers], both untouched.
func Copy(ctx context.Context, from, to *Store, o CopyOptions) (CopyReport, error) {
	var rep CopyReport
	err := to.db.Bulk(ctx, func(w backend.Tx) error {
		return from.db.Read(ctx, func(r backend.Tx) error {
			rep = CopyReport{}
			fv, err := r.SchemaVersion(ctx)
			if err != nil {
				return fmt.Errorf("read %s: %w", Redact(from.path), err)
			}
			tv, err := w.SchemaVersion(ctx)
			if err != nil {
				return fmt.Errorf("read %s: %w", Redact(to.path), err)
			}
			if fv != tv {
				return fmt.Errorf("%s is at schema version %d, %s at %d: %w", Redact(from.path), fv, Redact(to.path), tv, ErrSchemaDiffers)
			}
			for _, t := range backend.SettingTables {
				fr, err := tableRows(ctx, r, t)
				if err != nil {
					return fmt.Errorf("read %s: %w", Redact(from.path), err)
				}
				tr, err := tableRows(ctx, w, t)
				if err != nil {
					return fmt.Errorf("read %s: %w", Redact(to.path), err)
				}
				if fmt.Sprint(fr) != fmt.Sprint(tr) {
					return fmt.Errorf("%s: table %s holds %v, %s %v: %w", Redact(from.path), t.Name, fr, Redact(to.path), tr, ErrSchemaDiffers)
				}
			}
			for _, t := range append(backend.Tables, backend.DerivedTables...) {
				n, err := w.CountRows(ctx, t)
				if err != nil {
					return fmt.Errorf("read %s: %w", Redact(to.path), err)
				}
				if n > 0 {
					return fmt.Errorf("%s: table %s holds %d rows: %w", Redact(to.path), t.Name, n, ErrNotEmpty)
				}
			}
			counts := make([]int64, len(backend.Tables))
			for i, t := range backend.Tables {
				if counts[i], err = r.CountRows(ctx, t); err != nil {
					return fmt.Errorf("read %s: %w", Redact(from.path), err)
				}
				rep.Rows += counts[i]
			}
			if o.OnStart != nil {
				o.OnStart(rep.Rows)
			}
			for _, t := range backend.Tables {
				n, err := copyTable(ctx, r, w, t, o)
				if err != nil {
					return fmt.Errorf("copy table %s: %w", t.Name, err)
				}
				rep.Tables = append(rep.Tables, TableCount{t.Name, n})
			}
			seqs, err := r.Sequences(ctx)
			if err != nil {
				return fmt.Errorf("read %s: %w", Redact(from.path), err)
			}
			return w.AfterCopy(ctx, seqs)
		})
	})
	if err != nil {
		return CopyReport{}, fmt.Errorf("copy %s to %s: %w", Redact(from.path), Redact(to.path), err)
	}
	return rep, nil
}

// copyTable streams one table's rows from r into w, a batch at a time.
func copyTable(ctx context.Context, r, w backend.Tx, t backend.Table, o CopyOptions) (int64, error) {
	var batch [][]any
	var size int
	var n int64
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := w.InsertRows(ctx, t, batch); err != nil {
			return err
		}
		n += int64(len(batch))
		if o.OnRows != nil {
			o.OnRows(len(batch))
		}
		batch, size = batch[:0], 0
		return nil
	}
	err := r.ScanTable(ctx, t, func(row []any) error {
		kept := make([]any, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case []byte:
				// The scanner may reuse v; an empty value stays empty, not
				// NULL.
				b := make([]byte, len(v))
				copy(b, v)
				kept[i] = b
				size += len(v)
			case string:
				kept[i] = v
				size += len(v)
			default:
				kept[i] = v
			}
		}
		batch = append(batch, kept)
		if len(batch) >= copyBatchRows || size >= copyBatchBytes {
			return flush()
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, flush()
}

// tableRows returns the rows of a small table, in key order.
func tableRows(ctx context.Context, tx backend.Tx, t backend.Table) ([][]any, error) {
	var out [][]any
	err := tx.ScanTable(ctx, t, func(row []any) error {
		out = append(out, append([]any(nil), row...))
		return nil
	})
	return out, err
}
