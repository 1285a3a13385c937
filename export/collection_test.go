package export

import (
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

func TestGroupNotes(t *testing.T) {
	c := func(id, note string, k cards.Kind, ord int) cards.Card {
		return cards.Card{ID: cards.ID(id), Note: cards.ID(note), Kind: k, Ord: ord}
	}
	for _, tc := range []struct {
		name  string
		in    []cards.Card
		want  string // kind:ID[cards] per note
		split string
	}{
		{"basic", []cards.Card{c("a", "a", cards.KindBasic, 0)}, "0:a[a]", ""},
		{"pair, reverse first", []cards.Card{c("r", "f", cards.KindReversed, 0), c("f", "f", cards.KindBasic, 0)}, "1:f[f r]", ""},
		{"reverse alone", []cards.Card{c("r", "f", cards.KindReversed, 0)}, "1:f[r]", ""},
		{"clozes sorted", []cards.Card{c("c2", "c1", cards.KindCloze, 2), c("c1", "c1", cards.KindCloze, 1)}, "2:c1[c1 c2]", ""},
		{"no note id", []cards.Card{c("x", "", cards.KindBasic, 0), c("y", "", cards.KindBasic, 0)}, "0:x[x] 0:y[y]", ""},
		{"two forwards split", []cards.Card{c("a", "n", cards.KindBasic, 0), c("b", "n", cards.KindBasic, 0)}, "0:n[a] 0:b[b]", "b"},
		{"cloze beside a pair split", []cards.Card{c("a", "n", cards.KindBasic, 0), c("z", "n", cards.KindCloze, 1)}, "0:n[a] 2:z[z]", "z"},
		{"same cloze ord split", []cards.Card{c("a", "n", cards.KindCloze, 1), c("b", "n", cards.KindCloze, 1)}, "2:n[a] 2:b[b]", "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			notes, split := GroupNotes(tc.in)
			var got []string
			for _, n := range notes {
				var ids []string
				for _, c := range n.Cards {
					ids = append(ids, string(c.ID))
				}
				got = append(got, strings.Join([]string{string(rune('0' + n.Kind)), ":", string(n.ID), "[", strings.Join(ids, " "), "]"}, ""))
			}
			var sp []string
			for _, id := range split {
				sp = append(sp, string(id))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("notes %s, want %s", g, tc.want)
			}
			if s := strings.Join(sp, " "); s != tc.split {
				t.Errorf("split %q, want %q", s, tc.split)
			}
		})
	}
}

func TestClockDefaults(t *testing.T) {
	var c Collection
	if c.Zone() != time.UTC || c.Rollover() != DefaultRolloverHour {
		t.Errorf("zero collection: zone %v rollover %d", c.Zone(), c.Rollover())
	}
	tokyo := time.FixedZone("JST", 9*3600)
	c = Collection{Location: tokyo, RolloverHour: Hour(6)}
	if c.Zone() != tokyo || c.Rollover() != 6 {
		t.Errorf("zone %v rollover %d", c.Zone(), c.Rollover())
	}
	c.RolloverHour = Hour(24)
	if c.Rollover() != DefaultRolloverHour {
		t.Errorf("rollover 24 kept")
	}
	c.RolloverHour = Hour(0)
	if c.Rollover() != 0 {
		t.Errorf("rollover 0 became %d", c.Rollover())
	}
}
