package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mnemo-app/mnemo/export"
)

// exportFile exports col to a new file in a temporary folder.
func exportFile(t testing.TB, col export.Collection, opts Options) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deck.apkg")
	warnings, err := WriteFile(context.Background(), path, col, opts)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return path, warnings
}

// zipEntries reads every entry of a zip file.
func zipEntries(t testing.TB, path string) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
		order = append(order, f.Name)
	}
	return out, order
}

// writeZip writes entries (in sorted order, collection first) to a new
// file and returns its path.
func writeZip(t testing.TB, entries map[string][]byte) string {
	t.Helper()
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(entries[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "changed.apkg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withDB runs fn on a writable copy of a collection file's bytes and
// returns the changed bytes.
func withDB(t testing.TB, coll []byte, fn func(db *sql.DB)) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, coll, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	fn(db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repack copies the package at src, letting mutate change the collection
// database and edit change the zip entries.
func repack(t testing.TB, src string, mutate func(db *sql.DB), edit func(entries map[string][]byte)) string {
	t.Helper()
	entries, _ := zipEntries(t, src)
	if mutate != nil {
		entries["collection.anki2"] = withDB(t, entries["collection.anki2"], mutate)
	}
	if edit != nil {
		edit(entries)
	}
	return writeZip(t, entries)
}

// exec runs SQL statements on db, failing the test on error.
func exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// openCollection opens the collection inside an exported package.
func openCollection(t testing.TB, apkg string) *sql.DB {
	t.Helper()
	entries, _ := zipEntries(t, apkg)
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, entries["collection.anki2"], 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
