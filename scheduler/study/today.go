package study

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/internal/permute"
	"github.com/mnemo-app/mnemo/scheduler"
)

// today is what the collection says about one study day: the clock, the
// deck options, today's answers and the candidates the indexes list. The
// review session and the due counts both plan from it, so they agree.
type today struct {
	clock    scheduler.Clock
	deckOpts map[string]decks.Options
	opts     map[string]decks.Effective
	studied  []scheduler.Studied
	due      []scheduler.Candidate
	news     []scheduler.Candidate
	// dueDeck[i] and newDeck[i] are the numbers the store gave the decks
	// of due[i] and news[i] (store.IndexEntry.DeckNumber), named by
	// deckNames: DueCounts groups the candidates by deck without looking
	// names up.
	dueDeck, newDeck []int32
	deckNames        []string
}

// readToday reads the study day of now from tx. inScope selects the decks
// to read (nil: all). New cards are read in position order up to a quota
// per deck — twice its new cards per day plus a few, room for siblings
// the plan skips, with a note's consecutive cards counted once (see
// newQuota) — so the read is bounded by the limits, not the
// collection; the quota is per card's own deck, which gives every deck
// the same candidates whichever deck is selected.
func readToday(tx *store.Tx, now time.Time, inScope func(deck string) bool) (*today, error) {
	t, err := readTodayNew(tx, now, inScope)
	if err != nil {
		return nil, err
	}
	return t, t.readDue(tx, now, inScope)
}

// readDue reads the due candidates (see readToday).
func (t *today) readDue(tx *store.Tx, now time.Time, inScope func(deck string) bool) (err error) {
	keep := func(e *store.IndexEntry) bool { return inScope == nil || inScope(e.Deck) }
	var names []string
	t.due, t.dueDeck, names, err = scanDue(tx, t.clock, now, keep)
	t.addDeckNames(names)
	return err
}

// scanDue reads the due candidates of the entries keep accepts (nil: all).
func scanDue(tx *store.Tx, clock scheduler.Clock, now time.Time, keep func(e *store.IndexEntry) bool) (
	list []scheduler.Candidate, deckNumbers []int32, names []string, err error) {
	end := clock.NextDayStart(now).Add(scheduler.LearnAhead)
	return readCandidates(func(keep func(*store.IndexEntry) bool, fn func(store.IndexEntry) bool) error {
		return tx.ScanDueWhere(end, keep, fn)
	}, keep)
}

// readTodayNew is readToday without the due cards: enough to plan new
// cards alone.
func readTodayNew(tx *store.Tx, now time.Time, inScope func(deck string) bool) (*today, error) {
	t, err := readStudied(tx, now)
	if err != nil {
		return nil, err
	}
	if inScope == nil {
		inScope = func(string) bool { return true }
	}
	return t, t.readNew(tx, now, inScope)
}

// readStudied is readToday without the candidates.
func readStudied(tx *store.Tx, now time.Time) (*today, error) {
	t, err := readDay(tx)
	if err != nil {
		return nil, err
	}
	if t.studied, err = studiedOn(tx, t.clock, now); err != nil {
		return nil, err
	}
	return t, nil
}

// readNew reads the new candidates (see readToday).
func (t *today) readNew(tx *store.Tx, now time.Time, inScope func(deck string) bool) error {
	var quotas []*newQuota // by deck number
	keep := func(e *store.IndexEntry) bool {
		if e.DeckNumber >= len(quotas) {
			quotas = append(quotas, make([]*newQuota, e.DeckNumber+1-len(quotas))...)
		}
		q := quotas[e.DeckNumber]
		if q == nil {
			q = &newQuota{left: -1}
			if inScope(e.Deck) {
				q.left = 2*max(t.options(e.Deck).NewPerDay, 0) + 5
			}
			quotas[e.DeckNumber] = q
		}
		return !e.BuriedUntil.After(now) && q.take(e.NoteBytes())
	}
	var err error
	var names []string
	t.news, t.newDeck, names, err = readCandidates(tx.ScanNewWhere, keep)
	t.addDeckNames(names)
	return err
}

// readCandidates returns the candidates of the index entries keep
// accepts. The list is reserved big up front rather than grown by
// appending: with the collector held off, a list that doubles leaves its
// smaller copies behind as fresh memory that is never reused and that
// the kernel faults in page by page (for `mnemo due`, a quarter of its
// page faults), while the reserved room that stays unused is never
// touched, so costs no memory. (In a long-lived process that reuses
// memory the reservation is cleared instead: a fraction of a millisecond.)
func readCandidates(scan func(keep func(*store.IndexEntry) bool, fn func(store.IndexEntry) bool) error,
	keep func(*store.IndexEntry) bool) (list []scheduler.Candidate, deckNumbers []int32, names []string, err error) {
	list = make([]scheduler.Candidate, 0, candidatesReserved)
	deckNumbers = make([]int32, 0, candidatesReserved)
	err = scan(keep, func(e store.IndexEntry) bool {
		list = append(list, candidate(e))
		deckNumbers = append(deckNumbers, int32(e.DeckNumber))
		if e.DeckNumber >= len(names) {
			names = append(names, make([]string, e.DeckNumber+1-len(names))...)
		}
		names[e.DeckNumber] = e.Deck
		return true
	})
	return list, deckNumbers, names, err
}

