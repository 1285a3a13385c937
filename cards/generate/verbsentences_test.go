package generate

import (
	"slices"
	"testing"
)

func TestVerbSentenceRule(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		{"present-tense fact verb", "Notes on the kidney.\n\nThe glomerulus (a tuft of capillaries) filters the blood plasma into Bowman's capsule. It is very small.\n",
			[]qa{{OriginVerbSentence, "What does the glomerulus filter?", "The blood plasma into Bowman's capsule"}}},
		{"passive with its agent", "Notes for the history test.\n\nThe Magna Carta was sealed by King John at Runnymede, under pressure from the barons.\n",
			[]qa{{OriginVerbSentence, "Who sealed the Magna Carta?", "King John at Runnymede"}}},
		{"a place verb asks where", "Anatomy notes.\n\nThe pituitary gland sits in the sella turcica of the sphenoid bone.\n",
			[]qa{{OriginVerbSentence, "Where does the pituitary gland sit?", "In the sella turcica of the sphenoid bone"}}},
		{"a list object is kept whole", "Notes on the API.\n\nThe handler returns a status, a body and a set of headers.\n",
			[]qa{{OriginVerbSentence, "What does the handler return?", "A status, a body and a set of headers"}}},
		{"pronoun subject", "Some notes on the kidney.\n\nIt filters the blood plasma into Bowman's capsule.\n", nil},
		{"object is a link", "Team notes for the week.\n\nThe runbook lives at https://wiki.example.com/oncall for now.\n", nil},
		{"code is left alone", "Notes on the library.\n\nThe `parse` function returns a tree of nodes.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginVerbSentence)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestTakesAndCalledSentences(t *testing.T) {
	md := "Notes on physiology for the exam.\n\n- a red blood cell takes about 20 seconds to circle the body\n- A heart attack with ST elevation is called a STEMI.\n- it takes a while to learn this\n"
	got := onlyOrigin(rulesOn(md), OriginVerbSentence)
	want := []qa{{OriginVerbSentence, "How long does a red blood cell take to circle the body?", "About 20 seconds"},
		{OriginVerbSentence, "What is a STEMI?", "A heart attack with ST elevation"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
