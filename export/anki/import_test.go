package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

func TestRoundTrip(t *testing.T) {
	col := exampleCollection(t, t.TempDir())
	col.Reviews = simulate(col.Cards, testCreated, testNow, 5, 50)
	col.Cards[3].Suspended = true
	col.Cards[5].BuriedUntil = testNow.Add(3 * time.Hour)
	col.Cards[2].Tags = []string{"llm", "reading-notes", "reverse-only"}
	path, _ := exportFile(t, col, Options{Scheduling: true})
	back, _, warnings, err := ImportFile(context.Background(), path, testNow, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	byID := map[cards.ID]cards.Card{}
	for _, c := range back.Cards {
		byID[c.ID] = c
	}
	if len(back.Cards) != len(col.Cards) {
		t.Fatalf("%d cards back, want %d", len(back.Cards), len(col.Cards))
	}
	clock := newDayClock(time.UTC, 4, testCreated)
	for _, want := range col.Cards {
		got, ok := byID[want.ID]
		if !ok {
			t.Errorf("card %s lost its ID", want.ID)
			continue
		}
		if got.Deck != want.Deck || got.Kind != want.Kind || got.Note != want.Note || got.Ord != want.Ord {
			t.Errorf("card %s: deck/kind/note/ord %s %s %s %d, want %s %s %s %d", want.ID,
				got.Deck, got.Kind, got.Note, got.Ord, want.Deck, want.Kind, want.Note, want.Ord)
		}
		// tags are per note in Anki: a card gets its siblings' tags too
		for _, tag := range want.Tags {
			if !got.HasTag(tag) {
				t.Errorf("card %s lost tag %q: %q", want.ID, tag, got.Tags)
			}
		}
		if !reflect.DeepEqual(got.Context, want.Context) || got.Source != want.Source {
			t.Errorf("card %s: context/source %q %+v, want %q %+v", want.ID, got.Context, got.Source, want.Context, want.Source)
		}
		if got.Suspended != want.Suspended || got.BuriedUntil.IsZero() != want.BuriedUntil.IsZero() {
			t.Errorf("card %s: suspended %v buried %v", want.ID, got.Suspended, got.BuriedUntil)
		}
		if d := got.Added.Sub(want.Added); d < 0 || d > time.Second {
			t.Errorf("card %s: added %v, want %v", want.ID, got.Added, want.Added)
		}
		gs, ws := got.Schedule, want.Schedule
		if gs.State != ws.State || gs.Reps != ws.Reps || gs.Lapses != ws.Lapses {
			t.Errorf("card %s: state/reps/lapses %v %d %d, want %v %d %d", want.ID, gs.State, gs.Reps, gs.Lapses, ws.State, ws.Reps, ws.Lapses)
		}
		if clock.day(gs.Due) != clock.day(ws.Due) {
			t.Errorf("card %s: due %v, want the study day of %v", want.ID, gs.Due, ws.Due)
		}
		if math.Abs(gs.Stability-ws.Stability) > 1e-3*math.Max(1, ws.Stability) || math.Abs(gs.Difficulty-ws.Difficulty) > 1e-2 {
			t.Errorf("card %s: S %g D %g, want %g %g", want.ID, gs.Stability, gs.Difficulty, ws.Stability, ws.Difficulty)
		}
	}
	// simple fields come back as the Markdown they were
	for _, i := range []int{0, 1, 2} {
		w, g := col.Cards[i], byID[col.Cards[i].ID]
		if g.Question != w.Question || g.Answer != w.Answer {
			t.Errorf("card %s: %q / %q, want %q / %q", w.ID, g.Question, g.Answer, w.Question, w.Answer)
		}
	}
	if g := byID[col.Cards[3].ID]; g.Text != col.Cards[3].Text || g.Question != col.Cards[3].Question || g.Answer != col.Cards[3].Answer {
		t.Errorf("cloze came back as %q / %q / %q", g.Text, g.Question, g.Answer)
	}
	// every review, same card, time (ms), rating and duration
	key := func(r cards.Review) string {
		return fmt.Sprintf("%s %d %d %d", r.CardID, r.Time.UnixMilli(), r.Rating, r.DurationMS)
	}
	var want, got []string
	for _, r := range col.Reviews {
		want = append(want, key(r))
	}
	for _, r := range back.Reviews {
		got = append(got, key(r))
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reviews differ: %d back, %d sent", len(got), len(want))
	}
	for _, r := range back.Reviews {
		if r.StateAfter == cards.StateNew || r.Stability <= 0 {
			t.Errorf("replayed review %+v has no state", r)
			break
		}
	}
	if !reflect.DeepEqual(back.Options, col.Options) {
		t.Errorf("options %v, want %v", back.Options, col.Options)
	}
	if back.Rollover() != 4 || !back.Now.Equal(testNow) {
		t.Errorf("clock: rollover %d now %v", back.Rollover(), back.Now)
	}
}

func TestRoundTripWithoutScheduling(t *testing.T) {
	col := exampleCollection(t, t.TempDir())
	col.Reviews = simulate(col.Cards, testCreated, testNow, 5, 10)
	path, _ := exportFile(t, col, Options{})
	back, _, _, err := ImportFile(context.Background(), path, testNow, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Reviews) != 0 {
		t.Errorf("%d reviews imported from a package without scheduling", len(back.Reviews))
	}
	for i, c := range back.Cards {
		if c.Schedule.State != cards.StateNew || c.ID != col.Cards[i].ID {
			t.Errorf("card %s: %v", c.ID, c.Schedule.State)
		}
		if i > 0 && c.Position <= back.Cards[i-1].Position && c.Note != back.Cards[i-1].Note {
			t.Errorf("new-card order lost at %s", c.ID)
		}
	}
}

// foreignPackage builds a package as Anki itself would export it (legacy
// 2: meta version 2, collection.anki21 plus a dummy collection.anki2),
// with stock note types and an SM-2 history.
func foreignPackage(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := func(name string, fill func(db *sql.DB)) []byte {
		path := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		exec(t, db, schema11)
		fill(db)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	crt := time.Date(2024, 1, 1, 4, 0, 0, 0, time.UTC).Unix()
	models := `{"1000":{"id":1000,"name":"Basic (and reversed card)","type":0,"mod":1,"usn":0,"sortf":0,"did":1,
		"flds":[{"name":"Front","ord":0},{"name":"Back","ord":1}],"tmpls":[{"name":"Card 1","ord":0,"qfmt":"{{Front}}"},{"name":"Card 2","ord":1,"qfmt":"{{Back}}"}],"css":""},
		"2000":{"id":2000,"name":"Cloze","type":1,"mod":1,"usn":0,"sortf":0,"did":1,
		"flds":[{"name":"Text","ord":0},{"name":"Back Extra","ord":1}],"tmpls":[{"name":"Cloze","ord":0,"qfmt":"{{cloze:Text}}"}],"css":""},
		"3000":{"id":3000,"name":"One field","type":0,"mod":1,"usn":0,"sortf":0,"did":1,
		"flds":[{"name":"Only","ord":0}],"tmpls":[{"name":"Card 1","ord":0,"qfmt":"{{Only}}"}],"css":""}}`
	decks := `{"1":{"id":1,"name":"Default","conf":1},"5":{"id":5,"name":"Languages::Spanish","conf":7}}`
	dconf := `{"1":{"id":1,"new":{"perDay":20},"rev":{"perDay":200,"maxIvl":36500},"lapse":{"leechFails":8}},
		"7":{"id":7,"new":{"perDay":15,"bury":true},"rev":{"perDay":300,"maxIvl":36500},"lapse":{"leechFails":8},"desiredRetention":0.88}}`
	day := func(d int) int64 { return time.Unix(crt, 0).AddDate(0, 0, d).UnixMilli() }
	real := build("real", func(db *sql.DB) {
		exec(t, db, fmt.Sprintf(`INSERT INTO col VALUES (1,%d,0,0,11,0,0,0,'{"schedVer":2,"rollover":4,"creationOffset":0}','%s','%s','%s','{}')`,
			crt, models, decks, dconf))
		exec(t, db,
			fmt.Sprintf(`INSERT INTO notes VALUES (%d,'g1',1000,1,0,' spanish verbs ','<b>hablar</b>'||char(31)||'to speak &amp; talk','',0,0,'')`, day(0)),
			fmt.Sprintf(`INSERT INTO notes VALUES (%d,'g2',2000,1,0,'','{{c1::Madrid}} is the capital of {{c2::Spain}}'||char(31)||'','',0,0,'')`, day(0)+1),
			fmt.Sprintf(`INSERT INTO notes VALUES (%d,'g3',3000,1,0,'','alone','',0,0,'')`, day(0)+2),
			// forward card: reviewed twice, now a review card due on day 12
			fmt.Sprintf(`INSERT INTO cards VALUES (%d,%d,5,0,1,0,2,2,12,9,2500,2,0,0,0,0,0,'')`, day(0), day(0)),
			// reverse card: new, position 3
			fmt.Sprintf(`INSERT INTO cards VALUES (%d,%d,5,1,1,0,0,0,3,0,0,0,0,0,0,0,0,'')`, day(0)+1, day(0)),
			// cloze 1: reviewed then forgotten (reset to new)
			fmt.Sprintf(`INSERT INTO cards VALUES (%d,%d,5,0,1,0,0,0,4,0,0,0,0,0,0,0,0,'')`, day(0)+2, day(0)+1),
			// cloze 2: suspended review card with FSRS memory state
			fmt.Sprintf(`INSERT INTO cards VALUES (%d,%d,5,1,1,0,2,-1,20,15,2300,3,1,0,0,0,0,'{"s":15.5,"d":6.25,"dr":0.9}')`, day(0)+3, day(0)+1),
			fmt.Sprintf(`INSERT INTO cards VALUES (%d,%d,5,0,1,0,0,0,5,0,0,0,0,0,0,0,0,'')`, day(0)+4, day(0)+2),
			// revlog: learning step, graduate, review; cloze 1 answered then forgotten
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,1,-600,0,0,4000,0)`, day(1), day(0)),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,3,1,-600,2500,3000,0)`, day(1)+600000, day(0)),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,3,9,1,2500,5000,1)`, day(3), day(0)),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,3,-600,0,0,2000,0)`, day(2), day(0)+2),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,0,0,0,0,0,4)`, day(4), day(0)+2),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,3,-600,0,0,2000,0)`, day(2)+1, day(0)+3),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,4,4,0,2500,2000,0)`, day(2)+60000, day(0)+3),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,1,-600,4,2300,2000,1)`, day(6), day(0)+3),
			fmt.Sprintf(`INSERT INTO revlog VALUES (%d,%d,0,3,15,-600,2300,2000,2)`, day(6)+600000, day(0)+3),
		)
	})
	dummy := build("dummy", func(db *sql.DB) {
		exec(t, db, fmt.Sprintf(`INSERT INTO col VALUES (1,%d,0,0,11,0,0,0,'{}','{}','{}','{}','{}')`, crt))
	})
	return writeZip(t, map[string][]byte{
		"meta": {0x08, 0x02}, "collection.anki21": real, "collection.anki2": dummy, "media": []byte("{}"),
	})
}

