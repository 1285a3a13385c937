package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// fillAll sets every field of v (recursively) to a non-zero value, so a
// field added to cards.Card but not to the codec fails the round trip.
func fillAll(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int8, reflect.Int64:
		v.SetInt(int64(*n % 3))
		if v.Int() == 0 {
			v.SetInt(2)
		}
	case reflect.Uint64:
		v.SetUint(uint64(*n) * 1000)
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fillAll(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, *n, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fillAll(t, v.Field(i), n)
		}
	default:
		t.Fatalf("codec test cannot fill a %s: extend fillAll and the codec", v.Type())
	}
}

func TestCardCodecRoundTrip(t *testing.T) {
	var full cards.Card
	n := 0
	fillAll(t, reflect.ValueOf(&full).Elem(), &n)
	cases := map[string]cards.Card{
		"every field set": full,
		"zero card":       {},
		"empty lists":     {ID: "x", Tags: []string{}, Context: []string{}},
		"unicode and times before 1970": {ID: "y", Question: "Ελληνικά ==x== 日本", Answer: "\x00\n",
			Schedule: cards.Schedule{Due: time.Date(1960, 5, 1, 0, 0, 0, 7, time.UTC)}},
		"path below its root": {ID: "r", Source: cards.Source{Root: "/home/me/notes", Path: "/home/me/notes/bio/cells.md", Line: 3}},
		"root is /":           {ID: "s", Source: cards.Source{Root: "/", Path: "/cells.md"}},
		"path outside root":   {ID: "o", Source: cards.Source{Root: "/home/me/notes", Path: "/home/me/notes2/x.md"}},
		"path equal to root":  {ID: "e", Source: cards.Source{Root: "/home/me/x.md", Path: "/home/me/x.md"}},
		"no root":             {ID: "n", Source: cards.Source{Path: "/home/me/x.md"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var got cards.Card
			if err := decodeCard(encodeCard(&c), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c) {
				t.Errorf("round trip changed the card:\n got %+v\nwant %+v", got, c)
			}
		})
	}
}

// TestCardCodecStoresPathsRelative checks that a version-2 record holds a
// card's path relative to its root, not the absolute path.
func TestCardCodecStoresPathsRelative(t *testing.T) {
	c := cards.Card{ID: "r", Source: cards.Source{Root: "/home/me/notes", Path: "/home/me/notes/bio/cells.md"}}
	raw := string(encodeCard(&c))
	if strings.Contains(raw, "/home/me/notes/bio") || !strings.Contains(raw, "bio/cells.md") {
		t.Errorf("record %q does not store the path relative to the root", raw)
	}
}

// TestCardCodecReadsOldVersions decodes records as mnemo wrote them before
// sources had roots (built by hand in the version-1 and -2 layouts).
func TestCardCodecReadsOldVersions(t *testing.T) {
	want := cards.Card{ID: "abc", Kind: cards.KindBasic, Question: "q", Answer: "a", Origin: "definition",
		Source: cards.Source{Path: "/home/me/notes/x.md", Line: 4, EndLine: 5}, Position: 7}
	for version, encode := range map[int]func(*cards.Card) []byte{1: encodeCardV1, 2: encodeCardV2} {
		w := want
		if version == 2 {
			w.Confidence = 0.625
		}
		var got cards.Card
		if err := decodeCard(encode(&w), &got); err != nil {
			t.Fatalf("version %d: %v", version, err)
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("version-%d record decoded as\n%+v\nwant\n%+v", version, got, w)
		}
	}
}

func TestCardCodecRejectsCorruptRecords(t *testing.T) {
	c := cards.Card{ID: "abc", Question: "q", Tags: []string{"a", "b"}}
	b := encodeCard(&c)
	for i := range len(b) {
		var got cards.Card
		if err := decodeCard(b[:i], &got); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
	if err := decodeCard(append(b, 0), &cards.Card{}); err == nil {
		t.Error("trailing byte: no error")
	}
}

func FuzzDecodeCard(f *testing.F) {
	f.Add(encodeCard(&cards.Card{ID: "abc", Question: "q", Tags: []string{"t"}}))
	f.Add([]byte{1, 200, 200, 200})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Any bytes either decode or give an error, never a panic or a
		// huge allocation; what decodes survives a second round trip.
		var c cards.Card
		if decodeCard(b, &c) != nil {
			return
		}
		// (Compared as bytes: a NaN float never DeepEquals itself.)
		var again cards.Card
		first := encodeCard(&c)
		if err := decodeCard(first, &again); err != nil || string(encodeCard(&again)) != string(first) {
			t.Errorf("re-encoded record does not round-trip: %v", err)
		}
	})
}

func BenchmarkDecodeCard(b *testing.B) {
	c := cards.Card{ID: "abcdefghij", Kind: cards.KindBasic, Note: "abcdefghij", Deck: "lang::french::verbs",
		Question: "What is the passé composé of être?", Answer: "j'ai été", Tags: []string{"french", "verbs"},
		Context: []string{"French", "Verbs"}, Source: cards.Source{Path: "/home/me/notes/french.md", Root: "/home/me/notes", Line: 12, EndLine: 12},
		Schedule: cards.Schedule{State: cards.StateReview, Due: time.Now(), Stability: 12.5, Difficulty: 5.1, Reps: 4, LastReview: time.Now()}}
	raw := encodeCard(&c)
	for b.Loop() {
		var out cards.Card
		if err := decodeCard(raw, &out); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReviewCodecRoundTrip(t *testing.T) {
	var full cards.Review
	n := 0
	fillAll(t, reflect.ValueOf(&full).Elem(), &n)
	for name, r := range map[string]cards.Review{"every field set": full, "zero review": {}} {
		t.Run(name, func(t *testing.T) {
			var got cards.Review
			if err := decodeReview(encodeReview(&r), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, r) {
				t.Errorf("round trip changed the review:\n got %+v\nwant %+v", got, r)
			}
		})
	}
	b := encodeReview(&full)
	for i := range len(b) {
		if err := decodeReview(b[:i], &cards.Review{}); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
}
