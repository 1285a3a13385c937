package anki

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

// validPackage exports the example cards with a simulated history.
func validPackage(t *testing.T) string {
	t.Helper()
	col := exampleCollection(t, t.TempDir())
	col.Reviews = simulate(col.Cards, testCreated, testNow, 11, 40)
	path, _ := exportFile(t, col, Options{Scheduling: true})
	if err := Validate(context.Background(), path, testNow); err != nil {
		t.Fatalf("the unbroken package is invalid: %v", err)
	}
	return path
}

func TestValidateSimulatedHistory(t *testing.T) {
	col := exampleCollection(t, t.TempDir())
	// a deck of a few hundred reviews: 40 extra cards answered for months
	for i := 0; i < 40; i++ {
		c := col.Cards[0]
		c.ID = cards.NewID(cards.KindBasic, fmt.Sprint("sim ", i), 0, "")
		c.Note = c.ID
		c.Question = fmt.Sprintf("Question %d about *attention*", i)
		col.Cards = append(col.Cards, c)
	}
	col.Reviews = simulate(col.Cards, testCreated, testNow, 42, 60)
	if len(col.Reviews) < 300 {
		t.Fatalf("only %d simulated reviews", len(col.Reviews))
	}
	path, _ := exportFile(t, col, Options{Scheduling: true})
	if err := Validate(context.Background(), path, testNow); err != nil {
		t.Fatal(err)
	}
	db := openCollection(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM revlog"); n != int64(len(col.Reviews)) {
		t.Errorf("revlog %d rows, %d reviews", n, len(col.Reviews))
	}
	if n := queryInt(t, db, "SELECT count(DISTINCT type) FROM revlog"); n < 2 {
		t.Errorf("revlog types: %d distinct", n)
	}
}