func TestImportForeign(t *testing.T) {
	now := time.Date(2024, 1, 20, 12, 0, 0, 0, time.UTC)
	col, _, warnings, err := ImportFile(context.Background(), foreignPackage(t), now, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `type "One field" have fewer than two fields`) {
		t.Errorf("warnings %q", warnings)
	}
	if len(col.Cards) != 4 {
		t.Fatalf("%d cards, want 4 (the one-field note is skipped)", len(col.Cards))
	}
	fwd, rev, c1, c2 := col.Cards[0], col.Cards[1], col.Cards[2], col.Cards[3]
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"forward kind", fwd.Kind, cards.KindBasic},
		{"forward question from html", fwd.Question, "**hablar**"},
		{"forward answer entities", fwd.Answer, "to speak & talk"},
		{"reverse kind", rev.Kind, cards.KindReversed},
		{"reverse question", rev.Question, "to speak & talk"},
		{"siblings share note", rev.Note, fwd.ID},
		{"new id from content", fwd.ID, cards.NewID(cards.KindBasic, "**hablar**", 0, "")},
		{"deck", fwd.Deck, "Languages::Spanish"},
		{"tags", fwd.Tags, []string{"spanish", "verbs"}},
		{"review state", fwd.Schedule.State, cards.StateReview},
		{"review due day 12", fwd.Schedule.Due, time.Date(2024, 1, 13, 4, 0, 0, 0, time.UTC)},
		{"review reps", fwd.Schedule.Reps, uint64(2)},
		{"new card", rev.Schedule.State, cards.StateNew},
		{"new position", rev.Position, uint64(3)},
		{"cloze kind", c1.Kind, cards.KindCloze},
		{"cloze ord", c2.Ord, 2},
		{"cloze question", c1.Question, "[...] is the capital of Spain"},
		{"cloze answer", c2.Answer, "Spain"},
		{"forgotten cloze is new", c1.Schedule.State, cards.StateNew},
		{"suspended", c2.Suspended, true},
		{"relearned state from row", c2.Schedule.State, cards.StateReview},
		{"memory state from data", c2.Schedule.Stability, 15.5},
		{"difficulty from data", c2.Schedule.Difficulty, 6.25},
		{"lapses", c2.Schedule.Lapses, uint64(1)},
		{"options from preset", *col.Options["Languages::Spanish"].NewPerDay, 15},
		{"retention from preset", *col.Options["Languages::Spanish"].Retention, 0.88},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
	count := map[cards.ID]int{}
	for _, r := range col.Reviews {
		count[r.CardID]++
	}
	if count[fwd.ID] != 3 || count[c1.ID] != 1 || count[c2.ID] != 4 {
		t.Errorf("reviews per card %v", count)
	}
	if r := col.Reviews[0]; r.CardID != fwd.ID || r.Rating != cards.Again || r.DurationMS != 4000 || r.StateBefore != cards.StateNew {
		t.Errorf("first review %+v", r)
	}
}

