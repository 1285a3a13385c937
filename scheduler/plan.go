package scheduler

import (
	"cmp"
	"slices"
	"time"
	"unsafe"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/internal/permute"
)

// Candidate is what the queue builder needs to know of a card: the facts
// the collection's study indexes hold, never the card's text. Planning on
// candidates lets a review decode only the cards it admits, and lets
// `mnemo due` count with exactly the review's rules.
//
// Times are Unix nanoseconds, 0 for none (see UnixNano), as the indexes
// store them: `mnemo due` holds tens of thousands of candidates, and
// three time.Time would make each half as big again.
type Candidate struct {
	ID, Note cards.ID
	Deck     string
	// Due is the due time; Position orders new cards.
	Due         int64
	Position    uint64
	Stability   float64
	LastReview  int64
	BuriedUntil int64
	State       cards.State
	// Inactive marks a suspended or orphaned card: never admitted.
	Inactive bool
}

// CandidateOf returns c's candidate.
func CandidateOf(c *cards.Card) Candidate {
	return Candidate{ID: c.ID, Note: c.Note, Deck: c.Deck, State: c.Schedule.State, Due: cards.UnixNano(c.Schedule.Due),
		Position: c.Position, Stability: c.Schedule.Stability, LastReview: cards.UnixNano(c.Schedule.LastReview),
		BuriedUntil: cards.UnixNano(c.BuriedUntil), Inactive: c.Suspended || c.Orphaned}
}

// retrievability is the candidate's recall probability at now.
func (c *Candidate) retrievability(now time.Time) float64 {
	s := cards.Schedule{State: c.State, Stability: c.Stability, LastReview: cards.FromUnixNano(c.LastReview)}
	return retrievability(&params, s, now)
}

// PlanInput is what MakePlan needs: QueueInput with candidates in place of
// cards.
type PlanInput struct {
	Now   time.Time
	Clock Clock
	// Deck is the selected deck, subdecks included; "" selects all decks.
	Deck string
	// Limit caps the session's cards (--limit); 0 means no cap.
	Limit int
	// Options returns a deck's effective options; nil means defaults.
	Options func(deck string) decks.Effective
	// Due holds learning, relearning and review candidates due before
	// NextDayStart(Now)+LearnAhead, in any order; New holds new ones. Those
	// that must not be shown are filtered out, as in QueueInput.
	Due, New []Candidate
	// Studied lists today's answers.
	Studied []Studied
	// LimitsFromTop: see QueueInput.
	LimitsFromTop bool
	// DueInPlanOrder promises that Due is in the order SortForPlan gives
	// at Now, so the plan need not sort it (nor work out each review's
	// retrievability): DueCounts plans hundreds of decks from one sorted
	// list.
	DueInPlanOrder bool
	// DueOrder and NewOrder, when set, are the order in which the plan
	// reads Due and New, each a permutation of its list's indexes:
	// Due[DueOrder[0]] comes first. DueCounts plans the whole collection
	// at the same time as each deck, from the same lists grouped by deck;
	// the whole collection's plan reads them in plan and position order
	// through these, DueInPlanOrder then describing Due read in DueOrder.
	DueOrder, NewOrder []int32
	// UniqueIDs promises that no card is in Due and New more than once, as
	// the store's indexes list each card once: the plan then skips its
	// check for doubles (a set of every admitted ID; for `mnemo due`'s 550
	// plans, a twentieth of the command).
	UniqueIDs bool
}

// SortForPlan orders due candidates as a plan at now admits them:
// learning and relearning by due time, then reviews most at risk first,
// then the rest. Every run of it taken in order stays in order, so plans
// over parts of it may set PlanInput.DueInPlanOrder.
func SortForPlan(due []Candidate, now time.Time) {
	// Sort small keys, then move each candidate once, in place: candidates
	// are big.
	permute.Apply(due, PlanOrder(due, now))
}

// PlanOrder returns the order SortForPlan gives due, without moving it:
// the i-th candidate in plan order is due[order[i]] (see permute.Apply).
func PlanOrder(due []Candidate, now time.Time) (order []int32) {
	now = now.Round(0)
	type key struct {
		class int // 0 learning, 1 review, 2 other
		r     float64
		i     int
	}
	keys := make([]key, len(due))
	for i := range due {
		k := key{class: 2, i: i}
		switch due[i].State {
		case cards.StateLearning, cards.StateRelearning:
			k.class = 0
		case cards.StateReview:
			k.class, k.r = 1, due[i].retrievability(now)
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(x.class, y.class); c != 0 {
			return c
		}
		if x.class == 1 {
			if c := cmp.Compare(x.r, y.r); c != 0 {
				return c
			}
		}
		if c := candidateByDue(&due[x.i], &due[y.i]); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i) // the same card twice: keep the input's order
	})
	order = make([]int32, len(keys))
	for i, k := range keys {
		order[i] = int32(k.i)
	}
	return order
}

