package anki

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/export/ankitext"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func queryString(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	var s string
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func TestExportExampleValidates(t *testing.T) {
	for _, sched := range []bool{false, true} {
		t.Run(fmt.Sprintf("scheduling=%v", sched), func(t *testing.T) {
			col := exampleCollection(t, t.TempDir())
			col.Reviews = simulate(col.Cards, testCreated, testNow, 7, 12)
			path, warnings := exportFile(t, col, Options{Scheduling: sched})
			if err := Validate(context.Background(), path, testNow); err != nil {
				t.Fatalf("exported package is invalid:\n%v", err)
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], `"image-2.png"`) {
				t.Errorf("want exactly the missing image-2.png warning, got %q", warnings)
			}
			db := openCollection(t, path)
			if n := queryInt(t, db, "SELECT count(*) FROM revlog"); sched != (n > 0) {
				t.Errorf("revlog rows = %d with scheduling=%v", n, sched)
			}
			if !sched {
				if n := queryInt(t, db, "SELECT count(*) FROM cards WHERE type != 0 OR queue != 0"); n != 0 {
					t.Errorf("%d cards not new without scheduling", n)
				}
			}
		})
	}
}

func TestExportContents(t *testing.T) {
	col := exampleCollection(t, t.TempDir())
	col.Location = time.FixedZone("AEST", 10*3600)
	col.Reviews = simulate(col.Cards, testCreated, testNow, 3, 8)
	col.Cards[0].Suspended = true
	col.Cards[len(col.Cards)-1].BuriedUntil = testNow.Add(5 * time.Hour)
	path, _ := exportFile(t, col, Options{Scheduling: true})
	if err := Validate(context.Background(), path, testNow); err != nil {
		t.Fatal(err)
	}
	db := openCollection(t, path)
	entries, _ := zipEntries(t, path)
	if _, ok := entries["meta"]; ok {
		t.Error("a legacy package has no meta entry")
	}
	var media map[string]string
	if err := json.Unmarshal(entries["media"], &media); err != nil {
		t.Fatal(err)
	}
	if media["0"] != "Pasted_image_20241206183838.png" || media["1"] != "image-1.png" || len(media) != 2 {
		t.Errorf("media = %v", media)
	}
	if string(entries["1"]) != "\x89PNG fake image 1" {
		t.Errorf("media entry 1 = %q", entries["1"])
	}
	var crt int64
	var conf, models, deckJS, dconf string
	if err := db.QueryRow("SELECT crt, conf, models, decks, dconf FROM col").Scan(&crt, &conf, &models, &deckJS, &dconf); err != nil {
		t.Fatal(err)
	}
	if c := time.Unix(crt, 0).In(col.Location); c.Hour() != 4 || c.Minute() != 0 || !c.Before(testCreated) {
		t.Errorf("crt %v is not 04:00 local on a past day", c)
	}
	var cf map[string]any
	_ = json.Unmarshal([]byte(conf), &cf)
	if cf["schedVer"] != 2.0 || cf["sched2021"] != true || cf["rollover"] != 4.0 || cf["creationOffset"] != -600.0 {
		t.Errorf("conf = %v", cf)
	}
	for _, want := range []string{`"name":"Basic (mnemo)"`, `"name":"Basic and reversed (mnemo)"`, `"name":"Cloze (mnemo)"`,
		`<hr id=answer>`, `"bqfmt":""`, `"bafmt":""`, `"req":[[0,"any",[0]],[1,"any",[1]]]`, `"name":"Back Extra"`} {
		if !strings.Contains(models, want) {
			t.Errorf("models lack %s", want)
		}
	}
	var decksMap map[string]struct {
		Name string `json:"name"`
		Conf int64  `json:"conf"`
	}
	_ = json.Unmarshal([]byte(deckJS), &decksMap)
	names := map[string]int64{}
	for _, d := range decksMap {
		names[d.Name] = d.Conf
	}
	for _, n := range []string{"Default", "transformers", "transformers::reading", "transformers::code"} {
		if _, ok := names[n]; !ok {
			t.Errorf("deck %q missing from %v", n, names)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM cards WHERE did = 1"); n != 0 {
		t.Errorf("%d cards in the Default deck", n)
	}
	var presets map[string]jsonDConf
	_ = json.Unmarshal([]byte(dconf), &presets)
	reading := presets[fmt.Sprint(names["transformers::reading"])]
	if reading.New.PerDay != 5 || reading.Rev.MaxIvl != 365 || reading.Lapse.LeechFails != 4 ||
		reading.DesiredRetention != 0.85 || reading.New.InitialFactor != 2500 || reading.Rev.PerDay != 200 {
		t.Errorf("preset of transformers::reading = %+v", reading)
	}
	if names["transformers::reading"] == names["transformers::code"] {
		t.Error("decks share a preset")
	}
	// notes: one reversed note with two cards, one cloze note with two
	if n := queryInt(t, db, "SELECT count(*) FROM notes"); n != 7 {
		t.Errorf("notes = %d, want 7", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM cards c JOIN notes n ON n.id=c.nid WHERE n.mid=? ", ReversedModelID); n != 2 {
		t.Errorf("reversed note has %d cards", n)
	}
	if s := queryString(t, db, "SELECT group_concat(ord) FROM (SELECT c.ord FROM cards c JOIN notes n ON n.id=c.nid WHERE n.mid=? ORDER BY c.ord)", ClozeModelID); s != "0,1" {
		t.Errorf("cloze ords %s", s)
	}
	fwd := col.Cards[1]
	if g := queryString(t, db, "SELECT guid FROM notes WHERE mid=?", ReversedModelID); g != ankitext.NoteGUID(string(fwd.ID)) {
		t.Errorf("guid %s, want NoteGUID(%s)", g, fwd.ID)
	}
	if q := queryInt(t, db, "SELECT queue FROM cards ORDER BY id LIMIT 1"); q != -1 {
		t.Errorf("suspended card queue %d", q)
	}
	if q := queryInt(t, db, "SELECT queue FROM cards ORDER BY id DESC LIMIT 1"); q != -3 {
		t.Errorf("buried card queue %d", q)
	}
	flds := queryString(t, db, "SELECT flds FROM notes WHERE flds LIKE '%softmax%'")
	for _, want := range []string{`\(\mathrm{softmax}(QK^T/\sqrt{d_k})V\)`, "&lt;b&gt;raw&lt;/b&gt;"} {
		if !strings.Contains(flds, want) {
			t.Errorf("math note lacks %q: %q", want, flds)
		}
	}
	if tags := queryString(t, db, "SELECT tags FROM notes LIMIT 1"); tags != " llm reading-notes " {
		t.Errorf("tags %q", tags)
	}
	// revlog: one row per review, unique ids equal to review times
	if n := queryInt(t, db, "SELECT count(*) FROM revlog"); n != int64(len(col.Reviews)) {
		t.Errorf("revlog has %d rows, want %d", n, len(col.Reviews))
	}
	if n := queryInt(t, db, "SELECT count(*) FROM revlog WHERE type=0 AND ease=1 AND ivl >= 0"); n != 0 {
		t.Errorf("%d Again answers in learning without a negative (seconds) interval", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM revlog WHERE type=0 AND ease=1"); n == 0 {
		t.Error("the simulation has no Again in learning; the check above tests nothing")
	}
	if n := queryInt(t, db, "SELECT count(*) FROM revlog WHERE factor < 100 OR factor > 1100"); n != 0 {
		t.Errorf("%d revlog factors outside the FSRS range", n)
	}
	var data string
	if err := db.QueryRow("SELECT data FROM cards WHERE type=2 LIMIT 1").Scan(&data); err != nil {
		t.Fatal(err)
	}
	var d map[string]float64
	if err := json.Unmarshal([]byte(data), &d); err != nil || d["s"] <= 0 || d["d"] < 1 || d["dr"] != 0.85 || d["lrt"] <= 0 {
		t.Errorf("card data %s", data)
	}
}

func TestExportDueDays(t *testing.T) {
	// a review card due at 15:00 and one due at 02:00 the next night fall
	// on the same study day (rollover 04:00); crt is day 0
	loc := time.FixedZone("X", -5*3600)
	now := time.Date(2025, 5, 10, 12, 0, 0, 0, loc)
	created := time.Date(2025, 5, 1, 10, 0, 0, 0, loc)
	mk := func(id string, due time.Time) cards.Card {
		return cards.Card{ID: cards.ID(id), Kind: cards.KindBasic, Deck: "d", Question: id, Answer: "a",
			Added: created, Schedule: cards.Schedule{State: cards.StateReview, Due: due, Stability: 3, Difficulty: 5,
				ScheduledDays: 3, Reps: 2, LastReview: due.AddDate(0, 0, -3)}}
	}
	col := export.Collection{Now: now, Created: created, Location: loc, Cards: []cards.Card{
		mk("afternoon", time.Date(2025, 5, 12, 15, 0, 0, 0, loc)),
		mk("night", time.Date(2025, 5, 13, 2, 0, 0, 0, loc)),
		mk("morning", time.Date(2025, 5, 13, 4, 30, 0, 0, loc)),
	}}
	path, _ := exportFile(t, col, Options{Scheduling: true})
	if err := Validate(context.Background(), path, now); err != nil {
		t.Fatal(err)
	}
	db := openCollection(t, path)
	got := queryString(t, db, "SELECT group_concat(due) FROM (SELECT due FROM cards ORDER BY id)")
	if got != "11,11,12" {
		t.Errorf("dues = %s, want 11,11,12 (May 12 is day 11 after crt May 1 04:00)", got)
	}
}

func TestExportIDsAreUniqueAndPast(t *testing.T) {
	added := testNow.Add(-time.Millisecond) // everything added in the last ms
	var cs []cards.Card
	for i := 0; i < 50; i++ {
		id := cards.ID(fmt.Sprintf("card%06d", i))
		cs = append(cs, cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: "d", Question: fmt.Sprint(i), Answer: "a", Added: added})
	}
	col := export.Collection{Cards: cs, Now: testNow, Created: testCreated}
	path, _ := exportFile(t, col, Options{})
	if err := Validate(context.Background(), path, testNow); err != nil {
		t.Fatal(err)
	}
	db := openCollection(t, path)
	if n := queryInt(t, db, "SELECT max(id) FROM cards"); n > testNow.UnixMilli() {
		t.Errorf("card id %d is in the future", n)
	}
}

func TestExportRevlogCollisionsAndFuture(t *testing.T) {
	at := testNow.Add(-24 * time.Hour)
	var cs []cards.Card
	var rs []cards.Review
	for i := 0; i < 3; i++ {
		id := cards.ID(fmt.Sprintf("c%d", i))
		cs = append(cs, cards.Card{ID: id, Kind: cards.KindBasic, Deck: "d", Question: string(id), Answer: "a", Added: at.Add(-time.Hour),
			Schedule: cards.Schedule{State: cards.StateLearning, Due: at.Add(10 * time.Minute), Reps: 1, LastReview: at, Stability: 2, Difficulty: 5}})
		rs = append(rs, cards.Review{CardID: id, Time: at, Rating: cards.Good, StateBefore: cards.StateNew, StateAfter: cards.StateLearning,
			Stability: 2, Difficulty: 5})
	}
	rs = append(rs, cards.Review{CardID: "c0", Time: testNow.Add(time.Hour), Rating: cards.Good})
	rs = append(rs, cards.Review{CardID: "gone", Time: at, Rating: cards.Good})
	col := export.Collection{Cards: cs, Reviews: rs, Now: testNow, Created: testCreated}
	path, warnings := exportFile(t, col, Options{Scheduling: true})
	if err := Validate(context.Background(), path, testNow); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(warnings, "\n")
	for _, w := range []string{"1 reviews are later than now", "1 reviews belong to cards that are not exported"} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q: %q", w, warnings)
		}
	}
	db := openCollection(t, path)
	if s := queryString(t, db, "SELECT group_concat(id - ?) FROM (SELECT id FROM revlog ORDER BY id)", at.UnixMilli()); s != "0,1,2" {
		t.Errorf("revlog ids relative to the review time: %s, want 0,1,2", s)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM revlog WHERE ivl != -600"); n != 0 {
		t.Errorf("%d rows without the 10-minute step", n)
	}
}

func TestExportErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		col  export.Collection
		want string
	}{
		{"no clock", export.Collection{}, "no clock"},
		{"duplicate ids", export.Collection{Now: testNow, Cards: []cards.Card{{ID: "a"}, {ID: "a"}}}, "appears twice"},
		{"empty id", export.Collection{Now: testNow, Cards: []cards.Card{{}}}, "no ID"},
		{"unit separator", export.Collection{Now: testNow, Cards: []cards.Card{{ID: "a", Kind: cards.KindBasic, Question: "a\x1fb"}}}, "U+001F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			_, err := Export(context.Background(), &b, tc.col, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestExportProgress(t *testing.T) {
	col := exampleCollection(t, t.TempDir())
	col.Reviews = simulate(col.Cards, testCreated, testNow, 5, 10)
	var calls [][2]int
	_, err := Export(context.Background(), &bytes.Buffer{}, col, Options{Scheduling: true, Progress: func(d, n int) { calls = append(calls, [2]int{d, n}) }})
	if err != nil {
		t.Fatal(err)
	}
	total := len(col.Cards) + len(col.Reviews)
	if len(calls) < 2 || calls[0] != [2]int{0, total} || calls[len(calls)-1] != [2]int{total, total} {
		t.Errorf("progress calls %v, want from 0 to %d", calls, total)
	}
}

func TestExportIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	col := exampleCollection(t, dir)
	col.Reviews = simulate(col.Cards, testCreated, testNow, 9, 6)
	var a, b bytes.Buffer
	if _, err := Export(context.Background(), &a, col, Options{Scheduling: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(context.Background(), &b, col, Options{Scheduling: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same collection differ")
	}
}

func TestGroupedClozeWarnings(t *testing.T) {
	text := "{{c1::a}} b"
	cs := []cards.Card{
		{ID: "x1", Note: "x1", Kind: cards.KindCloze, Deck: "d", Text: text, Ord: 1},
		{ID: "x2", Note: "x1", Kind: cards.KindCloze, Deck: "d", Text: text, Ord: 2},
	}
	path, warnings := exportFile(t, export.Collection{Cards: cs, Now: testNow}, Options{})
	if len(warnings) != 1 || !strings.Contains(warnings[0], "no {{c2::...}}") {
		t.Errorf("warnings %q", warnings)
	}
	if err := Validate(context.Background(), path, testNow); err == nil || !strings.Contains(err.Error(), "has no {{c2::") {
		t.Errorf("validator missed the empty cloze card: %v", err)
	}
}