func zipBytes(t *testing.T, entries map[string][]byte) []byte {
	t.Helper()
	b, err := os.ReadFile(writeZip(t, entries))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportRefuses(t *testing.T) {
	good := validPackage(t)
	goodEntries, _ := zipEntries(t, good)
	with := func(change func(e map[string][]byte)) []byte {
		e := map[string][]byte{}
		for k, v := range goodEntries {
			e[k] = v
		}
		change(e)
		return zipBytes(t, e)
	}
	raw := func(name string, compressed, uncompressed uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
			CompressedSize64: compressed, UncompressedSize64: uncompressed})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(make([]byte, compressed)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, tc := range []struct {
		name string
		pkg  []byte
		is   error
		want string
	}{
		{"not a zip", []byte("hello, not a zip"), ErrNotPackage, "not an Anki package"},
		{"parent path", with(func(e map[string][]byte) { e["../evil"] = []byte("x") }), ErrUnsafe, "bare file name"},
		{"absolute path", with(func(e map[string][]byte) { e["/etc/x"] = []byte("x") }), ErrUnsafe, "bare file name"},
		{"folder path", with(func(e map[string][]byte) { e["a/b"] = []byte("x") }), ErrUnsafe, "bare file name"},
		{"too big", raw("collection.anki2", 10, 3<<30), ErrUnsafe, "more than"},
		{"compression bomb", raw("collection.anki2", 100, 200<<20), ErrUnsafe, "compressed more than"},
		{"corrupt sqlite", with(func(e map[string][]byte) { e["collection.anki2"] = bytes.Repeat([]byte("junk"), 2000) }), ErrNotPackage, "unreadable"},
		{"anki21b not zstd", with(func(e map[string][]byte) {
			e["collection.anki21b"] = []byte{0x28, 0xb5, 0x2f, 0xfd}
			delete(e, "collection.anki2")
			delete(e, "media")
		}), ErrNotPackage, "collection.anki21b"},
		{"latest meta without anki21b", with(func(e map[string][]byte) { e["meta"] = []byte{0x08, 0x03} }), ErrNotPackage, "collection.anki21b"},
		{"unknown meta", with(func(e map[string][]byte) { e["meta"] = []byte{0x08, 0x09} }), ErrUnsupported, "version 9"},
		{"broken meta", with(func(e map[string][]byte) { e["meta"] = []byte{0x08} }), ErrNotPackage, "protobuf"},
		{"no collection", with(func(e map[string][]byte) { delete(e, "collection.anki2") }), ErrNotPackage, "no collection"},
		{"schema 18", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) { exec(t, db, "UPDATE col SET ver=18") })
		}), ErrNotPackage, "config"},
		{"schema 19", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) { exec(t, db, "UPDATE col SET ver=19") })
		}), ErrUnsupported, "schema 19"},
		{"view", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) {
				exec(t, db, "ALTER TABLE revlog RENAME TO r2")
				exec(t, db, "CREATE VIEW revlog AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n) SELECT x AS id, 0 AS cid, 0 AS usn, 3 AS ease, 0 AS ivl, 0 AS lastIvl, 0 AS factor, 0 AS time, 0 AS type FROM n")
			})
		}), ErrUnsafe, "view"},
		{"trigger", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) {
				exec(t, db, "CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM cards; END")
			})
		}), ErrUnsafe, "trigger"},
		{"hostile crt", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) { exec(t, db, "UPDATE col SET crt=-9000000000000000000") })
		}), export.ErrInvalid, "col.crt"},
		{"hostile revlog id", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) {
				exec(t, db, "INSERT INTO revlog VALUES (9000000000000000000, (SELECT id FROM cards LIMIT 1), 0, 3, 1, 0, 2500, 100, 1)")
			})
		}), export.ErrInvalid, "revlog row 9000000000000000000"},
		{"hostile position", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) { exec(t, db, "UPDATE cards SET type=0, queue=0, due=9223372036854775807") })
		}), export.ErrInvalid, "position"},
		{"no col row", with(func(e map[string][]byte) {
			e["collection.anki2"] = withDB(t, e["collection.anki2"], func(db *sql.DB) { exec(t, db, "DELETE FROM col") })
		}), ErrNotPackage, "col"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			col, _, warnings, err := Import(context.Background(), bytes.NewReader(tc.pkg), int64(len(tc.pkg)), testNow, ImportOptions{})
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, tc.is) && !(tc.is == ErrUnsafe && errors.Is(err, zip.ErrInsecurePath)) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
			if len(col.Cards) != 0 || len(col.Reviews) != 0 || warnings != nil {
				t.Error("something returned with the error")
			}
		})
	}
}

