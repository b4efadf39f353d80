package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// snapshotOptions are those of the transaction of a [Store.Search]: read
// only, and repeatable read, so that every statement sees the snapshot the
// first one took.
var snapshotOptions = pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}

// snapshotConn is a pooled connection on which the first statement opens
// the transaction [snapshotOptions] in the same round trip: the BEGIN goes
// in front of it, in one batch ([pgx.Batch.BeginTx]). A lookup reads the
// dictionary, posting lists, key lists, sources and entries in turn; in
// one snapshot, an entry that a writer replaces meanwhile (a re-review) is
// still read whole, as the postings that led to it, instead of being
// missing halfway.
type snapshotConn struct {
	q  *pgxpool.Conn
	tx pgx.Tx // the search's transaction, once begun
}

var _ querier = (*snapshotConn)(nil)

// end commits the transaction if one was begun (rolls it back when failed
// is true).
func (c *snapshotConn) end(ctx context.Context, failed bool) error {
	if c.tx == nil {
		return nil
	}
	tx := c.tx
	c.tx = nil
	if failed {
		return tx.Rollback(ctx)
	}
	return tx.Commit(ctx)
}

// begin returns a batch that opens the transaction, or nil when it is open.
func (c *snapshotConn) begin() *pgx.Batch {
	if c.tx != nil {
		return nil
	}
	b := &pgx.Batch{}
	b.BeginTx(snapshotOptions)
	b.Queue(genericPlans)
	return b
}

// genericPlans makes the search's statements run on their generic plans:
// each is a handful of index scans whatever its arguments (the ids and
// tokens of one lookup), and planning one for each lookup's arguments
// cost the server as much as running it (about 0.1 ms a statement).
const genericPlans = `SET LOCAL plan_cache_mode = force_generic_plan`

// send runs b (which starts with the BEGIN and genericPlans), reads their
// results and keeps the transaction.
func (c *snapshotConn) send(ctx context.Context, b *pgx.Batch) (pgx.BatchResults, error) {
	br := c.q.SendBatch(ctx, b)
	for range 2 { // BEGIN, SET
		if _, err := br.Exec(); err != nil {
			return nil, errors.Join(err, br.Close())
		}
	}
	c.tx = br.Tx()
	return br, nil
}

// BeginTx begins a transaction of the caller's own (a concordance search
// forces its plans in one) when the search has run nothing yet: the
// search's snapshot is then that transaction's, and a statement after it
// ends opens a new one. Once the search's transaction is open, it begins a
// savepoint there.
func (c *snapshotConn) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	if c.tx == nil {
		return c.q.BeginTx(ctx, opts)
	}
	return c.tx.Begin(ctx)
}

// Begin begins a savepoint in the search's transaction, opening it first.
func (c *snapshotConn) Begin(ctx context.Context) (pgx.Tx, error) {
	if c.tx == nil {
		tx, err := c.q.BeginTx(ctx, snapshotOptions)
		if err != nil {
			return nil, err
		}
		c.tx = tx
	}
	return c.tx.Begin(ctx)
}

func (c *snapshotConn) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	b := c.begin()
	if b == nil {
		return c.tx.Exec(ctx, sql, args...)
	}
	b.Queue(sql, args...)
	br, err := c.send(ctx, b)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	return tag, errors.Join(err, br.Close())
}

func (c *snapshotConn) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	b := c.begin()
	if b == nil {
		return c.tx.Query(ctx, sql, args...)
	}
	b.Queue(sql, args...)
	br, err := c.send(ctx, b)
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		return nil, errors.Join(err, br.Close())
	}
	return &batchRows{Rows: rows, br: br}, nil
}

func (c *snapshotConn) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if c.tx != nil {
		return c.tx.QueryRow(ctx, sql, args...)
	}
	rows, err := c.Query(ctx, sql, args...)
	return &firstRow{rows: rows, err: err}
}

func (c *snapshotConn) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	first := c.begin()
	if first == nil {
		return c.tx.SendBatch(ctx, b)
	}
	first.QueuedQueries = append(first.QueuedQueries, b.QueuedQueries...)
	br, err := c.send(ctx, first)
	if err != nil {
		return pgx.FailedBatchResults(b, err)
	}
	return br
}

func (c *snapshotConn) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return 0, errors.New("copy in a read-only transaction")
}

// batchRows are the rows of a batch's last statement: closing them ends
// the batch.
type batchRows struct {
	pgx.Rows
	br  pgx.BatchResults
	err error
}

func (r *batchRows) Close() {
	if r.br == nil {
		return
	}
	r.Rows.Close()
	r.err = r.br.Close()
	r.br = nil
}

func (r *batchRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

func (r *batchRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

// firstRow is the first of rows, as pgx.Conn.QueryRow returns it.
type firstRow struct {
	rows pgx.Rows
	err  error
}

func (r *firstRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	r.rows.Close()
	return r.rows.Err()
}
