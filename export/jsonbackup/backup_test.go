package jsonbackup

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

var update = flag.Bool("update", false, "rewrite golden files")

func intp(n int) *int { return &n }

func sample(t testing.TB) export.Collection {
	t.Helper()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	t0 := time.Date(2025, 1, 10, 9, 30, 0, 0, paris)
	c1 := cards.Card{ID: "bbbbbbbbbb", Kind: cards.KindBasic, Note: "bbbbbbbbbb", Deck: "physics::optics",
		Question: "What is *refraction*?", Answer: "Bending of light", Tags: []string{"optics"},
		Context: []string{"Light", "Refraction"}, Source: cards.Source{Path: "/notes/optics.md", Line: 3, EndLine: 4},
		Position: 2, Added: t0, Modified: t0.Add(time.Hour),
		Schedule: cards.Schedule{State: cards.StateReview, Due: t0.AddDate(0, 0, 9), Stability: 8.2, Difficulty: 5.1,
			ScheduledDays: 8, Reps: 2, LastReview: t0.Add(26 * time.Hour)}}
	c2 := cards.Card{ID: "aaaaaaaaaa", Kind: cards.KindCloze, Note: "aaaaaaaaaa", Deck: "geo",
		Question: "[...] is the capital", Answer: "Canberra", Text: "{{c1::Canberra}} is the capital", Ord: 1,
		Position: 1, Added: t0, Modified: t0, Suspended: true, BuriedUntil: t0.AddDate(0, 0, 1)}
	r := cards.Review{CardID: c1.ID, Time: t0.Add(26 * time.Hour), Rating: cards.Good, StateBefore: cards.StateLearning,
		StateAfter: cards.StateReview, ScheduledDays: 8, Stability: 8.2, Difficulty: 5.1, DurationMS: 4200,
		Prev: cards.Schedule{State: cards.StateLearning, Due: t0.Add(10 * time.Minute), Reps: 1, LastReview: t0}}
	r0 := cards.Review{CardID: c1.ID, Time: t0, Rating: cards.Good, StateAfter: cards.StateLearning, DurationMS: 3000}
	return export.Collection{
		Cards: []cards.Card{c1, c2}, Reviews: []cards.Review{r, r0},
		Options: map[string]decks.Options{"physics": {NewPerDay: intp(7)}, "geo": {MaxInterval: intp(100)}},
		Created: t0.Add(-time.Hour), Now: t0.AddDate(0, 1, 0), Location: paris, RolloverHour: export.Hour(5),
	}
}

func write(t *testing.T, col export.Collection) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, col); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	got := write(t, sample(t))
	path := filepath.Join("testdata", "backup.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to accept):\n%s", path, got)
	}
}

func TestRoundTripIsByteIdentical(t *testing.T) {
	for name, col := range map[string]export.Collection{
		"sample": sample(t),
		"empty":  {Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		"no zone": {Cards: []cards.Card{{ID: "x", Kind: cards.KindBasic, Question: "q", Answer: "a"}},
			Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(name, func(t *testing.T) {
			first := write(t, col)
			back, err := Read(bytes.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			second := write(t, back)
			if !bytes.Equal(first, second) {
				t.Errorf("json -> Read -> Write changed the bytes:\nfirst:\n%s\nsecond:\n%s", first, second)
			}
			if len(back.Cards) != len(col.Cards) || len(back.Reviews) != len(col.Reviews) {
				t.Errorf("got %d cards %d reviews, want %d %d", len(back.Cards), len(back.Reviews), len(col.Cards), len(col.Reviews))
			}
		})
	}
}

func TestReadKeepsData(t *testing.T) {
	col := sample(t)
	back, err := Read(bytes.NewReader(write(t, col)))
	if err != nil {
		t.Fatal(err)
	}
	if back.Cards[0].ID != "aaaaaaaaaa" || back.Cards[1].ID != "bbbbbbbbbb" {
		t.Errorf("cards not sorted by ID: %s %s", back.Cards[0].ID, back.Cards[1].ID)
	}
	c := back.Cards[1]
	if !c.Schedule.Due.Equal(col.Cards[0].Schedule.Due) || c.Schedule.Stability != 8.2 || c.Deck != "physics::optics" {
		t.Errorf("card changed: %+v", c)
	}
	if !back.Cards[0].Suspended || !back.Cards[0].BuriedUntil.Equal(col.Cards[1].BuriedUntil) {
		t.Errorf("suspension or burial lost: %+v", back.Cards[0])
	}
	if !back.Reviews[0].Time.Before(back.Reviews[1].Time) {
		t.Errorf("reviews not sorted by time")
	}
	if *back.Options["physics"].NewPerDay != 7 || back.Rollover() != 5 || back.Zone().String() != col.Location.String() {
		t.Errorf("options or clock lost: %+v %d %s", back.Options, back.Rollover(), back.Zone())
	}
	if !back.Now.Equal(col.Now) || !back.Created.Equal(col.Created) {
		t.Errorf("times lost: %v %v", back.Now, back.Created)
	}
}

func TestWriteDoesNotReorderInput(t *testing.T) {
	col := sample(t)
	write(t, col)
	if col.Cards[0].ID != "bbbbbbbbbb" {
		t.Errorf("Write sorted the caller's slice")
	}
}

func TestReadRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"newer version", `{"format":"mnemo-backup","version":2,"cards":[]}`, "version 2 was written by a newer mnemo"},
		{"version zero", `{"format":"mnemo-backup","version":0}`, "unknown backup version 0"},
		{"other format", `{"format":"anki","version":1}`, `format is "anki"`},
		{"not json", `hello`, "invalid JSON"},
		{"duplicate ids", `{"format":"mnemo-backup","version":1,"time_zone":"UTC","cards":[{"id":"a"},{"id":"a"}]}`, "appears twice"},
		{"bad options", `{"format":"mnemo-backup","version":1,"time_zone":"UTC","deck_options":{"x":{"retention":2}}}`, "retention"},
		{"bad zone", `{"format":"mnemo-backup","version":1,"time_zone":"Nowhere/Atlantis"}`, "time zone"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			col, err := Read(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			if len(col.Cards) != 0 {
				t.Errorf("cards returned with an error")
			}
			if strings.Contains(tc.name, "version") && !errors.Is(err, ErrFormat) {
				t.Errorf("error does not wrap ErrFormat")
			}
		})
	}
}