// addDeckNames records the names of deck numbers a read met.
func (t *today) addDeckNames(names []string) {
	if len(names) > len(t.deckNames) {
		t.deckNames = append(t.deckNames, make([]string, len(names)-len(t.deckNames))...)
	}
	for n, name := range names {
		if name != "" { // "" is a deck the read did not meet, or the deck named ""
			t.deckNames[n] = name
		}
	}
}

// candidatesReserved is room for the candidates of `mnemo due` on
// 100,000 cards with hundreds of decks (30,000), 3 MB of address space.
const candidatesReserved = 1 << 15

// newQuota is what is left of a deck's quota of new cards to read (-1:
// out of scope). Cards of one note that follow each other in position
// order (a cloze note's deletions) count once: the plan admits one card
// per note, so a deck of five-card notes needs five times as many cards
// read to fill its day.
type newQuota struct {
	left     int
	lastNote []byte
}

// take reports whether to read the next card, of note, and charges it.
func (q *newQuota) take(note []byte) bool {
	if q.left < 0 {
		return false
	}
	if len(note) > 0 && bytes.Equal(note, q.lastNote) {
		return true
	}
	if q.left == 0 {
		return false
	}
	q.left--
	q.lastNote = note
	return true
}

// readDay reads the collection's study-day clock and deck options.
func readDay(tx *store.Tx) (*today, error) {
	set, err := tx.Settings()
	if err != nil {
		return nil, err
	}
	loc, err := set.Location()
	if err != nil {
		return nil, fmt.Errorf("time zone of the collection: %w", err)
	}
	t := &today{clock: scheduler.Clock{Location: loc, RolloverHour: set.RolloverHour}, opts: map[string]decks.Effective{}}
	if t.deckOpts, err = tx.DeckOptions(); err != nil {
		return nil, err
	}
	return t, nil
}

func candidate(e store.IndexEntry) scheduler.Candidate {
	return scheduler.Candidate{ID: e.ID, Note: e.Note, Deck: e.Deck, State: e.State, Due: cards.UnixNano(e.Due),
		Position: e.Position, Stability: e.Stability, LastReview: cards.UnixNano(e.LastReview),
		BuriedUntil: cards.UnixNano(e.BuriedUntil)}
}

// options returns a deck's effective options.
func (t *today) options(deck string) decks.Effective {
	e, ok := t.opts[deck]
	if !ok {
		e = decks.ResolveValues(deck, t.deckOpts)
		t.opts[deck] = e
	}
	return e
}

// plan admits today's cards for a selection.
func (t *today) plan(now time.Time, deck string, limit int, limitsFromTop bool) *scheduler.Plan {
	return scheduler.MakePlan(t.planInput(now, deck, limit, limitsFromTop))
}

func (t *today) planInput(now time.Time, deck string, limit int, limitsFromTop bool) scheduler.PlanInput {
	return scheduler.PlanInput{
		Now: now, Clock: t.clock, Deck: deck, Limit: limit, LimitsFromTop: limitsFromTop,
		Options: t.options, Due: t.due, New: t.news, Studied: t.studied,
	}
}

