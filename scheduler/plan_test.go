package scheduler

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// planCase is a collection where limits, ancestors, siblings, learning
// cards, risk order and today's answers all change what a plan admits.
func planCase() (due, news []Candidate, studied []Studied) {
	deckList := []string{"bio", "bio::cells", "bio::genes", "chem", "chem::acids::strong", "lang"}
	for i := range 60 {
		d := deckList[i%len(deckList)]
		note := fmt.Sprintf("note%02d", i/2) // pairs of siblings
		r := CandidateOf(ptr(rvRisk(fmt.Sprintf("r%02d", i), d, float64(1+i%9), float64(i%13))))
		r.Note = cards.ID(note)
		due = append(due, r)
		nc := CandidateOf(ptr(nw(fmt.Sprintf("n%02d", i), d, uint64(i+1))))
		nc.Note = cards.ID(fmt.Sprintf("new%02d", i/3))
		if i%7 == 0 {
			nc.Note = cards.ID(note) // a sibling of a review card
		}
		news = append(news, nc)
		if i%5 == 0 {
			due = append(due, CandidateOf(ptr(lr(fmt.Sprintf("l%02d", i), d, qnow.Add(time.Duration(i-30)*time.Minute)))))
		}
	}
	due[3].Inactive = true
	due[4].BuriedUntil = cards.UnixNano(qnow.Add(time.Hour))
	studied = []Studied{
		{CardID: "x1", Note: "note05", Deck: "bio", Time: qnow.Add(-time.Hour)},
		{CardID: "x2", Note: "new04", Deck: "chem", WasNew: true, Time: qnow.Add(-2 * time.Hour)},
		{CardID: "x3", Deck: "bio::cells", WasNew: true, Time: qnow.Add(-3 * time.Hour)},
	}
	return due, news, studied
}

func ptr[T any](v T) *T { return &v }

func planIDs(p *Plan) [3][]cards.ID {
	var out [3][]cards.ID
	for i, list := range [][]*Candidate{p.Learning, p.Reviews, p.New} {
		for _, c := range list {
			out[i] = append(out[i], c.ID)
		}
	}
	return out
}

