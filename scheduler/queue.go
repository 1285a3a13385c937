package scheduler

import (
	"cmp"
	"slices"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// LearnAhead is how early a learning card may be shown when nothing else is
// left to study, as Anki's default "learn ahead limit".
const LearnAhead = 20 * time.Minute

// Studied is one answer given today, from this session or an earlier one.
type Studied struct {
	CardID cards.ID
	Note   cards.ID
	Deck   string
	// WasNew is set when the card was new before this answer.
	WasNew bool
	Time   time.Time
}

// QueueInput is what Build needs to make today's queue.
type QueueInput struct {
	// Now is the current time; Clock says which study day it belongs to.
	Now   time.Time
	Clock Clock
	// Deck is the selected deck, subdecks included; "" selects all decks.
	Deck string
	// Limit caps the number of cards in the session (the --limit flag);
	// 0 means no cap.
	Limit int
	// Options returns a deck's effective options; nil means
	// decks.DefaultOptions for every deck.
	Options func(deck string) decks.Effective
	// Due holds the learning, relearning and review cards due before
	// NextDayStart(Now)+LearnAhead, in any order. Cards that must not be
	// shown (suspended, orphaned, buried, outside Deck, new, due later) are
	// filtered out.
	Due []cards.Card
	// New holds new cards in Position order, at least as many as the
	// limits can admit.
	New []cards.Card
	// Studied lists today's answers; entries outside the study day of Now
	// are ignored.
	Studied []Studied
	// LimitsFromTop applies the limits of the selected deck's ancestors
	// too (Anki's "limits start from the top"); by default, as in Anki,
	// limits above the selected deck do not apply.
	LimitsFromTop bool
}

// Queue is today's study queue, built by Build. It is not safe for
// concurrent use.
//
// The order follows Anki's v3 scheduler:
//
//   - Learning and relearning cards come first once due. When nothing else
//     is left, they are shown up to LearnAhead early.
//   - Review cards due before the next rollover come most at risk first:
//     lowest retrievability at build time, then earliest due.
//   - New cards come in Position order, spread evenly among the reviews.
//   - A card pushed back by Push (after an undo) comes before everything.
//
// Daily limits, as in Anki v3 (with "new cards ignore review limit" off):
//
//   - Each deck has NewPerDay and ReviewsPerDay. A card is admitted only if
//     its own deck and each of its ancestors down to the selected deck have
//     room left; a deck's room counts the cards studied today in it and in
//     its subdecks (Studied, from earlier sessions too) and the cards
//     already admitted. Limits of decks above the selected deck apply only
//     with LimitsFromTop.
//   - New cards count against both limits: reviews are admitted first, then
//     new cards while both the new and the review limits have room, so a
//     full review limit shows no new cards.
//   - A card studied today counts once: as new if it was new at its first
//     answer today, else as a review. Learning steps are not limited.
//   - Limit (--limit) caps the session's cards: learning cards first, then
//     reviews, then new cards.
//
// Siblings (cards of the same Note): when the BurySiblings option of a
// studied card's deck is on, its new and review siblings are buried for the
// day: those studied earlier today are left out at build time and listed by
// Buried; those of a card answered now are returned by Answered. The queue
// also admits at most one new or review card per note, so a sibling buried
// later never takes a place under the limits. Learning cards are never
// buried.
//
// The queue keeps the study day it was built for; rebuild it after the
// rollover.
type Queue struct {
	built  time.Time
	dayEnd time.Time
	opts   *optionCache

	front    []*cards.Card // pushed back by undo; the last pushed is shown first
	learning []*cards.Card // by due time
	reviews  []*cards.Card // most at risk first
	news     []*cards.Card // by position

	// reviews0 and news0 are the sizes the lists started with: how far each
	// has been worked through decides which comes next.
	reviews0, news0 int

	// notes maps a note to its new and review cards held by the queue
	// (shown or held back as a sibling), which are buried when one of them
	// is answered.
	notes  map[cards.ID][]cards.ID
	buried []cards.ID
}

// params are FSRS-5's fixed decay and factor, the same for every deck:
// retrievability does not depend on a deck's options.
var params = fsrs.DefaultParam()

// Build makes today's queue from in. See Queue for the rules; MakePlan
// applies them.
func Build(in QueueInput) *Queue {
	pin := PlanInput{Now: in.Now, Clock: in.Clock, Deck: in.Deck, Limit: in.Limit, Options: in.Options,
		Studied: in.Studied, LimitsFromTop: in.LimitsFromTop,
		Due: make([]Candidate, len(in.Due)), New: make([]Candidate, len(in.New))}
	byID := make(map[cards.ID]*cards.Card, len(in.Due)+len(in.New))
	for i := range in.Due {
		byID[in.Due[i].ID] = &in.Due[i]
		pin.Due[i] = CandidateOf(&in.Due[i])
	}
	for i := range in.New {
		byID[in.New[i].ID] = &in.New[i]
		pin.New[i] = CandidateOf(&in.New[i])
	}
	return NewQueue(MakePlan(pin), in.Options, func(id cards.ID) (cards.Card, bool) {
		if c, ok := byID[id]; ok {
			return *c, true
		}
		return cards.Card{}, false
	})
}

// NewQueue makes the queue p describes. card returns an admitted card's
// record; ok=false leaves the card out (it was deleted meanwhile).
func NewQueue(p *Plan, options func(deck string) decks.Effective, card func(cards.ID) (cards.Card, bool)) *Queue {
	q := &Queue{
		built:  p.Built,
		dayEnd: p.DayEnd,
		opts:   newOptionCache(options),
		notes:  make(map[cards.ID][]cards.ID, len(p.Siblings)),
		buried: slices.Clone(p.Buried),
	}
	for note, ids := range p.Siblings {
		q.notes[note] = slices.Clone(ids)
	}
	fill := func(list *[]*cards.Card, planned []*Candidate) {
		*list = make([]*cards.Card, 0, len(planned))
		for _, c := range planned {
			if cd, ok := card(c.ID); ok {
				*list = append(*list, own(cd))
			}
		}
	}
	fill(&q.learning, p.Learning)
	fill(&q.reviews, p.Reviews)
	fill(&q.news, p.New)
	q.reviews0, q.news0 = len(q.reviews), len(q.news)
	return q
}

// byDue orders cards by due time, then ID.
func byDue(a, b *cards.Card) int {
	if c := a.Schedule.Due.Compare(b.Schedule.Due); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// byRisk orders review cards by retrievability at the build time, then due
// time and ID, as Build sorts them.
func (q *Queue) byRisk(a, b *cards.Card) int {
	ra := retrievability(&params, a.Schedule, q.built)
	rb := retrievability(&params, b.Schedule, q.built)
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	return byDue(a, b)
}

// byPosition orders new cards by position, then ID.
func byPosition(a, b *cards.Card) int {
	if c := cmp.Compare(a.Position, b.Position); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// lineage is decks.Lineage, with the unnamed deck as a deck of its own.
func lineage(deck string) []string {
	if deck == "" {
		return []string{""}
	}
	return decks.Lineage(deck)
}

// register records a new or review card under its note for burying.
func (q *Queue) register(c *cards.Card) {
	if c.Note == "" || !q.opts.get(c.Deck).BurySiblings {
		return
	}
	if st := c.Schedule.State; st != cards.StateNew && st != cards.StateReview {
		return
	}
	if !slices.Contains(q.notes[c.Note], c.ID) {
		q.notes[c.Note] = append(q.notes[c.Note], c.ID)
	}
}

// Next returns the card to show at now, or ok=false when nothing is left
// to show yet (learning cards due more than LearnAhead from now may
// remain: see Counts). It does not remove the card; Answered and Remove do.
func (q *Queue) Next(now time.Time) (card cards.Card, ok bool) {
	if c := q.peek(now); c != nil {
		out := *c
		out.Tags = slices.Clone(c.Tags)
		out.Context = slices.Clone(c.Context)
		return out, true
	}
	return cards.Card{}, false
}

func (q *Queue) peek(now time.Time) *cards.Card {
	if n := len(q.front); n > 0 {
		return q.front[n-1]
	}
	if len(q.learning) > 0 && !q.learning[0].Schedule.Due.After(now) {
		return q.learning[0]
	}
	nr, nn := len(q.reviews), len(q.news)
	switch {
	case nr > 0 && nn > 0:
		// Keep the share of new cards shown in step with the share of
		// reviews shown: a new card when its midpoint comes first.
		r0, n0 := max(q.reviews0, nr), max(q.news0, nn)
		newDone, revDone := n0-nn, r0-nr
		if (2*newDone+1)*r0 < (2*revDone+1)*n0 {
			return q.news[0]
		}
		return q.reviews[0]
	case nr > 0:
		return q.reviews[0]
	case nn > 0:
		return q.news[0]
	}
	if len(q.learning) > 0 && !q.learning[0].Schedule.Due.After(now.Add(LearnAhead)) {
		return q.learning[0]
	}
	return nil
}

// Counts returns the numbers of new, learning and review cards left,
// learning cards due later today included.
func (q *Queue) Counts() (newN, learnN, reviewN int) {
	newN, learnN, reviewN = len(q.news), len(q.learning), len(q.reviews)
	for _, c := range q.front {
		switch c.Schedule.State {
		case cards.StateNew:
			newN++
		case cards.StateReview:
			reviewN++
		default:
			learnN++
		}
	}
	return newN, learnN, reviewN
}

// Answered takes c (with its new schedule) out of the queue after it was
// answered at now. A card still in learning or relearning comes back when
// due, if that is today; a suspended or buried one does not. When c's deck
// buries siblings, its new and review siblings leave the queue and their
// IDs are returned so the caller can persist BuriedUntil = the next
// rollover.
func (q *Queue) Answered(c cards.Card, now time.Time) (buried []cards.ID) {
	q.Remove(c.ID)
	if st := c.Schedule.State; (st == cards.StateLearning || st == cards.StateRelearning) &&
		!c.Suspended && !c.Orphaned && !c.BuriedUntil.After(now) &&
		c.Schedule.Due.Before(q.dayEnd.Add(LearnAhead)) {
		q.insertLearning(own(c))
	}
	buried = q.Siblings(c)
	for _, id := range buried {
		q.removeFromLists(id)
	}
	if len(buried) > 0 {
		delete(q.notes, c.Note)
	}
	return buried
}

// Siblings returns the IDs Answered would bury for c, without changing the
// queue, so the caller can persist the burials with the answer.
func (q *Queue) Siblings(c cards.Card) []cards.ID {
	if c.Note == "" || !q.opts.get(c.Deck).BurySiblings {
		return nil
	}
	var out []cards.ID
	for _, id := range q.notes[c.Note] {
		if id != c.ID {
			out = append(out, id)
		}
	}
	return out
}

// Remove takes the card with this ID out of the queue (suspended, buried,
// deleted); it does nothing if the card is not there.
func (q *Queue) Remove(id cards.ID) {
	q.removeFromLists(id)
	for note, ids := range q.notes {
		if i := slices.Index(ids, id); i >= 0 {
			ids = slices.Delete(ids, i, i+1)
			if len(ids) == 0 {
				delete(q.notes, note)
			} else {
				q.notes[note] = ids
			}
		}
	}
}

func (q *Queue) removeFromLists(id cards.ID) {
	for _, list := range []*[]*cards.Card{&q.front, &q.learning, &q.reviews, &q.news} {
		*list = slices.DeleteFunc(*list, func(c *cards.Card) bool { return c.ID == id })
	}
}

// Push puts c in front of the queue, replacing any copy of it there: after
// an undo the reverted card is shown again first. Pushed cards come back
// last in, first out.
func (q *Queue) Push(c cards.Card) {
	q.removeFromLists(c.ID)
	q.front = append(q.front, own(c))
	q.register(&c)
}

// Insert puts c back in its own place, replacing any copy of it in the
// queue: a learning card by due time, a review card by risk, a new card by
// position. It is for cards whose burial was undone. As in Build, a new or
// review card whose deck buries siblings is held back while a card of its
// note is in the queue, and buried with it.
func (q *Queue) Insert(c cards.Card) {
	q.removeFromLists(c.ID)
	p := own(c)
	if st := c.Schedule.State; (st == cards.StateNew || st == cards.StateReview) && q.noteQueued(c) {
		q.register(p)
		return
	}
	switch c.Schedule.State {
	case cards.StateLearning, cards.StateRelearning:
		q.insertLearning(p)
		return
	case cards.StateReview:
		i, _ := slices.BinarySearchFunc(q.reviews, p, q.byRisk)
		q.reviews = slices.Insert(q.reviews, i, p)
	case cards.StateNew:
		i, _ := slices.BinarySearchFunc(q.news, p, byPosition)
		q.news = slices.Insert(q.news, i, p)
	default:
		return
	}
	q.register(p)
}

// noteQueued reports whether a sibling of c that c would be held back
// for is in the queue.
func (q *Queue) noteQueued(c cards.Card) bool {
	if c.Note == "" || !q.opts.get(c.Deck).BurySiblings {
		return false
	}
	for _, list := range [][]*cards.Card{q.front, q.learning, q.reviews, q.news} {
		for _, x := range list {
			if x.Note == c.Note && x.ID != c.ID {
				return true
			}
		}
	}
	return false
}

// own returns a copy of c that shares no memory with the caller's.
func own(c cards.Card) *cards.Card {
	c.Tags = slices.Clone(c.Tags)
	c.Context = slices.Clone(c.Context)
	return &c
}

func (q *Queue) insertLearning(c *cards.Card) {
	i, _ := slices.BinarySearchFunc(q.learning, c, byDue)
	q.learning = slices.Insert(q.learning, i, c)
}

// Buried returns the IDs of the siblings of cards studied earlier today
// that Build left out; the caller persists BuriedUntil = DayEnd for them.
func (q *Queue) Buried() []cards.ID { return slices.Clone(q.buried) }

// DayEnd returns the end of the study day the queue was built for: the
// time until which siblings are buried.
func (q *Queue) DayEnd() time.Time { return q.dayEnd }

// optionCache memoises a deck options function.
type optionCache struct {
	fn func(string) decks.Effective
	m  map[string]decks.Effective
}

func newOptionCache(fn func(string) decks.Effective) *optionCache {
	return &optionCache{fn: optionsOrDefaults(fn), m: make(map[string]decks.Effective)}
}

// optionsOrDefaults returns fn, or for nil a function giving the defaults.
func optionsOrDefaults(fn func(string) decks.Effective) func(string) decks.Effective {
	if fn == nil {
		def := decks.DefaultOptions()
		fn = func(string) decks.Effective { return def }
	}
	return fn
}

func (o *optionCache) get(deck string) decks.Effective {
	e, ok := o.m[deck]
	if !ok {
		e = o.fn(deck)
		o.m[deck] = e
	}
	return e
}

// room is what a deck's daily limits have left.
type room struct{ newLeft, revLeft int }

// limits tracks the daily limits of the decks met while building.
type limits struct {
	opts             func(deck string) decks.Effective
	left             map[string]*room
	usedNew, usedRev map[string]int // studied today, subdecks included
}

func (l *limits) room(deck string) *room {
	r, ok := l.left[deck]
	if !ok {
		e := l.opts(deck)
		nu, ru := l.usedNew[deck], l.usedRev[deck]
		r = &room{newLeft: max(e.NewPerDay-nu, 0), revLeft: max(e.ReviewsPerDay-ru-nu, 0)}
		l.left[deck] = r
	}
	return r
}

// hasReview reports whether every deck of a chain has room for a review.
func hasReview(chain []*room) bool {
	for _, r := range chain {
		if r.revLeft <= 0 {
			return false
		}
	}
	return true
}

// hasNew reports whether every deck of a chain has room for a new card,
// which counts against the review limit too.
func hasNew(chain []*room) bool {
	for _, r := range chain {
		if r.newLeft <= 0 || r.revLeft <= 0 {
			return false
		}
	}
	return true
}

// take charges one card to every deck of a chain.
func take(chain []*room, isNew bool) {
	for _, r := range chain {
		if isNew {
			r.newLeft--
		}
		r.revLeft--
	}
}