// Plan is the outcome of admitting candidates under today's rules: what
// the queue starts with, in the order it shows them. See Queue for the
// rules.
type Plan struct {
	Built, DayEnd time.Time
	// Learning is by due time, Reviews most at risk first, New by position.
	// They point into the input's candidates.
	Learning, Reviews, New []*Candidate
	// Siblings maps a note to its admitted or held-back new and review
	// cards, which are buried when one of them is answered.
	Siblings map[cards.ID][]cards.ID
	// Buried lists siblings of cards studied earlier today, left out; the
	// caller persists BuriedUntil = DayEnd for them.
	Buried []cards.ID
}

// Counts returns the numbers of new, learning and review cards planned.
func (p *Plan) Counts() (newN, learnN, reviewN int) {
	return len(p.New), len(p.Learning), len(p.Reviews)
}

// MakePlan admits today's cards from in. It is the one home of the daily
// limits, the order and the sibling rule: the review's queue and the due
// counts both come from it.
func MakePlan(in PlanInput) *Plan {
	b := newPlanner(in)
	b.run()
	return b.plan
}

func (b *planner) run() {
	b.countStudied()
	b.admitLearning()
	b.admitReviews()
	b.admitNew()
}

// Counter makes many plans for their counts alone, reusing its maps and
// lists from one plan to the next: `mnemo due` plans every deck's
// subtree, hundreds of small plans, where building each planner's maps
// afresh and the siblings a queue needs cost more than admitting the
// cards. The zero value is ready to use.
type Counter struct {
	b planner
}

// Counts returns the counts of MakePlan(in).Counts().
func (c *Counter) Counts(in PlanInput) (newN, learnN, reviewN int) {
	c.b.reset(in)
	c.b.run()
	return c.b.plan.Counts()
}

// planner holds the state of one MakePlan call.
type planner struct {
	in   PlanInput
	plan *Plan
	// opts returns a deck's options: PlanInput.Options, called as it is.
	// Its callers cache (the review's and the due counts' both do); a
	// second cache per plan cost `mnemo due` a map per deck per plan.
	opts     func(deck string) decks.Effective
	now      time.Time
	dayStart time.Time
	// nowNs and dayEndNs are now and the plan's DayEnd as candidates hold
	// times.
	nowNs, dayEndNs int64
	lim             *limits
	decks           map[string]*deckInfo
	// buryNotes maps a note to today's studied cards whose deck buries
	// siblings.
	buryNotes map[cards.ID][]cards.ID
	total     int // cards the session may still take; -1 is no cap
	admitted  map[cards.ID]bool
	seenNote  map[cards.ID]bool
	// recent caches decks looked up (see deckCache); generation tells
	// this plan's entries from earlier plans'.
	recent     deckCache
	generation uint32
	// countOnly leaves Plan.Siblings out (Counter): counts do not need it.
	countOnly bool
	// Reused lists of the admit steps.
	learnBuf []*Candidate
	riskBuf  []risky
	orderBuf []*Candidate
	newBuf   []*Candidate
	sortBuf  []*Candidate
	runBuf   []int
}

// risky is a review candidate with its retrievability.
type risky struct {
	r float64
	c *Candidate
}

// reset readies a Counter's planner for in, keeping the memory of its
// maps and lists.
func (b *planner) reset(in PlanInput) {
	if b.plan == nil {
		*b = *newPlanner(in)
		b.countOnly = true
		return
	}
	now, p := in.Now.Round(0), b.plan
	dayStart, dayEnd := b.dayStart, p.DayEnd
	if !now.Equal(b.now) || in.Clock != b.in.Clock { // the study day is worked out once for many plans
		dayStart, dayEnd = in.Clock.DayStart(now), in.Clock.NextDayStart(now)
	}
	b.in, b.now, b.dayStart, b.total = in, now, dayStart, -1
	if in.Limit > 0 {
		b.total = in.Limit
	}
	*p = Plan{Built: now, DayEnd: dayEnd, Siblings: p.Siblings,
		Learning: p.Learning[:0], Reviews: p.Reviews[:0], New: p.New[:0], Buried: p.Buried[:0]}
	b.nowNs, b.dayEndNs = cards.UnixNano(now), cards.UnixNano(p.DayEnd)
	b.opts = optionsOrDefaults(in.Options)
	b.lim.opts = b.opts
	clear(b.lim.usedNew)
	clear(b.lim.usedRev)
	clear(b.lim.left)
	clear(b.decks)
	clear(b.buryNotes)
	clear(b.admitted)
	clear(b.seenNote)
	b.newGeneration()
}