func TestImportPrefersAnki21(t *testing.T) {
	col, _, _, err := ImportFile(context.Background(), foreignPackage(t), testNow, ImportOptions{})
	if err != nil || len(col.Cards) == 0 {
		t.Fatalf("read the dummy collection.anki2 instead of collection.anki21: %v, %d cards", err, len(col.Cards))
	}
}

func FuzzImport(f *testing.F) {
	cs := []cards.Card{
		{ID: "aaaaaaaaaa", Note: "aaaaaaaaaa", Kind: cards.KindBasic, Deck: "d", Question: "q", Answer: "a"},
		{ID: "bbbbbbbbbb", Note: "bbbbbbbbbb", Kind: cards.KindCloze, Deck: "d::e", Text: "{{c1::x}}", Ord: 1},
	}
	var b bytes.Buffer
	if _, err := Export(context.Background(), &b, export.Collection{Cards: cs, Now: testNow}, Options{Scheduling: true}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04 not really"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, pkg []byte) {
		col, _, _, err := Import(context.Background(), bytes.NewReader(pkg), int64(len(pkg)), testNow, ImportOptions{})
		if err != nil && len(col.Cards) != 0 {
			t.Fatal("cards returned with an error")
		}
		ids := map[cards.ID]bool{}
		for _, c := range col.Cards {
			if ids[c.ID] {
				t.Fatalf("duplicate card ID %s", c.ID)
			}
			ids[c.ID] = true
		}
	})
}