func TestValidateCatches(t *testing.T) {
	good := validPackage(t)
	now := testNow.UnixMilli()
	basic := fmt.Sprint(BasicModelID)
	for _, tc := range []struct {
		name   string
		mutate func(t *testing.T, db *sql.DB)
		edit   func(e map[string][]byte)
		want   string
	}{
		{name: "ver not 11", want: "ver is 18", mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE col SET ver=18") }},
		{name: "schedVer missing", want: "schedVer must be 2",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE col SET conf=json_remove(conf,'$.schedVer')") }},
		{name: "conf key missing", want: `lacks required key "creationOffset"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE col SET conf=json_remove(conf,'$.creationOffset')")
			}},
		{name: "model key missing", want: `lacks required key "css"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET models=json_remove(models,'$."`+basic+`".css')`)
			}},
		{name: "field key missing", want: `lacks required key "font"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET models=json_remove(models,'$."`+basic+`".flds[0].font')`)
			}},
		{name: "template key missing", want: `lacks required key "bqfmt"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET models=json_remove(models,'$."`+basic+`".tmpls[0].bqfmt')`)
			}},
		{name: "answer rule missing", want: "<hr id=answer>",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET models=json_set(models,'$."`+basic+`".tmpls[0].afmt','{{Back}}')`)
			}},
		{name: "model names not unique", want: "is not unique",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, fmt.Sprintf(`UPDATE col SET models=json_set(models,'$."%d".name','Basic (mnemo)')`, ClozeModelID))
			}},
		{name: "deck key missing", want: `lacks required key "timeToday"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET decks=json_remove(decks,'$."1".timeToday')`)
			}},
		{name: "deck preset missing", want: "preset 42 is not in dconf",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, `UPDATE col SET decks=json_set(decks,'$."1".conf',42)`) }},
		{name: "default deck missing", want: "Default deck",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, `UPDATE col SET decks=json_remove(decks,'$."1"')`) }},
		{name: "parent deck missing", want: `has no parent deck "transformers"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET decks=(SELECT json_group_object(key, json(value)) FROM json_each(decks)
					WHERE json_extract(value,'$.name') != 'transformers')`)
			}},
		{name: "preset key missing", want: `lacks required key "leechFails"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET dconf=json_remove(dconf,'$."1".lapse.leechFails')`)
			}},
		{name: "initialFactor as a ratio", want: "initialFactor",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE col SET dconf=json_set(dconf,'$."1".new.initialFactor',2.5)`)
			}},
		{name: "field count", want: "fields, expected 4",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE notes SET flds = flds || char(31) || 'x' WHERE id = (SELECT min(id) FROM notes)")
			}},
		{name: "ord beyond templates", want: "but the note type has 1 templates",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, fmt.Sprintf("UPDATE cards SET ord=1 WHERE id = (SELECT min(c.id) FROM cards c JOIN notes n ON n.id=c.nid WHERE n.mid=%d)", BasicModelID))
			}},
		{name: "cloze ord without its number", want: "has no {{c6::",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, fmt.Sprintf("UPDATE cards SET ord=5 WHERE id = (SELECT min(c.id) FROM cards c JOIN notes n ON n.id=c.nid WHERE n.mid=%d)", ClozeModelID))
			}},
		{name: "deck reference", want: "deck 999 does not exist",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET did=999 WHERE id=(SELECT min(id) FROM cards)")
			}},
		{name: "u16 factor", want: "factor 70000 is outside",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET factor=70000 WHERE id=(SELECT min(id) FROM cards)")
			}},
		{name: "negative ivl", want: "ivl -3 is outside",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET ivl=-3 WHERE id=(SELECT min(id) FROM cards)")
			}},
		{name: "u8 type", want: "type 7 is outside",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET type=7 WHERE id=(SELECT min(id) FROM cards)")
			}},
		{name: "guid as blob", want: "must be TEXT",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET guid=cast(guid AS blob)") }},
		{name: "flds as blob", want: "must be TEXT",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET flds=cast(flds AS blob)") }},
		{name: "review id in the future", want: "id is not a past time",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, fmt.Sprintf("UPDATE revlog SET id=%d WHERE id=(SELECT min(id) FROM revlog)", now+5000))
			}},
		{name: "card id in the future", want: "id is not a past time",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, fmt.Sprintf("UPDATE cards SET id=%d WHERE id=(SELECT max(id) FROM cards)", now+5000))
			}},
		{name: "review due as a timestamp", want: "is not a day number",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE cards SET due=1741900000 WHERE queue=2") }},
		{name: "new position too large", want: "new position 1000000",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET type=0, queue=0, ivl=0, due=1000000 WHERE id=(SELECT min(id) FROM cards)")
			}},
		{name: "review queue on a new card", want: "queue 2 (review) but type 0",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE cards SET type=0 WHERE id=(SELECT min(id) FROM cards WHERE queue=2)")
			}},
		{name: "review card without reps", want: "reps >= 1",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE cards SET reps=0 WHERE type=2") }},
		{name: "bad fsrs data", want: "difficulty 12 outside",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, `UPDATE cards SET data='{"s":3,"d":12}'`) }},
		{name: "revlog orphan", want: "card 12345 does not exist",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE revlog SET cid=12345 WHERE id=(SELECT min(id) FROM revlog)")
			}},
		{name: "revlog ease", want: "ease 9 is outside",
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, "UPDATE revlog SET ease=9 WHERE id=(SELECT min(id) FROM revlog)")
			}},
		{name: "sfld", want: "sfld",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET sfld='zzz'") }},
		{name: "csum", want: "csum 1, want",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET csum=1") }},
		{name: "duplicate guid", want: "already used by note",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET guid='same'") }},
		{name: "tags without spaces around", want: "must be",
			mutate: func(t *testing.T, db *sql.DB) { exec(t, db, "UPDATE notes SET tags='llm'") }},
		{name: "image not in package", want: `references "nope.png"`,
			mutate: func(t *testing.T, db *sql.DB) {
				exec(t, db, `UPDATE notes SET flds = flds || '<img src="nope.png">' WHERE id=(SELECT min(id) FROM notes)`)
			}},
		{name: "media entry missing", want: "missing from archive", edit: func(e map[string][]byte) { delete(e, "0") }},
		{name: "media map missing", want: "no media entry", edit: func(e map[string][]byte) { delete(e, "media") }},
		{name: "media key not a number", want: "is not an integer",
			edit: func(e map[string][]byte) {
				e["media"] = []byte(`{"0":"Pasted_image_20241206183838.png","1":"image-1.png","x":"y.png"}`)
			}},
		{name: "media name unsafe", want: "not a safe bare name",
			edit: func(e map[string][]byte) { e["media"] = []byte(`{"0":"../x.png","1":"image-1.png"}`) }},
		{name: "no collection.anki2", want: "no collection.anki2",
			edit: func(e map[string][]byte) {
				e["collection.anki21"] = e["collection.anki2"]
				delete(e, "collection.anki2")
			}},
		{name: "corrupt database", want: "sqlite",
			edit: func(e map[string][]byte) { e["collection.anki2"] = []byte("SQLite format 3\x00 but garbage after") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mutate func(db *sql.DB)
			if tc.mutate != nil {
				mutate = func(db *sql.DB) { tc.mutate(t, db) }
			}
			bad := repack(t, good, mutate, tc.edit)
			err := Validate(context.Background(), bad, testNow)
			if err == nil {
				t.Fatal("the broken package passed")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not mention %q:\n%v", tc.want, err)
			}
		})
	}
}

func TestValidateRefusesUnsafeZip(t *testing.T) {
	good := validPackage(t)
	bad := repack(t, good, nil, func(e map[string][]byte) { e["../evil"] = []byte("x") })
	if err := Validate(context.Background(), bad, testNow); !errors.Is(err, ErrUnsafe) {
		t.Errorf("err = %v, want ErrUnsafe", err)
	}
}