func newPlanner(in PlanInput) *planner {
	now := in.Now.Round(0)
	opts := optionsOrDefaults(in.Options)
	b := &planner{
		in:        in,
		plan:      &Plan{Built: now, DayEnd: in.Clock.NextDayStart(now), Siblings: make(map[cards.ID][]cards.ID)},
		opts:      opts,
		now:       now,
		dayStart:  in.Clock.DayStart(now),
		lim:       &limits{opts: opts, left: make(map[string]*room), usedNew: map[string]int{}, usedRev: map[string]int{}},
		decks:     make(map[string]*deckInfo),
		buryNotes: make(map[cards.ID][]cards.ID),
		total:     -1,
		admitted:  make(map[cards.ID]bool),
		seenNote:  make(map[cards.ID]bool),
	}
	b.newGeneration()
	if in.Limit > 0 {
		b.total = in.Limit
	}
	b.nowNs, b.dayEndNs = cards.UnixNano(now), cards.UnixNano(b.plan.DayEnd)
	return b
}

func (b *planner) inScope(deck string) bool {
	return b.in.Deck == "" || decks.IsUnder(deck, b.in.Deck)
}

// deckInfo is what the admit loop needs of a card's deck, looked up once
// per deck: a plan visits tens of thousands of candidates of a few decks.
type deckInfo struct {
	inScope bool
	bury    bool    // the deck buries siblings
	chain   []*room // the decks whose limits apply, own deck last
}

func (b *planner) deck(name string) *deckInfo {
	slot := b.recent.slot(name)
	if slot.generation == b.generation && slot.name == name {
		return slot.deck
	}
	d, ok := b.decks[name]
	if !ok {
		d = &deckInfo{inScope: b.inScope(name), bury: b.opts(name).BurySiblings}
		for _, a := range lineage(name) {
			if b.in.LimitsFromTop || b.inScope(a) {
				d.chain = append(d.chain, b.lim.room(a))
			}
		}
		b.decks[name] = d
	}
	*slot = cachedDeck{name: name, deck: d, generation: b.generation}
	return d
}

// deckCache holds the decks a plan looked up last, each in a slot chosen
// by where its name's bytes are. The store gives all candidates of one
// deck the same string, so a plan that visits the candidates of hundreds
// of decks in turn finds each deck's info without hashing its name: a
// map lookup per candidate was a tenth of `mnemo due`. A name stored
// elsewhere only misses, and the slot's comparison of the names, when
// their bytes are at the same place, is a pointer check.
type deckCache [1024]cachedDeck

type cachedDeck struct {
	name       string
	deck       *deckInfo
	generation uint32
}

// newGeneration leaves the decks cached for an earlier plan behind; an
// empty slot is of none.
func (b *planner) newGeneration() {
	b.generation++
	if b.generation == 0 { // wrapped around: empty the slots
		b.recent = deckCache{}
		b.generation = 1
	}
}

func (c *deckCache) slot(name string) *cachedDeck {
	return &c[uintptr(unsafe.Pointer(unsafe.StringData(name)))>>4%uintptr(len(c))]
}

func (b *planner) visible(c *Candidate) bool {
	// With no deck selected every deck is in scope: no lookup needed.
	return !c.Inactive && c.BuriedUntil <= b.nowNs && (b.in.Deck == "" || b.deck(c.Deck).inScope)
}