func TestParseSource(t *testing.T) {
	for _, tc := range []struct {
		name  string
		field string
		src   cards.Source
		note  cards.ID
		ids   map[int]cards.ID
	}{
		{"mnemo field", SourceField("n1", cards.Source{Path: "/a/b c.md", Line: 3, EndLine: 5}, map[int]cards.ID{0: "n1", 1: "r1"}),
			cards.Source{Path: "/a/b c.md", Line: 3, EndLine: 5}, "n1", map[int]cards.ID{0: "n1", 1: "r1"}},
		{"single line", SourceField("n", cards.Source{Path: "x.md", Line: 7, EndLine: 7}, map[int]cards.ID{0: "n"}),
			cards.Source{Path: "x.md", Line: 7, EndLine: 7}, "n", map[int]cards.ID{0: "n"}},
		{"no path", SourceField("n", cards.Source{}, map[int]cards.ID{2: "c3"}), cards.Source{}, "n", map[int]cards.ID{2: "c3"}},
		{"foreign source field", "Wikipedia, 2021", cards.Source{}, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, note, ids, _ := parseSource(tc.field)
			if src != tc.src || note != tc.note || !reflect.DeepEqual(ids, tc.ids) {
				t.Errorf("parseSource(%q) = %+v %q %v, want %+v %q %v", tc.field, src, note, ids, tc.src, tc.note, tc.ids)
			}
		})
	}
}
