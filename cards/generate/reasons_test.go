package generate

import (
	"reflect"
	"testing"
)

func TestReasonSentences(t *testing.T) {
	tests := []struct {
		name, md string
		want     []qa
	}{
		{"so with a copula", "Glaciers scour the valley floor into a U shape, so glacial valleys are wider than river valleys.\n",
			[]qa{{OriginReason, "Why are glacial valleys wider than river valleys?", "Glaciers scour the valley floor into a U shape."}}},
		{"so with a modal", "- The cache is shared by all cores, so a single writer can evict data the others still need\n",
			[]qa{{OriginReason, "Why can a single writer evict data the others still need?", "The cache is shared by all cores."}}},
		{"because, the subject as the note writes it", "Copper is used for wiring because it conducts well and is cheap. Most copper is mined in Chile.\n",
			[]qa{{OriginReason, "Why is copper used for wiring?", "It conducts well and is cheap."}}},
		{"because of", "Venus is hotter than Mercury because of its thick carbon dioxide atmosphere.\n",
			[]qa{{OriginReason, "Why is Venus hotter than Mercury?", "Its thick carbon dioxide atmosphere."}}},
		{"so that is a purpose", "The lock is released early, so that other writers are not kept waiting.\n", nil},
		{"pronoun subject", "The outer electron is far from the nucleus, so it is lost easily.\n", nil},
		{"no auxiliary", "Paper speed is fixed, so one small square means 0.04 s.\n", nil},
		{"chained reasons", "Prices rose, so wages rose because unions bargained hard.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginReason)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestReasonConfidence(t *testing.T) {
	g := &gen{src: []byte("copper is cheap")}
	if _, _, conf, ok := g.reasonCard("Copper is used for wiring because it conducts well."); !ok || conf >= AutoThreshold {
		t.Errorf("because: ok %v conf %.2f, want a suggestion", ok, conf)
	}
	if _, _, conf, ok := g.reasonCard("The cache is shared, so a single writer can evict data."); !ok || conf < AutoThreshold {
		t.Errorf("so: ok %v conf %.2f, want an added card", ok, conf)
	}
	if _, _, conf, ok := g.reasonCard("Iceland sits on a ridge, so the island is volcanically active."); !ok || conf >= AutoThreshold {
		t.Errorf("so, one-word subject: ok %v conf %.2f, want a suggestion", ok, conf)
	}
}