// countStudied charges today's answers to the limits and notes which
// notes' siblings are buried.
func (b *planner) countStudied() {
	type studiedCard struct {
		deck   string
		wasNew bool
	}
	studied := make(map[cards.ID]studiedCard)
	for _, s := range b.in.Studied {
		if s.Time.Before(b.dayStart) || !s.Time.Before(b.plan.DayEnd) {
			continue
		}
		if sc, ok := studied[s.CardID]; !ok {
			studied[s.CardID] = studiedCard{deck: s.Deck, wasNew: s.WasNew}
		} else if s.WasNew && !sc.wasNew {
			sc.wasNew = true
			studied[s.CardID] = sc
		}
		if s.Note != "" && b.opts(s.Deck).BurySiblings && !slices.Contains(b.buryNotes[s.Note], s.CardID) {
			b.buryNotes[s.Note] = append(b.buryNotes[s.Note], s.CardID)
		}
	}
	for _, sc := range studied {
		for _, d := range lineage(sc.deck) {
			if sc.wasNew {
				b.lim.usedNew[d]++
			} else {
				b.lim.usedRev[d]++
			}
		}
	}
}

// admitLearning takes every visible learning card due before the end of
// the day plus the learn-ahead margin: learning is not limited per day.
func (b *planner) admitLearning() {
	learnEnd := b.dayEndNs + int64(LearnAhead)
	learning := reuse(b.learnBuf, len(b.in.Due))
	for k := range b.in.Due {
		c := b.dueAt(k)
		if (c.State == cards.StateLearning || c.State == cards.StateRelearning) && b.visible(c) && c.Due < learnEnd {
			learning = append(learning, c)
		}
	}
	if !b.in.DueInPlanOrder {
		slices.SortFunc(learning, candidateByDue)
	}
	for _, c := range learning {
		if b.take(&b.plan.Learning, c) {
			b.markNote(c, b.deck(c.Deck))
		}
	}
	b.learnBuf = learning
}

// admitReviews takes review cards due today, most at risk first.
func (b *planner) admitReviews() {
	if b.in.DueInPlanOrder {
		ordered := reuse(b.orderBuf, len(b.in.Due))
		for k := range b.in.Due {
			if c := b.dueAt(k); c.State == cards.StateReview && b.visible(c) && c.Due < b.dayEndNs {
				ordered = append(ordered, c)
			}
		}
		b.admitLimited(ordered, &b.plan.Reviews, false)
		b.orderBuf = ordered
		return
	}
	list := reuse(b.riskBuf, len(b.in.Due))
	for k := range b.in.Due {
		c := b.dueAt(k)
		if c.State == cards.StateReview && b.visible(c) && c.Due < b.dayEndNs {
			list = append(list, risky{c.retrievability(b.now), c})
		}
	}
	slices.SortFunc(list, func(x, y risky) int {
		if c := cmp.Compare(x.r, y.r); c != 0 {
			return c
		}
		return candidateByDue(x.c, y.c)
	})
	ordered := reuse(b.orderBuf, len(list))
	for i := range list {
		ordered = append(ordered, list[i].c)
	}
	b.admitLimited(ordered, &b.plan.Reviews, false)
	b.riskBuf, b.orderBuf = list, ordered
}

// admitNew takes new cards in position order, against both limits.
func (b *planner) admitNew() {
	news := reuse(b.newBuf, len(b.in.New))
	for k := range b.in.New {
		if c := b.newAt(k); c.State == cards.StateNew && b.visible(c) {
			news = append(news, c)
		}
	}
	b.sortByPosition(news)
	b.admitLimited(news, &b.plan.New, true)
	b.newBuf = news
}

// dueAt returns the k-th due candidate in the order the plan reads them.
func (b *planner) dueAt(k int) *Candidate {
	if b.in.DueOrder != nil {
		return &b.in.Due[b.in.DueOrder[k]]
	}
	return &b.in.Due[k]
}

// newAt returns the k-th new candidate in the order the plan reads them.
func (b *planner) newAt(k int) *Candidate {
	if b.in.NewOrder != nil {
		return &b.in.New[b.in.NewOrder[k]]
	}
	return &b.in.New[k]
}

// sortByPosition sorts new candidates in the new index's order, position
// then ID. They mostly come in that order already, or (the subtrees of
// DueCounts) as one such run per deck, one deck after the other: merging
// the runs pairwise takes a few passes where a sort would start over.
func (b *planner) sortByPosition(news []*Candidate) {
	runs := b.runBuf[:0] // where each run starts, and the end
	for i := range news {
		if i == 0 || positionLess(news[i], news[i-1]) {
			runs = append(runs, i)
		}
	}
	runs = append(runs, len(news))
	b.runBuf = runs
	if len(runs) <= 2 {
		return // sorted
	}
	b.sortBuf = reuse(b.sortBuf, len(news))[:len(news)]
	src, dst := news, b.sortBuf
	for len(runs) > 2 {
		merged := runs[:0] // runs is read ahead of where merged writes
		for k := 0; k+1 < len(runs); k += 2 {
			lo, mid, hi := runs[k], runs[k+1], runs[len(runs)-1]
			if k+2 < len(runs) {
				hi = runs[k+2]
			}
			mergeByPosition(dst[lo:hi], src[lo:mid], src[mid:hi])
			merged = append(merged, lo)
		}
		runs = append(merged, len(news))
		src, dst = dst, src
	}
	if &src[0] != &news[0] {
		copy(news, src)
	}
}