// TestCounterAgreesWithMakePlan: a Counter reused across selections, with
// and without the due list sorted up front, counts what MakePlan plans,
// and a plan on a SortForPlan'd list, or on shuffled lists read in plan
// and position order through DueOrder and NewOrder, admits the same cards
// in the same order.
func TestCounterAgreesWithMakePlan(t *testing.T) {
	due, news, studied := planCase()
	sortedDue := slices.Clone(due)
	SortForPlan(sortedDue, qnow)
	shuffledDue, dueOrder := shuffled(sortedDue, 1)
	sortedNews := slices.Clone(news)
	slices.SortStableFunc(sortedNews, func(a, b Candidate) int { return candidateByPosition(&a, &b) })
	shuffledNews, newOrder := shuffled(sortedNews, 2)
	options := []struct {
		name string
		opts func(string) decks.Effective
	}{
		{"defaults", limitsOf(nil)},
		{"tight limits", limitsOf(map[string]func(*decks.Effective){
			"bio": perDay(4, 9), "bio::cells": newPerDay(1), "chem": perDay(3, 5), "chem::acids::strong": newPerDay(0),
		})},
		{"no bury", limitsOf(map[string]func(*decks.Effective){"bio": noBury, "bio::cells": noBury, "lang": noBury})},
	}
	var counter, sortedCounter Counter
	for _, o := range options {
		for _, deck := range []string{"", "bio", "bio::cells", "chem", "chem::acids", "lang", "none"} {
			for _, fromTop := range []bool{false, true} {
				for _, limit := range []int{0, 7} {
					name := fmt.Sprintf("%s/deck=%q/fromTop=%v/limit=%d", o.name, deck, fromTop, limit)
					in := PlanInput{Now: qnow, Clock: qclock, Deck: deck, Limit: limit, Options: o.opts,
						Due: due, New: news, Studied: studied, LimitsFromTop: fromTop}
					want := MakePlan(in)
					wn, wl, wr := want.Counts()
					if n, l, r := counter.Counts(in); [3]int{n, l, r} != [3]int{wn, wl, wr} {
						t.Errorf("%s: Counter counts %d/%d/%d, MakePlan %d/%d/%d", name, n, l, r, wn, wl, wr)
					}
					sin := in
					sin.Due, sin.DueInPlanOrder = sortedDue, true
					if n, l, r := sortedCounter.Counts(sin); [3]int{n, l, r} != [3]int{wn, wl, wr} {
						t.Errorf("%s: Counter on the sorted list counts %d/%d/%d, MakePlan %d/%d/%d", name, n, l, r, wn, wl, wr)
					}
					if got, w := planIDs(MakePlan(sin)), planIDs(want); !slices.Equal(got[0], w[0]) ||
						!slices.Equal(got[1], w[1]) || !slices.Equal(got[2], w[2]) {
						t.Errorf("%s: plan on the sorted list\n got %v\nwant %v", name, got, w)
					}
					uin := in
					uin.UniqueIDs = true
					if n, l, r := counter.Counts(uin); [3]int{n, l, r} != [3]int{wn, wl, wr} {
						t.Errorf("%s: Counter trusting unique IDs counts %d/%d/%d, MakePlan %d/%d/%d", name, n, l, r, wn, wl, wr)
					}
					oin := sin
					oin.Due, oin.DueOrder, oin.New, oin.NewOrder = shuffledDue, dueOrder, shuffledNews, newOrder
					if n, l, r := sortedCounter.Counts(oin); [3]int{n, l, r} != [3]int{wn, wl, wr} {
						t.Errorf("%s: Counter through the orders counts %d/%d/%d, MakePlan %d/%d/%d", name, n, l, r, wn, wl, wr)
					}
					if got, w := planIDs(MakePlan(oin)), planIDs(want); !slices.Equal(got[0], w[0]) ||
						!slices.Equal(got[1], w[1]) || !slices.Equal(got[2], w[2]) {
						t.Errorf("%s: plan through the orders\n got %v\nwant %v", name, got, w)
					}
				}
			}
		}
	}
}

// shuffled returns list shuffled, and the order that reads it back as
// list: shuffled[order[i]] is list[i].
func shuffled(list []Candidate, seed uint64) (out []Candidate, order []int32) {
	r := rand.New(rand.NewPCG(seed, 7))
	perm := r.Perm(len(list))
	out, order = make([]Candidate, len(list)), make([]int32, len(list))
	for to, from := range perm {
		out[to], order[from] = list[from], int32(to)
	}
	return out, order
}

func candidateByPosition(a, b *Candidate) int {
	if c := cmp.Compare(a.Position, b.Position); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// TestSortByPosition: new candidates come out in the new index's order,
// (position, ID), stably, whatever runs they come in.
func TestSortByPosition(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var b planner
	for _, n := range []int{0, 1, 2, 3, 7, 64, 500} {
		for _, runs := range []int{1, 2, 3, 10, n} {
			cands := make([]Candidate, n)
			list := make([]*Candidate, n)
			for i := range cands {
				cands[i] = Candidate{ID: cards.ID(fmt.Sprint("c", r.IntN(3))), Position: uint64(r.IntN(n/2 + 1))}
				list[i] = &cands[i]
			}
			for k := 0; k < runs; k++ { // sorted runs, one after the other
				slices.SortStableFunc(list[k*n/runs:(k+1)*n/runs], candidateByPosition)
			}
			want := slices.Clone(list)
			slices.SortStableFunc(want, candidateByPosition)
			b.sortByPosition(list)
			if !slices.Equal(list, want) { // the same pointers: stable too
				t.Fatalf("n=%d runs=%d: not sorted stably", n, runs)
			}
		}
	}
}
