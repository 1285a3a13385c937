package anki

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// batchRows is how many rows one INSERT statement carries: fewer calls
// into the driver than a statement per row.
const batchRows = 128

// errDriver is returned when the SQLite driver lacks an interface the
// writer needs (it never does for modernc.org/sqlite).
var errDriver = errors.New("sqlite driver does not support prepared statements with context")

// batcher inserts rows into one table in multi-row INSERT statements,
// straight through the driver: database/sql would copy every argument
// of every call.
type batcher struct {
	ctx    context.Context
	conn   driver.Conn
	prefix string // "INSERT INTO t VALUES "
	row    string // "(?,?,0,...)"
	cols   int
	stmt   driver.Stmt
	args   []driver.NamedValue
	rows   int
}

func newBatcher(ctx context.Context, conn driver.Conn, table, row string) *batcher {
	return &batcher{ctx: ctx, conn: conn, prefix: "INSERT INTO " + table + " VALUES ", row: row,
		cols: strings.Count(row, "?")}
}

func (b *batcher) sql(n int) string {
	return b.prefix + strings.TrimSuffix(strings.Repeat(b.row+",", n), ",")
}

func (b *batcher) exec(query string, args []driver.NamedValue) error {
	p, ok := b.conn.(driver.ConnPrepareContext)
	if !ok {
		return errDriver
	}
	st, err := p.PrepareContext(b.ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	return execStmt(b.ctx, st, args)
}

func execStmt(ctx context.Context, st driver.Stmt, args []driver.NamedValue) error {
	e, ok := st.(driver.StmtExecContext)
	if !ok {
		return errDriver
	}
	_, err := e.ExecContext(ctx, args)
	return err
}

// add queues one row (values must be int64 or string), writing a full
// batch.
func (b *batcher) add(values ...any) error {
	if len(values) != b.cols {
		return fmt.Errorf("insert: %d values for %d columns", len(values), b.cols)
	}
	if b.args == nil {
		b.args = make([]driver.NamedValue, 0, batchRows*b.cols)
	}
	for _, v := range values {
		b.args = append(b.args, driver.NamedValue{Ordinal: len(b.args) + 1, Value: v})
	}
	b.rows++
	if b.rows < batchRows {
		return nil
	}
	if b.stmt == nil {
		p, ok := b.conn.(driver.ConnPrepareContext)
		if !ok {
			return errDriver
		}
		st, err := p.PrepareContext(b.ctx, b.sql(batchRows))
		if err != nil {
			return fmt.Errorf("prepare insert: %w", err)
		}
		b.stmt = st
	}
	if err := execStmt(b.ctx, b.stmt, b.args); err != nil {
		return err
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// flush writes the queued rows and releases the statement.
func (b *batcher) flush() error {
	defer func() {
		if b.stmt != nil {
			_ = b.stmt.Close()
			b.stmt = nil
		}
	}()
	if b.rows == 0 {
		return nil
	}
	err := b.exec(b.sql(b.rows), b.args)
	b.args, b.rows = b.args[:0], 0
	return err
}

// execDriver runs statements without arguments on a driver connection.
func execDriver(ctx context.Context, conn driver.Conn, query string) error {
	e, ok := conn.(driver.ExecerContext)
	if !ok {
		return errDriver
	}
	_, err := e.ExecContext(ctx, query, nil)
	return err
}