// studiedOn reads the answers of now's study day from the review log.
func studiedOn(tx *store.Tx, clock scheduler.Clock, now time.Time) ([]scheduler.Studied, error) {
	start, end := clock.DayStart(now), clock.NextDayStart(now)
	var revs []cards.Review
	err := tx.ReviewsSince(start, func(r cards.Review) error {
		if r.Time.Before(end) {
			revs = append(revs, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	type noteDeck struct {
		note cards.ID
		deck string
		ok   bool
	}
	known := map[cards.ID]noteDeck{}
	out := make([]scheduler.Studied, 0, len(revs))
	for _, r := range revs {
		nd, seen := known[r.CardID]
		if !seen {
			c, ok, err := tx.Card(r.CardID)
			if err != nil {
				if err := tx.SkipCorrupt(err); err != nil {
					return nil, err
				}
				ok = false
			}
			nd = noteDeck{c.Note, c.Deck, ok}
			known[r.CardID] = nd
		}
		if !nd.ok {
			continue // the card was deleted since
		}
		out = append(out, scheduler.Studied{CardID: r.CardID, Note: nd.note, Deck: nd.deck,
			WasNew: r.StateBefore == cards.StateNew, Time: r.Time})
	}
	return out, nil
}

// DeckCounts is what a review of one deck (subdecks included) starts with.
type DeckCounts struct {
	Deck string
	Counts
}

// DueCounts returns what a review of the whole collection would start with
// at now, and, for every deck that has cards to study, what a review of
// that deck would start with (`mnemo review --deck D`). It plans with the
// review's own rules and decodes no card.
func DueCounts(tx *store.Tx, now time.Time, limitsFromTop bool) (total Counts, byDeck []DeckCounts, err error) {
	t, order, err := readTodayInPlanOrder(tx, now)
	if err != nil {
		return Counts{}, nil, err
	}
	// Sorted once in plan order, the whole list and every one-deck run of
	// it need no sorting in their plans. Their deck numbers move with them.
	permute.Apply(t.dueDeck, slices.Clone(order))
	permute.Apply(t.due, order)
	// Each deck plans over its subtree's candidates only: the other decks'
	// cards cannot be admitted, and leaving them out keeps the work at
	// candidates x depth instead of candidates x decks. Sorted by deck
	// path, a subtree is one contiguous run, so no candidate is copied.
	runs := t.groupByDeckPath()
	planned := runs.planned()
	t.resolveOptions(planned)
	options := t.sharedOptions()
	// The whole collection's plan reads the same grouped lists in plan and
	// position order, through the orders the grouping kept, so it runs
	// alongside the decks' plans rather than before the grouping.
	whole := t.planInput(now, "", 0, limitsFromTop)
	whole.Options, whole.DueInPlanOrder, whole.UniqueIDs = options, true, true
	whole.DueOrder, whole.NewOrder = runs.dueOrder, runs.newOrder
	counts := make([]Counts, len(planned)) // counts[i] is planned[i]'s
	planOnWorkers(len(planned)+1, func(c *scheduler.Counter, job int) {
		if job == 0 { // the biggest plan first, with its own Counter: its big maps would slow the small plans' resets
			var own scheduler.Counter
			total = countPlan(&own, whole)
			return
		}
		i := job - 1
		lo, hi := runs.subtree(planned[i])
		sub := &today{clock: t.clock, studied: t.studied,
			due: t.due[runs.due[lo]:runs.due[hi]], news: t.news[runs.news[lo]:runs.news[hi]]}
		in := sub.planInput(now, planned[i], 0, limitsFromTop)
		in.Options, in.DueInPlanOrder, in.UniqueIDs = options, runs.dueDecks(lo, hi) <= 1, true
		counts[i] = countPlan(c, in)
	})
	for i, d := range planned {
		if counts[i].Total() > 0 {
			byDeck = append(byDeck, DeckCounts{Deck: d, Counts: counts[i]})
		}
	}
	return total, byDeck, nil
}

// resolveOptions resolves the options of decks up front, for
// sharedOptions.
func (t *today) resolveOptions(decksToResolve []string) {
	for _, d := range decksToResolve {
		t.options(d)
	}
}

// sharedOptions returns a deck options function that only reads t's
// cache, so that plans on several goroutines may call it at once: a deck
// not in it (see resolveOptions) is resolved on each call, uncached.
func (t *today) sharedOptions() func(deck string) decks.Effective {
	resolved, set := t.opts, t.deckOpts
	return func(deck string) decks.Effective {
		if e, ok := resolved[deck]; ok {
			return e
		}
		return decks.ResolveValues(deck, set)
	}
}

// planOnWorkers calls plan for jobs 0 to jobs-1 on up to two goroutines
// (the machines `mnemo due` must be fast on have two cores or more), each
// with its own Counter, taking the jobs in order as they are free. The
// plans share only what they read: the candidates and the options.
func planOnWorkers(jobs int, plan func(c *scheduler.Counter, job int)) {
	var next atomic.Int64
	work := func() {
		var c scheduler.Counter
		for job := int(next.Add(1) - 1); job < jobs; job = int(next.Add(1) - 1) {
			plan(&c, job)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 2) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// readTodayInPlanOrder is readToday of all decks, with the plan order of
// the due candidates (scheduler.PlanOrder), which is worked out on
// another goroutine while the new candidates are read: the two are
// independent, and each is a good part of `mnemo due`.
func readTodayInPlanOrder(tx *store.Tx, now time.Time) (t *today, order []int32, err error) {
	if t, err = readStudied(tx, now); err != nil {
		return nil, nil, err
	}
	// The due candidates and their order are read on another goroutine
	// while the new ones are: the two are independent, each a good part
	// of `mnemo due`, and the store's scans of a read-only transaction may
	// run at once. They touch disjoint fields of t until both are done.
	var d struct {
		list    []scheduler.Candidate
		numbers []int32
		names   []string
		order   []int32
	}
	waitDue := tx.Go(func() (err error) {
		if d.list, d.numbers, d.names, err = scanDue(tx, t.clock, now, nil); err == nil {
			d.order = scheduler.PlanOrder(d.list, now)
		}
		return err
	})
	defer waitDue() // a panic below must not leave it reading a transaction that has ended
	err = t.readNew(tx, now, func(string) bool { return true })
	if err = errors.Join(err, waitDue()); err != nil {
		return nil, nil, err
	}
	t.due, t.dueDeck = d.list, d.numbers
	t.addDeckNames(d.names)
	return t, d.order, nil
}

// deckRuns says where each deck's candidates are in the due and new lists
// grouped by groupByDeckPath.
type deckRuns struct {
	// names are the decks with candidates, in deck path order.
	names []string
	// due[i] and news[i] are where names[i]'s candidates start in each
	// list (len(names)+1 entries: the last is the list's length).
	due, news []int32
	// dueOrder and newOrder give the lists' order before the grouping:
	// due[dueOrder[0]] was first (see scheduler.PlanInput.DueOrder).
	dueOrder, newOrder []int32
}

// groupByDeckPath orders t's due and new candidates by deck path,
// component by component, so that every deck's subtree is one contiguous
// run ("bio", "bio::cells", "bio x"), keeping their order within a deck.
// A counting sort (there are few decks and many cards) whose moves are
// made in place: candidates are big.
func (t *today) groupByDeckPath() deckRuns {
	rank := make([]int32, len(t.deckNames)) // by deck number; -1: no candidates
	for i := range rank {
		rank[i] = -1
	}
	for _, numbers := range [][]int32{t.dueDeck, t.newDeck} {
		for _, n := range numbers {
			rank[n] = 0
		}
	}
	var byName []int32
	for n, r := range rank {
		if r == 0 {
			byName = append(byName, int32(n))
		}
	}
	// Byte order is deck path order but for a few names ("bio x" before
	// "bio::cells"): sorted by bytes first, cheaply, the sort by path
	// finds the names nearly in order and has little left to do.
	slices.SortFunc(byName, func(a, b int32) int { return strings.Compare(t.deckNames[a], t.deckNames[b]) })
	slices.SortFunc(byName, func(a, b int32) int { return compareDeckPath(t.deckNames[a], t.deckNames[b]) })
	names := make([]string, len(byName))
	for r, n := range byName {
		rank[n], names[r] = int32(r), t.deckNames[n]
	}
	runs := deckRuns{names: names}
	runs.due, runs.dueOrder = groupRuns(t.due, t.dueDeck, rank, len(names))
	runs.news, runs.newOrder = groupRuns(t.news, t.newDeck, rank, len(names))
	return runs
}

// groupRuns sorts list by the ranks of its decks (numbers[i] is list[i]'s)
// in place, stably, and returns where each rank's run starts and where
// each candidate went: the one first in list is now list[order[0]].
func groupRuns(list []scheduler.Candidate, numbers, rank []int32, ranks int) (start, order []int32) {
	start = make([]int32, ranks+1)
	for _, n := range numbers {
		start[rank[n]+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:ranks])
	from, order := make([]int32, len(list)), make([]int32, len(list))
	for i, n := range numbers {
		r := rank[n]
		from[next[r]], order[i] = int32(i), next[r]
		next[r]++
	}
	permute.Apply(list, from)
	return start, order
}

// planned returns the decks to count, in name order: those with
// candidates and their ancestors.
func (r *deckRuns) planned() []string {
	all := map[string]bool{}
	for _, n := range r.names {
		for _, d := range decks.Lineage(n) {
			all[d] = true
		}
	}
	return slices.Sorted(maps.Keys(all))
}

// subtree returns the range of names that are deck or below it.
func (r *deckRuns) subtree(deck string) (lo, hi int) {
	lo, _ = slices.BinarySearchFunc(r.names, deck, compareDeckPath)
	hi = lo
	for hi < len(r.names) && decks.IsUnder(r.names[hi], deck) {
		hi++
	}
	return lo, hi
}

// dueDecks counts the decks of names[lo:hi] that have due candidates.
func (r *deckRuns) dueDecks(lo, hi int) int {
	n := 0
	for i := lo; i < hi; i++ {
		if r.due[i+1] > r.due[i] {
			n++
		}
	}
	return n
}

func compareDeckPath(a, b string) int {
	for {
		ha, ra, moreA := strings.Cut(a, decks.Separator)
		hb, rb, moreB := strings.Cut(b, decks.Separator)
		if c := strings.Compare(ha, hb); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = ra, rb
	}
}

func countPlan(c *scheduler.Counter, in scheduler.PlanInput) Counts {
	n, l, r := c.Counts(in)
	return Counts{New: n, Learning: l, Review: r}
}