func TestWriteRefusesDuplicateIDs(t *testing.T) {
	col := export.Collection{Cards: []cards.Card{{ID: "a"}, {ID: "a"}}}
	if err := Write(&bytes.Buffer{}, col); err == nil {
		t.Fatal("duplicate card IDs accepted")
	}
}

func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	if err := Write(&b, sample(f)); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"format":"mnemo-backup","version":1,"time_zone":"UTC"}`))
	f.Add([]byte(`{"format":"mnemo-backup","version":1,"cards":[{"id":"a","schedule":{"state":"zzz"}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		col, err := Read(bytes.NewReader(in))
		if err != nil {
			return
		}
		var first, second bytes.Buffer
		if err := Write(&first, col); err != nil {
			t.Fatalf("read but cannot write: %v", err)
		}
		back, err := Read(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("cannot read what was written: %v", err)
		}
		if err := Write(&second, back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("not stable:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	base := sample(b)
	col := base
	col.Cards = nil
	for i := 0; i < 10000; i++ {
		c := base.Cards[0]
		c.ID = cards.ID(strings.Repeat("a", 4) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)))
		col.Cards = append(col.Cards, c)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, col); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecodeStreamsInOrder(t *testing.T) {
	var got []string
	err := Decode(bytes.NewReader(write(t, sample(t))), Handler{
		Header: func(h Header, loc *time.Location) error {
			got = append(got, "header "+h.TimeZone)
			return nil
		},
		Card:   func(c cards.Card) error { got = append(got, "card "+string(c.ID)); return nil },
		Review: func(r cards.Review) error { got = append(got, "review "+string(r.CardID)); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "header Europe/Paris|card aaaaaaaaaa|card bbbbbbbbbb|review bbbbbbbbbb|review bbbbbbbbbb"
	if strings.Join(got, "|") != want {
		t.Errorf("calls = %s\nwant    %s", strings.Join(got, "|"), want)
	}
}

func TestDecodeRefusesOutOfOrderDocuments(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"reviews first", `{"format":"mnemo-backup","version":1,"reviews":[],"cards":[]}`, "reviews come before the cards"},
		{"format late", `{"cards":[],"format":"mnemo-backup","version":1}`, "format and version must come first"},
		{"key twice", `{"format":"mnemo-backup","version":1,"version":1}`, "appears twice"},
		{"header after cards", `{"format":"mnemo-backup","version":1,"cards":[],"time_zone":"UTC"}`, "after the cards"},
		{"bad rollover", `{"format":"mnemo-backup","version":1,"rollover_hour":24}`, "not an hour"},
		{"trailing data", `{"format":"mnemo-backup","version":1} {}`, "data after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Decode(strings.NewReader(tc.in), Handler{}); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestEncoderRefusesUnsortedInput(t *testing.T) {
	var b bytes.Buffer
	enc, err := NewEncoder(&b, Header{})
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.Card(&cards.Card{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := enc.Card(&cards.Card{ID: "a"}); err == nil {
		t.Error("cards out of ID order accepted")
	}
	if err := enc.Review(&cards.Review{CardID: "b", Time: time.Unix(10, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := enc.Review(&cards.Review{CardID: "b", Time: time.Unix(5, 0)}); err == nil {
		t.Error("reviews out of time order accepted")
	}
	if err := enc.Card(&cards.Card{ID: "c"}); err == nil {
		t.Error("card after the reviews accepted")
	}
}

func BenchmarkDecode(b *testing.B) {
	base := sample(b)
	col := base
	col.Cards = nil
	for i := 0; i < 10000; i++ {
		c := base.Cards[0]
		c.ID = cards.ID(fmt.Sprintf("c%09d", i))
		col.Cards = append(col.Cards, c)
	}
	var buf bytes.Buffer
	if err := Write(&buf, col); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if err := Decode(bytes.NewReader(buf.Bytes()), Handler{}); err != nil {
			b.Fatal(err)
		}
	}
}
