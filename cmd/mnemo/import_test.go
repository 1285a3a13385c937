package main

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export"
)

// runCtx runs mnemo with a context the test controls and no stdin.
func (c *cliT) runCtx(ctx context.Context, args ...string) (string, string, int) {
	c.t.Helper()
	return c.runWith(ctx, "", args...)
}

// ids maps each card's question to its ID.
func (c *cliT) ids() map[string]string {
	c.t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]string{}
	for _, cd := range list {
		out[cd["question"].(string)] = cd["id"].(string)
	}
	return out
}

// backup returns the collection's JSON backup, written at a fixed time.
func (c *cliT) backup(name string) []byte {
	c.t.Helper()
	p := filepath.Join(c.t.TempDir(), name)
	c.ok("--now", "2027-01-01T00:00:00Z", "export", "json", p)
	b, err := os.ReadFile(p)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

func fileBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// studied makes a collection of three notes with a few answers at fixed
// times.
func studied(t *testing.T) (*cliT, map[string]string) {
	c := newCLI(t)
	c.note("geo.md", "# Capitals\n\nCapital of Kenya::Nairobi\n\nCapital of Peru::Lima\n\n{{c1::Canberra}} was founded in {{c2::1913}}\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	ids := c.ids()
	c.now = "2026-11-27T09:00:00Z"
	c.ok("rate", ids["Capital of Kenya"], "good")
	c.now = "2026-11-27T09:12:00Z"
	c.ok("rate", ids["Capital of Kenya"], "good")
	c.now = "2026-11-29T10:00:00Z"
	c.ok("rate", ids["Capital of Kenya"], "hard")
	c.ok("rate", ids["Capital of Peru"], "easy")
	return c, ids
}

func TestImportOwnPackageChangesNothing(t *testing.T) {
	c, _ := studied(t)
	before := c.backup("before.json")
	apkg := filepath.Join(c.dir, "out.apkg")
	c.ok("export", "anki", apkg)
	for i := range 2 {
		out := c.ok("import", "anki", apkg)
		if !strings.Contains(out, "4 reviews: 0 added, 4 already there") || !strings.Contains(out, "0 added, 0 updated") {
			t.Errorf("import %d of our own package = %q", i+1, out)
		}
	}
	if after := c.backup("after.json"); !bytes.Equal(before, after) {
		t.Errorf("importing our own package changed the collection:\n%s", lineDiff(before, after))
	}
}

// editCollection opens the collection.anki2 of a package, lets edit change
// it, and writes the package back.
func editCollection(t *testing.T, apkg string, edit func(db *sql.DB)) {
	t.Helper()
	order, entries := readZip(t, apkg)
	dbPath := filepath.Join(t.TempDir(), "c.anki2")
	if err := os.WriteFile(dbPath, entries["collection.anki2"], 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	edit(db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	entries["collection.anki2"] = fileBytes(t, dbPath)
	writeZip(t, apkg, order, entries)
}

// readZip returns a zip's entries and their order.
func readZip(t *testing.T, path string) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
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
		entries[f.Name] = b
		order = append(order, f.Name)
	}
	return order, entries
}

func writeZip(t *testing.T, path string, order []string, entries map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(entries[name]); err != nil {
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

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// checkReplayed asserts that every card's schedule is the replay of its
// review log, and returns the reviews of card id.
func checkReplayed(t *testing.T, db string, id string) []cards.Review {
	t.Helper()
	st, err := store.Open(db, store.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log []cards.Review
	err = st.View(func(tx *store.Tx) error {
		opts, err := tx.DeckOptions()
		if err != nil {
			return err
		}
		cd, ok, err := tx.Card(cards.ID(id))
		if err != nil || !ok {
			t.Fatalf("card %s: %v %v", id, ok, err)
		}
		if log, err = tx.ReviewsOf(cd.ID); err != nil {
			return err
		}
		want, wantLog := export.Replay(&cd, log, decks.Resolve(cd.Deck, opts))
		if !want.Due.Equal(cd.Schedule.Due) || want.Stability != cd.Schedule.Stability ||
			want.Difficulty != cd.Schedule.Difficulty || want.State != cd.Schedule.State || want.Reps != cd.Schedule.Reps {
			t.Errorf("card %s schedule %+v, replay gives %+v", id, cd.Schedule, want)
		}
		for i := range log {
			if log[i].Stability != wantLog[i].Stability || log[i].StateAfter != wantLog[i].StateAfter {
				t.Errorf("review %d of %s not replayed: %+v, want %+v", i, id, log[i], wantLog[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestImportAddsReviewsMadeElsewhere(t *testing.T) {
	c, ids := studied(t)
	apkg := filepath.Join(c.dir, "phone.apkg")
	c.ok("export", "anki", apkg)
	// five answers on the phone, days later, one of them a lapse
	editCollection(t, apkg, func(db *sql.DB) {
		var cid int64
		if err := db.QueryRow(`SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'Capital of Kenya%'`).Scan(&cid); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
		for i, ease := range []int{3, 3, 1, 3, 4} {
			mustExec(t, db, "INSERT INTO revlog VALUES (?, ?, 0, ?, 10, 5, 2500, 6000, 1)",
				at.AddDate(0, 0, 4*i).UnixMilli(), cid, ease)
		}
	})
	c.now = "2027-01-01T00:00:00Z"
	out := c.ok("import", "anki", apkg)
	if !strings.Contains(out, "9 reviews: 5 added, 4 already there") {
		t.Errorf("import = %q", out)
	}
	log := checkReplayed(t, c.db, ids["Capital of Kenya"])
	if len(log) != 8 {
		t.Errorf("%d reviews of the card, want 3 + 5", len(log))
	}
	if out := c.ok("import", "anki", apkg); !strings.Contains(out, "9 reviews: 0 added, 9 already there") {
		t.Errorf("second import = %q", out)
	}
}

func TestOlderBackupNeverMovesCardsBack(t *testing.T) {
	c, ids := studied(t)
	old := filepath.Join(c.dir, "old.json")
	c.ok("export", "json", old)
	c.now = "2026-12-05T10:00:00Z"
	c.ok("rate", ids["Capital of Kenya"], "good")
	before := c.backup("before.json")
	out := c.ok("import", "json", old)
	if !strings.Contains(out, "0 added, 0 updated") || !strings.Contains(out, "reviews: 0 added") {
		t.Errorf("import of an older backup = %q", out)
	}
	if after := c.backup("after.json"); !bytes.Equal(before, after) {
		t.Errorf("an older backup changed the collection")
	}
}

func TestTwoMachinesMergeBothWays(t *testing.T) {
	base, ids := studied(t)
	baseFile := filepath.Join(base.dir, "base.json")
	base.ok("export", "json", baseFile)
	machine := func(now string) *cliT {
		m := newCLI(t)
		m.now = now
		m.ok("import", "json", baseFile)
		return m
	}
	a, b := machine("2026-12-01T08:00:00Z"), machine("2026-12-01T08:00:00Z")
	a.ok("rate", ids["Capital of Kenya"], "good")
	a.now = "2026-12-04T08:00:00Z"
	a.ok("rate", ids["Capital of Kenya"], "again")
	b.now = "2026-12-02T19:00:00Z"
	b.ok("rate", ids["Capital of Peru"], "good")
	b.ok("rate", ids["[...] was founded in 1913"], "hard")
	aFile, bFile := filepath.Join(a.dir, "a.json"), filepath.Join(b.dir, "b.json")
	a.ok("export", "json", aFile)
	b.ok("export", "json", bFile)
	a.now, b.now = "2026-12-06T08:00:00Z", "2026-12-06T08:00:00Z"
	if out := a.ok("import", "json", bFile); !strings.Contains(out, "2 added") {
		t.Errorf("a <- b: %q", out)
	}
	if out := b.ok("import", "json", aFile); !strings.Contains(out, "2 added") {
		t.Errorf("b <- a: %q", out)
	}
	ab, ba := a.backup("ab.json"), b.backup("ba.json")
	if !bytes.Equal(ab, ba) {
		t.Errorf("the two machines differ after merging both ways:\n%s", lineDiff(ab, ba))
	}
	checkReplayed(t, a.db, ids["Capital of Kenya"])
	checkReplayed(t, b.db, ids["Capital of Kenya"])
}

func TestBackupRoundTripKeepsEverything(t *testing.T) {
	c, ids := studied(t)
	c.ok("suspend", ids["Capital of Peru"])
	c.ok("settings", "--rollover-hour", "0")
	// orphan a reviewed card by deleting its line
	c.note("geo.md", "# Capitals\n\nCapital of Peru::Lima\n\n{{c1::Canberra}} was founded in {{c2::1913}}\n")
	c.ok("sync")
	first := filepath.Join(c.dir, "first.json")
	c.ok("export", "json", first)
	b := fileBytes(t, first)
	for _, want := range []string{`"orphaned": true`, `"suspended": true`, `"rollover_hour": 0`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("backup lacks %s", want)
		}
	}
	if n := bytes.Count(b, []byte(`"card_id"`)); n != 4 {
		t.Errorf("backup holds %d reviews, want 4 (the orphan's too)", n)
	}
	fresh := newCLI(t)
	fresh.now = c.now
	fresh.ok("import", "json", first)
	again := filepath.Join(c.dir, "again.json")
	fresh.ok("export", "json", again)
	if !bytes.Equal(b, fileBytes(t, again)) {
		t.Errorf("export json -> import json -> export json is not identical:\n%s", lineDiff(b, fileBytes(t, again)))
	}
}

func TestImportJSONReport(t *testing.T) {
	c, _ := studied(t)
	f := filepath.Join(c.dir, "b.json")
	c.ok("export", "json", f)
	var rep struct {
		Cards, Added, Unchanged int
		ReviewsAdded            int `json:"reviews_added"`
		ReviewsSkipped          int `json:"reviews_skipped"`
	}
	out := c.ok("import", "json", f, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.Cards != 4 || rep.Unchanged != 4 || rep.ReviewsSkipped != 4 {
		t.Errorf("report = %+v", rep)
	}
}

func TestImportRefusesHostileBackups(t *testing.T) {
	for _, tc := range []struct{ name, card, review, want string }{
		{"bogus kind", `{"id":"aaaaaaaaaa","kind":"bogus","schedule":{"state":"new"}}`, ``, `kind "bogus"`},
		{"negative stability", `{"id":"aaaaaaaaaa","kind":"basic","schedule":{"state":"review","stability":-3}}`, ``, "stability -3"},
		{"huge position", `{"id":"aaaaaaaaaa","kind":"basic","position":18446744073709551615,"schedule":{"state":"new"}}`, ``, "position"},
		{"long id", `{"id":"` + strings.Repeat("a", 40000) + `","kind":"basic","schedule":{"state":"new"}}`, ``, "bytes long"},
		{"far due", `{"id":"aaaaaaaaaa","kind":"basic","schedule":{"state":"review","due":"99999-01-01T00:00:00Z"}}`, ``, "card 1"},
		{"rating 99", `{"id":"aaaaaaaaaa","kind":"basic","schedule":{"state":"new"}}`,
			`{"card_id":"aaaaaaaaaa","time":"2026-01-01T00:00:00Z","rating":99,"state_before":"new","state_after":"new"}`, "rating 99"},
		{"missing card", `{"id":"aaaaaaaaaa","kind":"basic","schedule":{"state":"new"}}`,
			`{"card_id":"zzzzzzzzzz","time":"2026-01-01T00:00:00Z","rating":3,"state_before":"new","state_after":"new"}`, `card "zzzzzzzzzz"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			f := filepath.Join(c.dir, "evil.json")
			doc := `{"format":"mnemo-backup","version":1,"time_zone":"UTC","cards":[` + tc.card + `],"reviews":[` + tc.review + `]}`
			if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errOut, code := c.run("", "import", "json", f)
			if code != 1 || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "nothing was imported") {
				t.Errorf("exit %d, stderr %q; want it to mention %q", code, errOut, tc.want)
			}
			// a restore into a new collection leaves none behind
			if _, err := os.Stat(c.db); err == nil {
				t.Errorf("a collection was created")
			}
		})
	}
}

func TestInterruptedExportAndImportChangeNothing(t *testing.T) {
	c, _ := studied(t)
	target := filepath.Join(c.dir, "out.apkg")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonTarget := filepath.Join(c.dir, "out.json")
	c.ok("export", "json", jsonTarget)
	backup := fileBytes(t, jsonTarget)
	before := c.backup("before.json")
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before the work starts: the checks inside see it at once
	for _, args := range [][]string{
		{"export", "anki", target},
		{"export", "json", jsonTarget},
		{"import", "json", jsonTarget},
		{"import", "anki", filepath.Join(c.dir, "nonexistent-but-checked-later.apkg")},
	} {
		if strings.Contains(args[2], "nonexistent") {
			ok := filepath.Join(c.dir, "in.apkg")
			c.ok("export", "anki", ok)
			args[2] = ok
		}
		start := time.Now()
		_, errOut, code := c.runCtx(ctx, args...)
		if code != 130 || !strings.Contains(errOut, "interrupted") {
			t.Errorf("%v: exit %d, %q; want 130", args, code, errOut)
		}
		t.Logf("%v stopped after %v", args, time.Since(start))
	}
	if string(fileBytes(t, target)) != "old" || !bytes.Equal(fileBytes(t, jsonTarget), backup) {
		t.Errorf("an interrupted export replaced its target")
	}
	if after := c.backup("after.json"); !bytes.Equal(before, after) {
		t.Errorf("an interrupted import changed the collection")
	}
	left, _ := filepath.Glob(filepath.Join(c.dir, ".mnemo-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// lineDiff shows the lines that differ between two documents of the same
// shape (enough to tell which field changed).
func lineDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
		if len(out) > 20 {
			break
		}
	}
	return strings.Join(out, "\n")
}

func TestAnkiRoundTripKeepsCardTagsAndRolloverZero(t *testing.T) {
	c := newCLI(t)
	// a reversed pair whose two cards carry different tags, and a cloze
	// pair with a tag on one card only
	c.note("lang.md", "uno:::one #spanish\n\n{{c1::Madrid}} is in {{c2::Spain}}\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	c.ok("settings", "--rollover-hour", "0")
	ids := c.ids()
	st, err := store.Open(c.db, store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	err = st.Update(func(tx *store.Tx) error {
		i := 0
		return tx.ForEachCard(func(cd *cards.Card) error {
			i++
			cd.Tags = append(cd.Tags, fmt.Sprintf("own%d", i), "shared")
			if i == 2 {
				cd.Tags = nil
			}
			want[cd.Question] = cd.Tags
			return nil
		})
	})
	if err == nil {
		err = st.Update(func(tx *store.Tx) error {
			for q, tags := range want {
				cd, _, err := tx.Card(cards.ID(ids[q]))
				if err != nil {
					return err
				}
				cd.Tags = tags
				if err := tx.PutCard(&cd); err != nil {
					return err
				}
			}
			return nil
		})
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	apkg := filepath.Join(c.dir, "tags.apkg")
	c.ok("export", "anki", apkg)
	fresh := newCLI(t)
	fresh.ok("import", "anki", apkg)
	var list []struct {
		Question string
		Tags     []string
	}
	if err := json.Unmarshal([]byte(fresh.ok("cards", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Fatalf("%d cards back, want %d", len(list), len(want))
	}
	for _, cd := range list {
		if strings.Join(cd.Tags, " ") != strings.Join(want[cd.Question], " ") {
			t.Errorf("%q: tags %v, want %v", cd.Question, cd.Tags, want[cd.Question])
		}
	}
	if out := fresh.ok("settings"); !strings.Contains(out, "rollover hour  0") {
		t.Errorf("rollover hour not kept: %s", out)
	}
}

// laterCtx is a context that is cancelled (as by Ctrl-C) once its Err has
// been asked n times: the command is stopped in the middle of its work,
// wherever it first checks that often, without depending on timing.
type laterCtx struct {
	context.Context
	n        int
	done     chan struct{}
	canceled time.Time
}

func newLaterCtx(n int) *laterCtx {
	return &laterCtx{Context: context.Background(), n: n, done: make(chan struct{})}
}

func (c *laterCtx) Done() <-chan struct{} { return c.done }

func (c *laterCtx) Err() error {
	if c.n > 0 {
		if c.n--; c.n > 0 {
			return nil
		}
		c.canceled = time.Now()
		close(c.done)
	}
	return context.Canceled
}

func TestInterruptedMidwayChangesNothing(t *testing.T) {
	dir := t.TempDir()
	// the test's own temporary folder: every .mnemo-* file in it is this
	// test's, whatever other processes leave in the shared one
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	c := newCLI(t)
	c.db = filepath.Join(dir, "collection.db")
	bigStore(t, c.db, 3000, 4)
	jsonFile := filepath.Join(dir, "all.json")
	apkg := filepath.Join(dir, "all.apkg")
	c.ok("export", "json", jsonFile)
	c.ok("export", "anki", apkg)
	other := newCLI(t)
	other.db = filepath.Join(dir, "other.db")
	bigStore(t, other.db, 100, 2)
	other.ok("settings", "--rollover-hour", "4") // the first write dates the collection
	before := other.backup("before.json")
	for _, tc := range []struct {
		cli    *cliT
		args   []string
		target string
	}{
		{c, []string{"export", "json", filepath.Join(dir, "new.json")}, filepath.Join(dir, "new.json")},
		{c, []string{"export", "anki", filepath.Join(dir, "new.apkg")}, filepath.Join(dir, "new.apkg")},
		{other, []string{"import", "json", jsonFile}, ""},
		{other, []string{"import", "anki", apkg}, ""},
	} {
		for _, n := range []int{2, 5} {
			ctx := newLaterCtx(n)
			_, errOut, code := tc.cli.runCtx(ctx, tc.args...)
			if ctx.n > 0 {
				t.Fatalf("%v finished before its %d-th check for Ctrl-C", tc.args, n)
			}
			if code != 130 || !strings.Contains(errOut, "interrupted") {
				t.Errorf("%v cancelled at check %d: exit %d, %q; want 130", tc.args, n, code, errOut)
			}
			t.Logf("%v cancelled at check %d: returned %v later", tc.args, n, time.Since(ctx.canceled))
			if tc.target != "" {
				if _, err := os.Stat(tc.target); err == nil {
					t.Errorf("%v: an interrupted export wrote its target", tc.args)
				}
			}
		}
	}
	if after := other.backup("after.json"); !bytes.Equal(before, after) {
		t.Errorf("an interrupted import changed the collection:\n%s", lineDiff(before, after))
	}
	// a restore into a collection that does not exist yet, stopped midway:
	// no collection appears
	fresh := newCLI(t)
	fresh.db = filepath.Join(dir, "fresh.db")
	ctx := newLaterCtx(5)
	if _, errOut, code := fresh.runCtx(ctx, "import", "json", jsonFile); code != 130 || ctx.n > 0 {
		t.Errorf("fresh restore: exit %d (%s), %d checks left", code, errOut, ctx.n)
	}
	if _, err := os.Stat(fresh.db); err == nil {
		t.Errorf("an interrupted restore left a collection")
	}
	for _, d := range []string{dir, mediaDirOf(other.db), tmp} {
		left, _ := filepath.Glob(filepath.Join(d, ".mnemo-*"))
		for _, l := range left {
			t.Errorf("temporary file left: %s", l)
		}
	}
}

func TestNextRunRemovesTempFilesOfAKilledOne(t *testing.T) {
	c, _ := studied(t)
	old := time.Now().Add(-time.Hour)
	stale := []string{filepath.Join(c.dir, ".mnemo-export-123.apkg"), filepath.Join(c.dir, ".mnemo-export-456")}
	for _, p := range stale {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	fresh := filepath.Join(c.dir, ".mnemo-export-789") // another export running right now
	if err := os.WriteFile(fresh, []byte("busy"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.ok("export", "json", filepath.Join(c.dir, "b.json"))
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a recent temporary file (another export's) was removed")
	}
}

func TestPackageCannotOverwriteAnotherCardByID(t *testing.T) {
	c, ids := studied(t)
	victim := ids["Capital of Kenya"]
	before := c.ok("show", victim)
	apkg := filepath.Join(c.dir, "evil.apkg")
	c.ok("export", "anki", apkg)
	// a note of another file and note that claims the victim's card ID
	editCollection(t, apkg, func(db *sql.DB) {
		mustExec(t, db, `UPDATE notes SET mod = mod + 864000,
			flds = 'Transfer money to?' || char(31) || 'the attacker' || char(31) || '' || char(31) ||
			'/elsewhere/evil.md:1<br><span class="mnemo-id">mnemo:note=evilnote01;0=`+victim+`</span>'
			WHERE flds LIKE 'Capital of Peru%'`)
		// the real owner of the ID is not in this package
		mustExec(t, db, `DELETE FROM revlog WHERE cid IN (SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'Capital of Kenya%')`)
		mustExec(t, db, `DELETE FROM cards WHERE nid IN (SELECT id FROM notes WHERE flds LIKE 'Capital of Kenya%')`)
		mustExec(t, db, `DELETE FROM notes WHERE flds LIKE 'Capital of Kenya%'`)
	})
	out := c.ok("import", "anki", apkg)
	if !strings.Contains(out, "1 cards claimed the ID of another card") {
		t.Errorf("import = %q", out)
	}
	if after := c.ok("show", victim); after != before {
		t.Errorf("the victim card changed:\n%s\nwas\n%s", after, before)
	}
	if !strings.Contains(c.ok("cards"), "Transfer money to?") {
		t.Errorf("the claiming card was not kept under an ID of its own")
	}
}

func TestFreshRestoreInManyBatchesIsIdentical(t *testing.T) {
	defer func(n int) { restoreBatch = n }(restoreBatch)
	restoreBatch = 2 // every two elements a transaction of their own
	c, ids := studied(t)
	c.ok("suspend", ids["Capital of Peru"])
	c.ok("decks", "set", "geo", "--retention", "0.85")
	first := filepath.Join(c.dir, "first.json")
	c.ok("export", "json", first)
	fresh := newCLI(t)
	fresh.now = c.now
	out := fresh.ok("import", "json", first)
	if !strings.Contains(out, "4 cards: 4 added") || !strings.Contains(out, "4 reviews: 4 added") {
		t.Errorf("restore = %q", out)
	}
	again := filepath.Join(c.dir, "again.json")
	fresh.ok("export", "json", again)
	if !bytes.Equal(fileBytes(t, first), fileBytes(t, again)) {
		t.Errorf("restored in batches, the collection differs:\n%s", lineDiff(fileBytes(t, first), fileBytes(t, again)))
	}
	if left, _ := filepath.Glob(filepath.Join(fresh.dir, ".mnemo-import-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A card suspended on the phone after the export moves the card row's mod,
// not its note's: the suspension must come back on import.
func TestImportAnkiCardSuspendedAfterExport(t *testing.T) {
	c, ids := studied(t)
	apkg := filepath.Join(c.dir, "out.apkg")
	c.ok("export", "anki", apkg)
	later := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC).Unix()
	editCollection(t, apkg, func(db *sql.DB) {
		mustExec(t, db, `UPDATE cards SET queue = -1, mod = ? WHERE nid IN
			(SELECT id FROM notes WHERE flds LIKE 'Capital of Peru%')`, later)
	})
	c.now = "2026-12-02T09:00:00Z"
	out := c.ok("import", "anki", apkg)
	if !strings.Contains(out, "1 updated") {
		t.Errorf("import of the package with one card suspended = %q, want 1 updated", out)
	}
	suspended := map[string]bool{}
	var list []map[string]any
	if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	for _, cd := range list {
		suspended[cd["id"].(string)] = cd["suspended"] == true
	}
	for q, id := range ids {
		if want := q == "Capital of Peru"; suspended[id] != want {
			t.Errorf("%q: suspended = %v, want %v", q, suspended[id], want)
		}
	}
	// importing it again changes nothing
	if out := c.ok("import", "anki", apkg); !strings.Contains(out, "0 added, 0 updated") {
		t.Errorf("second import = %q, want nothing updated", out)
	}
}
