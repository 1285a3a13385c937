package main

import (
	"bytes"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/mnemo-app/mnemo/decks/store"
)

// schema18 is the part of Anki's schema 18 (rslib/src/storage/schema11.sql
// plus upgrades/schema1[45]_upgrade.sql) an importer reads: the col row
// keeps only crt and ver; note types, fields, templates, decks, presets
// and settings have tables of their own with protobuf configs.
const schema18 = `
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

// pb builds protobuf fields: varint, length-delimited and fixed32.
type pb []byte

func (p pb) key(field, wire int) pb { return binary.AppendUvarint(p, uint64(field<<3|wire)) }
func (p pb) varint(field int, v uint64) pb {
	return binary.AppendUvarint(p.key(field, 0), v)
}
func (p pb) bytes(field int, b []byte) pb {
	return append(binary.AppendUvarint(p.key(field, 2), uint64(len(b))), b...)
}
func (p pb) float(field int, f float32) pb {
	return binary.LittleEndian.AppendUint32(p.key(field, 5), math.Float32bits(f))
}

func zstdBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll(b, nil)
}

// modernPackage builds a package as current Anki exports it (meta
// version 3, collection.anki21b, zstd media list and files) holding a
// basic note with an image and tags, a cloze note, a nested deck with its
// preset, two answers, and a media list with one hostile name.
func modernPackage(t *testing.T, path string) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "c.anki2")
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	crt := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	answered := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{schema18, nil},
		{"INSERT INTO col VALUES (1, ?, 0, 0, 18, 0, 0, 0, '', '', '', '', '')", []any{crt.Unix()}},
		{"INSERT INTO config VALUES ('rollover', 0, 0, CAST('0' AS blob)), ('creationOffset', 0, 0, CAST('0' AS blob))", nil},
		{"INSERT INTO notetypes VALUES (1001, 'Basic', 0, 0, x''), (1002, 'Cloze', 0, 0, ?)", []any{[]byte(pb{}.varint(1, 1))}},
		{"INSERT INTO fields VALUES (1001, 0, 'Front', x''), (1001, 1, 'Back', x''), (1002, 0, 'Text', x''), (1002, 1, 'Back Extra', x'')", nil},
		{"INSERT INTO templates VALUES (1001, 0, 'Card 1', 0, 0, x''), (1002, 0, 'Cloze', 0, 0, x'')", nil},
		{"INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', ?), (2000, ?, 0, 0, x'', ?)", []any{
			[]byte(pb{}.bytes(1, pb{}.varint(1, 1))), "Lang\x1fSpanish", []byte(pb{}.bytes(1, pb{}.varint(1, 5)))}},
		{"INSERT INTO deck_config VALUES (5, 'Spanish', 0, 0, ?)", []any{[]byte(pb{}.varint(9, 15).float(37, 0.85))}},
		{"INSERT INTO notes VALUES (1, 'g1', 1001, ?, 0, ' spanish animals ', ?, 'hola', 0, 0, '')", []any{
			crt.Unix(), "hola\x1fhello <img src=\"cat.png\">"}},
		{"INSERT INTO notes VALUES (2, 'g2', 1002, ?, 0, ' spanish ', ?, '', 0, 0, '')", []any{
			crt.Unix(), "{{c1::Madrid}} is the capital\x1f"}},
		{"INSERT INTO cards VALUES (?, 1, 2000, 0, 0, 0, 2, 2, 25, 5, 2500, 2, 0, 0, 0, 0, 0, '')", []any{crt.UnixMilli()}},
		{"INSERT INTO cards VALUES (?, 2, 2000, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')", []any{crt.UnixMilli() + 1}},
		{"INSERT INTO revlog VALUES (?, ?, 0, 3, -600, 0, 0, 5000, 0), (?, ?, 0, 3, 5, -600, 2500, 4000, 1)", []any{
			answered.UnixMilli(), crt.UnixMilli(), answered.Add(10 * time.Minute).UnixMilli(), crt.UnixMilli()}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	cat := []byte("\x89PNG not really")
	sum := sha1.Sum(cat)
	media := pb{}.bytes(1, pb{}.bytes(1, []byte("cat.png")).varint(2, uint64(len(cat))).bytes(3, sum[:])).
		bytes(1, pb{}.bytes(1, []byte("../evil.png")).varint(2, 4))
	entries := map[string][]byte{
		"meta":               pb{}.varint(1, 3),
		"collection.anki21b": zstdBytes(t, fileBytes(t, dbPath)),
		"media":              zstdBytes(t, media),
		"0":                  zstdBytes(t, cat),
		"1":                  zstdBytes(t, []byte("evil")),
	}
	writeZip(t, path, []string{"meta", "collection.anki21b", "media", "0", "1"}, entries)
}

func TestImportModernPackageAndColpkg(t *testing.T) {
	for _, name := range []string{"deck.apkg", "collection.colpkg"} {
		t.Run(name, func(t *testing.T) {
			c := newCLI(t)
			c.now = "2026-12-01T12:00:00Z"
			pkg := filepath.Join(c.dir, name)
			modernPackage(t, pkg)
			out, errOut, code := c.run("", "import", "anki", pkg)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			if !strings.Contains(out, "2 cards: 2 added") || !strings.Contains(out, "2 reviews: 2 added") || !strings.Contains(out, "1 media files") {
				t.Errorf("import = %q", out)
			}
			if !strings.Contains(errOut, `refused`) || !strings.Contains(errOut, `../evil.png`) {
				t.Errorf("hostile media name not reported: %q", errOut)
			}
			var list []struct {
				Kind, Deck, Question, Answer, State string
				Tags                                []string
				Reps                                int
			}
			if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 {
				t.Fatalf("cards = %+v", list)
			}
			for _, cd := range list {
				if cd.Deck != "Lang::Spanish" {
					t.Errorf("deck = %q", cd.Deck)
				}
				switch cd.Kind {
				case "basic":
					if cd.Question != "hola" || !strings.Contains(cd.Answer, "![](cat.png)") || cd.State != "review" ||
						strings.Join(cd.Tags, " ") != "spanish animals" {
						t.Errorf("basic card = %+v", cd)
					}
				case "cloze":
					if !strings.Contains(cd.Question, "[...] is the capital") || cd.Answer != "Madrid" || cd.State != "new" {
						t.Errorf("cloze card = %+v", cd)
					}
				}
			}
			mediaDir := mediaDirOf(c.db)
			if got, err := os.ReadFile(filepath.Join(mediaDir, "cat.png")); err != nil || !bytes.Equal(got, []byte("\x89PNG not really")) {
				t.Errorf("media not stored beside the collection: %v", err)
			}
			assertNoEvil(t, c.dir)
			st, err := store.Open(c.db, store.OpenOptions{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			err = st.View(func(tx *store.Tx) error {
				opts, err := tx.DeckOptions()
				o := opts["Lang::Spanish"]
				if err != nil || o.NewPerDay == nil || *o.NewPerDay != 15 || o.Retention == nil || *o.Retention != 0.85 {
					t.Errorf("deck preset not imported: %+v %v", o, err)
				}
				s, err := tx.Settings()
				if s.RolloverHour != 0 {
					t.Errorf("rollover hour %d, want the package's 0", s.RolloverHour)
				}
				return err
			})
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			if out := c.ok("import", "anki", pkg); !strings.Contains(out, "2 reviews: 0 added, 2 already there") {
				t.Errorf("second import = %q", out)
			}
			// show lists the image, in the media folder
			var cid string
			for q, id := range c.ids() {
				if q == "hola" {
					cid = id
				}
			}
			if out := c.ok("show", cid); !strings.Contains(out, "media     "+filepath.Join(mediaDir, "cat.png")) {
				t.Errorf("show does not list the media:\n%s", out)
			}
			// the image goes out again with the card
			again := filepath.Join(c.dir, "again.apkg")
			c.ok("export", "anki", again)
			_, entries := readZip(t, again)
			if !strings.Contains(string(entries["media"]), "cat.png") || string(entries["0"]) != "\x89PNG not really" {
				t.Errorf("exported media = %s", entries["media"])
			}
		})
	}
}

// assertNoEvil checks that no file named evil.png exists anywhere under
// dir or next to it.
func assertNoEvil(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Dir(dir), os.TempDir()} {
		_ = filepath.Walk(d, func(p string, fi os.FileInfo, err error) error {
			if err == nil && fi.Name() == "evil.png" {
				t.Errorf("hostile media written to %s", p)
			}
			if err == nil && fi.IsDir() && p != d && d != dir {
				return filepath.SkipDir
			}
			return nil
		})
	}
}

func TestImportRefusesHostileMediaNames(t *testing.T) {
	c, _ := studied(t)
	apkg := filepath.Join(c.dir, "x.apkg")
	c.ok("export", "anki", apkg)
	order, entries := readZip(t, apkg)
	names := []string{"../evil.png", "/tmp/evil.png", "..", ".hidden", "sub/evil.png", `..\evil.png`, "ok.png"}
	m := map[string]string{}
	for i, n := range names {
		k := "1" + string(rune('0'+i))
		m[k] = n
		entries[k] = []byte("data " + n)
		order = append(order, k)
	}
	b, _ := json.Marshal(m)
	entries["media"] = b
	writeZip(t, apkg, order, entries)
	out, errOut, code := c.run("", "import", "anki", apkg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "6 media files refused") {
		t.Errorf("stderr = %q", errOut)
	}
	if !strings.Contains(out, "1 media files added") {
		t.Errorf("stdout = %q", out)
	}
	got, err := os.ReadDir(mediaDirOf(c.db))
	if err != nil || len(got) != 1 || got[0].Name() != "ok.png" {
		t.Errorf("media folder holds %v (%v), want only ok.png", got, err)
	}
	assertNoEvil(t, c.dir)
}