// mergeByPosition merges the sorted a and b into out, a's first on ties.
func mergeByPosition(out, a, b []*Candidate) {
	i, j := 0, 0
	for k := range out {
		if j == len(b) || (i < len(a) && !positionLess(b[j], a[i])) {
			out[k] = a[i]
			i++
		} else {
			out[k] = b[j]
			j++
		}
	}
}

// reuse returns buf emptied, with room for n: a plan's lists are sized
// once, not grown by appending, which for tens of thousands of candidates
// leaves their smaller copies behind as garbage.
func reuse[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, 0, n)
	}
	return buf[:0]
}

// admitLimited is the one admit loop for reviews and new cards: in order,
// skipping siblings of cards studied today (buried) or already queued
// (held back), while the limits of the card's deck chain have room.
func (b *planner) admitLimited(ordered []*Candidate, out *[]*Candidate, isNew bool) {
	for _, c := range ordered {
		if b.total == 0 {
			return
		}
		if b.buriedBySibling(c) {
			if !slices.Contains(b.plan.Buried, c.ID) {
				b.plan.Buried = append(b.plan.Buried, c.ID)
			}
			continue
		}
		d := b.deck(c.Deck)
		ch := d.chain
		room := hasReview(ch)
		if isNew {
			room = hasNew(ch)
		}
		// A queue records a held-back sibling even where there is no room;
		// counts need not look for one then.
		if (!room && b.countOnly) || b.holdSibling(c, d) || !room || !b.take(out, c) {
			continue
		}
		take(ch, isNew)
		b.markNote(c, d)
		b.register(c, d)
	}
}

// take appends c to list, reporting false when the session is full or the
// card is already planned.
func (b *planner) take(list *[]*Candidate, c *Candidate) bool {
	if b.total == 0 {
		return false
	}
	if !b.in.UniqueIDs {
		n := len(b.admitted)
		if b.admitted[c.ID] = true; len(b.admitted) == n {
			return false // already planned (one hash, not two)
		}
	}
	*list = append(*list, c)
	if b.total > 0 {
		b.total--
	}
	return true
}

func (b *planner) buriedBySibling(c *Candidate) bool {
	if len(b.buryNotes) == 0 {
		return false
	}
	ids := b.buryNotes[c.Note]
	return c.Note != "" && len(ids) > 0 && (len(ids) > 1 || ids[0] != c.ID)
}

// holdSibling reports whether c is left out because a sibling is already
// planned; such a card is still buried with it.
func (b *planner) holdSibling(c *Candidate, d *deckInfo) bool {
	if c.Note == "" || !d.bury || !b.seenNote[c.Note] {
		return false
	}
	if !b.countOnly && !slices.Contains(b.plan.Siblings[c.Note], c.ID) {
		b.plan.Siblings[c.Note] = append(b.plan.Siblings[c.Note], c.ID)
	}
	return true
}

func (b *planner) markNote(c *Candidate, d *deckInfo) {
	if c.Note != "" && d.bury {
		b.seenNote[c.Note] = true
	}
}

// register records a planned new or review card under its note.
func (b *planner) register(c *Candidate, d *deckInfo) {
	if b.countOnly || c.Note == "" || !d.bury {
		return
	}
	if c.State != cards.StateNew && c.State != cards.StateReview {
		return
	}
	if !slices.Contains(b.plan.Siblings[c.Note], c.ID) {
		b.plan.Siblings[c.Note] = append(b.plan.Siblings[c.Note], c.ID)
	}
}

// positionLess orders new candidates as the new index does: by position,
// then ID.
func positionLess(a, b *Candidate) bool {
	return a.Position < b.Position || (a.Position == b.Position && a.ID < b.ID)
}

func candidateByDue(a, b *Candidate) int {
	if c := cmp.Compare(a.Due, b.Due); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
