// Package ankitest builds Anki packages for tests: a package as current
// Anki exports it (meta version 3, collection.anki21b with the schema-18
// tables, a zstd protobuf media list and zstd media files), shared by the
// importer's CLI tests and the validator's tests; and the deck the exporter
// is timed on against genanki-js (GenankiDeck).
package ankitest

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite" // the collection database

	"github.com/mnemo-app/mnemo/export/ankitext"
)

// Schema18 is the part of Anki's schema 18 (rslib/src/storage/schema11.sql
// plus upgrades/schema1[45]_upgrade.sql) an importer reads: the col row
// keeps only crt and ver; note types, fields, templates, decks, presets
// and settings have tables of their own with protobuf configs.
const Schema18 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
  odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL, val blob NOT NULL) WITHOUT ROWID;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE, mtime_secs integer NOT NULL,
  usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY COLLATE NOCASE, usn integer NOT NULL, collapsed boolean NOT NULL,
  config blob NULL) WITHOUT ROWID;
`

// PB builds protobuf fields: varint, length-delimited and fixed32.
type PB []byte

func (p PB) key(field, wire int) PB { return binary.AppendUvarint(p, uint64(field<<3|wire)) }

// Varint appends a varint field.
func (p PB) Varint(field int, v uint64) PB { return binary.AppendUvarint(p.key(field, 0), v) }

// Bytes appends a length-delimited field.
func (p PB) Bytes(field int, b []byte) PB {
	return append(binary.AppendUvarint(p.key(field, 2), uint64(len(b))), b...)
}

// Float appends a fixed32 float field.
func (p PB) Float(field int, f float32) PB {
	return binary.LittleEndian.AppendUint32(p.key(field, 5), math.Float32bits(f))
}

// Zstd compresses b as one zstd frame.
func Zstd(t testing.TB, b []byte) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll(b, nil)
}

// Times of the modern collection: created, first answer; a package built
// at any time after Answered is valid.
var (
	Created  = time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	Answered = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
)

// ModernOptions vary a modern package.
type ModernOptions struct {
	// HostileMedia adds a media entry named "../evil.png".
	HostileMedia bool
	// Mutate, when set, changes the collection database before it is
	// compressed (to build broken variants); an error fails the test.
	Mutate func(db *sql.DB) error
	// Edit, when set, changes the zip entries before they are written.
	Edit func(entries map[string][]byte)
}

// ModernPackage writes to path a package as current Anki exports it
// holding a basic note with an image and tags, a cloze note, a nested deck
// with its preset, two answers and the image.
func ModernPackage(t testing.TB, path string, opts ModernOptions) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "c.anki2")
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	crt := Created
	basic := "hola\x1fhello <img src=\"cat.png\">"
	cloze := "{{c1::Madrid}} is the capital\x1f"
	sfld := func(f string) string {
		return ankitext.StripHTMLPreservingMediaFilenames(f[:bytes.IndexByte([]byte(f), 0x1f)])
	}
	csum := func(f string) int64 { return int64(ankitext.FieldChecksum(f[:bytes.IndexByte([]byte(f), 0x1f)])) }
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{Schema18, nil},
		{"INSERT INTO col VALUES (1, ?, 0, 0, 18, 0, 0, 0, '', '', '', '', '')", []any{crt.Unix()}},
		{"INSERT INTO config VALUES ('rollover', 0, 0, CAST('0' AS blob)), ('creationOffset', 0, 0, CAST('0' AS blob))", nil},
		{"INSERT INTO notetypes VALUES (1001, 'Basic', 0, 0, x''), (1002, 'Cloze', 0, 0, ?)", []any{[]byte(PB{}.Varint(1, 1))}},
		{"INSERT INTO fields VALUES (1001, 0, 'Front', x''), (1001, 1, 'Back', x''), (1002, 0, 'Text', x''), (1002, 1, 'Back Extra', x'')", nil},
		{"INSERT INTO templates VALUES (1001, 0, 'Card 1', 0, 0, x''), (1002, 0, 'Cloze', 0, 0, x'')", nil},
		{"INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', ?), (2000, 'Lang', 0, 0, x'', ?), (2001, ?, 0, 0, x'', ?)", []any{
			[]byte(PB{}.Bytes(1, PB{}.Varint(1, 1))), []byte(PB{}.Bytes(1, PB{}.Varint(1, 1))),
			"Lang\x1fSpanish", []byte(PB{}.Bytes(1, PB{}.Varint(1, 5)))}},
		{"INSERT INTO deck_config VALUES (1, 'Default', 0, 0, x''), (5, 'Spanish', 0, 0, ?)", []any{[]byte(PB{}.Varint(9, 15).Float(37, 0.85))}},
		{"INSERT INTO notes VALUES (1, 'g1', 1001, ?, 0, ' spanish animals ', ?, ?, ?, 0, '')", []any{
			crt.Unix(), basic, sfld(basic), csum(basic)}},
		{"INSERT INTO notes VALUES (2, 'g2', 1002, ?, 0, ' spanish ', ?, ?, ?, 0, '')", []any{
			crt.Unix(), cloze, sfld(cloze), csum(cloze)}},
		{"INSERT INTO cards VALUES (?, 1, 2001, 0, 0, 0, 2, 2, 25, 5, 2500, 2, 0, 0, 0, 0, 0, '')", []any{crt.UnixMilli()}},
		{"INSERT INTO cards VALUES (?, 2, 2001, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')", []any{crt.UnixMilli() + 1}},
		{"INSERT INTO revlog VALUES (?, ?, 0, 3, -600, 0, 0, 5000, 0), (?, ?, 0, 3, 5, -600, 2500, 4000, 1)", []any{
			Answered.UnixMilli(), crt.UnixMilli(), Answered.Add(10 * time.Minute).UnixMilli(), crt.UnixMilli()}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if opts.Mutate != nil {
		if err := opts.Mutate(db); err != nil {
			t.Fatalf("mutate the collection: %v", err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	coll, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	cat := []byte("\x89PNG not really")
	sum := sha1.Sum(cat)
	media := PB{}.Bytes(1, PB{}.Bytes(1, []byte("cat.png")).Varint(2, uint64(len(cat))).Bytes(3, sum[:]))
	entries := map[string][]byte{
		"meta":               PB{}.Varint(1, 3),
		"collection.anki21b": Zstd(t, coll),
		"0":                  Zstd(t, cat),
	}
	order := []string{"meta", "collection.anki21b", "media", "0"}
	if opts.HostileMedia {
		media = media.Bytes(1, PB{}.Bytes(1, []byte("../evil.png")).Varint(2, 4))
		entries["1"] = Zstd(t, []byte("evil"))
		order = append(order, "1")
	}
	entries["media"] = Zstd(t, media)
	if opts.Edit != nil {
		opts.Edit(entries)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range order {
		b, ok := entries[n]
		if !ok {
			continue
		}
		delete(entries, n)
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	for n, b := range entries { // entries Edit added
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
