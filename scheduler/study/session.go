package study

import (
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/scheduler"
)

// ErrNothingToStudy is returned by actions on the current card when the
// queue has none.
var ErrNothingToStudy = errors.New("no card to study right now")

// errGone marks a card that disappeared from the collection (deleted by a
// sync) while the session held it; it is not fatal.
var errGone = errors.New("the card is no longer in the collection")

// Config says what to study.
type Config struct {
	// Deck is the selected deck, subdecks included; "" studies all decks.
	Deck string
	// Limit caps the number of cards in the session (--limit); 0 is none.
	Limit int
	// LimitsFromTop applies the daily limits of the selected deck's
	// ancestors too (see scheduler.QueueInput).
	LimitsFromTop bool
	// Now is the clock; it is required.
	Now func() time.Time
	// Reread, when set, re-reads one note file into the collection (a sync
	// of that file); Reload calls it for the current card's source.
	Reread func(path string) error
}

// Session is today's queue over a collection; it implements
// Session. It is not safe for concurrent use.
type Session struct {
	st    *store.Store
	cfg   Config
	clock scheduler.Clock
	start time.Time

	deckOpts map[string]decks.Options
	opts     map[string]decks.Effective
	scheds   map[string]*scheduler.Scheduler

	q *scheduler.Queue
	// cur is the card on screen, pinned so that a learning card falling
	// due meanwhile does not change what Answer rates.
	cur    cards.Card
	hasCur bool

	undo []action

	reviewed, again int
	byDeck          map[string]int
}

type actionKind int

const (
	actAnswer actionKind = iota
	actSuspend
	actBury
)

// action is one undoable step.
type action struct {
	kind actionKind
	id   cards.ID
	deck string
	// rev is the answer's review log entry (actAnswer).
	rev cards.Review
	// siblings are the cards the answer buried, with their BuriedUntil
	// before it.
	siblings []buried
	// prevSuspended and prevBuried are the card's state before a suspend
	// or bury.
	prevSuspended bool
	prevBuried    time.Time
}

type buried struct {
	id   cards.ID
	prev time.Time
}

// Open loads today's queue for cfg from st. Siblings of cards studied
// earlier today are buried for the day and that burial is stored.
func Open(st *store.Store, cfg Config) (*Session, error) {
	if st == nil {
		return nil, errors.New("open study session: no collection")
	}
	if cfg.Now == nil {
		return nil, errors.New("open study session: no clock")
	}
	s := &Session{st: st, cfg: cfg, start: cfg.Now(), byDeck: map[string]int{}}
	if err := s.load(s.start); err != nil {
		return nil, err
	}
	return s, nil
}

// fatal wraps a storage failure as ErrFatal unless it is one the
// person can go on from.
func fatal(err error) error {
	if err == nil || errors.Is(err, errGone) || errors.Is(err, ErrNothingToStudy) ||
		errors.Is(err, store.ErrLocked) { // another mnemo is writing: try again in a moment
		return err
	}
	return fmt.Errorf("%w: %w", ErrFatal, err)
}

// optsFor returns a deck's effective options.
func (s *Session) optsFor(deck string) decks.Effective {
	e, ok := s.opts[deck]
	if !ok {
		e = decks.ResolveValues(deck, s.deckOpts)
		s.opts[deck] = e
	}
	return e
}

// schedFor returns the scheduler for a deck's options.
func (s *Session) schedFor(deck string) *scheduler.Scheduler {
	sc, ok := s.scheds[deck]
	if !ok {
		sc = scheduler.New(s.optsFor(deck))
		s.scheds[deck] = sc
	}
	return sc
}

func (s *Session) inScope(deck string) bool {
	return s.cfg.Deck == "" || decks.IsUnder(deck, s.cfg.Deck)
}

// load (re)builds the queue at now and stores the burials it implies. It
// plans on index entries and decodes only the cards the plan admits.
func (s *Session) load(now time.Time) error {
	var q *scheduler.Queue
	err := s.st.View(func(tx *store.Tx) error {
		t, err := readToday(tx, now, s.inScope)
		if err != nil {
			return err
		}
		s.clock, s.deckOpts, s.opts = t.clock, t.deckOpts, t.opts
		s.scheds = map[string]*scheduler.Scheduler{}
		p := t.plan(now, s.cfg.Deck, s.cfg.Limit, s.cfg.LimitsFromTop)
		var readErr error
		q = scheduler.NewQueue(p, s.optsFor, func(id cards.ID) (cards.Card, bool) {
			c, ok, err := tx.Card(id)
			if err != nil && readErr == nil {
				readErr = tx.SkipCorrupt(err) // a damaged record is left out of the queue
			}
			return c, ok && err == nil
		})
		return readErr
	})
	if err != nil {
		return fatal(fmt.Errorf("load today's queue: %w", err))
	}
	if ids := q.Buried(); len(ids) > 0 {
		err := s.st.Update(func(tx *store.Tx) error {
			_, err := buryCards(tx, ids, q.DayEnd())
			return err
		})
		if err != nil {
			return fatal(fmt.Errorf("bury siblings: %w", err))
		}
	}
	s.q, s.hasCur = q, false
	return nil
}

// buryCards sets BuriedUntil on the cards and returns what it was.
func buryCards(tx *store.Tx, ids []cards.ID, until time.Time) ([]buried, error) {
	var out []buried
	for _, id := range ids {
		c, ok, err := tx.Card(id)
		if err != nil {
			if err := tx.SkipCorrupt(err); err != nil {
				return nil, err
			}
			continue
		}
		if !ok {
			continue
		}
		out = append(out, buried{id: id, prev: c.BuriedUntil})
		c.BuriedUntil = until
		if err := tx.PutCard(&c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Current returns the card to show, or ok=false when nothing is left.
func (s *Session) Current() (cards.Card, bool) {
	if !s.hasCur {
		s.cur, s.hasCur = s.q.Next(s.cfg.Now())
	}
	return s.cur, s.hasCur
}

// Counts returns what is left, the current card included.
func (s *Session) Counts() Counts {
	n, l, r := s.q.Counts()
	return Counts{New: n, Learning: l, Review: r}
}

// Intervals returns how long until the current card would be due again
// for each rating (index 0 = Again ... 3 = Easy).
func (s *Session) Intervals() [4]time.Duration {
	c, ok := s.Current()
	if !ok {
		return [4]time.Duration{}
	}
	return s.schedFor(c.Deck).Preview(c, s.cfg.Now())
}

// Answer rates the current card. The card, its review log entry and the
// burial of its siblings commit in one transaction.
func (s *Session) Answer(r cards.Rating, took time.Duration) (Outcome, error) {
	cur, ok := s.Current()
	if !ok {
		return Outcome{}, ErrNothingToStudy
	}
	if r < cards.Again || r > cards.Easy {
		return Outcome{}, fmt.Errorf("invalid rating %d (want 1-4)", int(r))
	}
	now := s.cfg.Now()
	siblings := s.q.Siblings(cur)
	var (
		card cards.Card
		rev  cards.Review
		ev   scheduler.Event
		bur  []buried
	)
	err := s.st.Update(func(tx *store.Tx) (err error) {
		card, rev, ev, bur, err = answerTx(tx, cur.ID, &cur, s.schedFor, r, now, took, siblings, s.q.DayEnd())
		return err
	})
	if err != nil {
		var ch *cardChanged
		if errors.As(err, &ch) {
			s.moveOn(ch)
			return Outcome{}, err
		}
		return Outcome{}, fatal(fmt.Errorf("answer card %s: %w", cur.ID, err))
	}
	s.q.Answered(card, now)
	s.hasCur = false
	s.undo = append(s.undo, action{kind: actAnswer, id: card.ID, deck: card.Deck, rev: rev, siblings: bur})
	s.reviewed++
	s.byDeck[card.Deck]++
	if r == cards.Again {
		s.again++
	}
	return Outcome{Next: card.Schedule, Leech: ev.Leech, Message: ev.Message}, nil
}

// cardChanged is the ErrCardChanged error: why the card on screen may not
// be answered, and the stored card to show again when it is still due.
type cardChanged struct {
	id     cards.ID
	what   string
	action string // what was not done: "rated" unless set
	again  *cards.Card
}

func (e *cardChanged) Error() string {
	next := "showing the next card"
	if e.again != nil {
		next = "showing it as it reads now"
	}
	action := e.action
	if action == "" {
		action = "rated"
	}
	return fmt.Sprintf("card %s %s, so it was not %s; %s", e.id, e.what, action, next)
}

func (e *cardChanged) Is(target error) bool { return target == ErrCardChanged }

// changed compares the card on screen with the stored one (found says
// whether it is still stored) and returns a *cardChanged when an answer
// would rate something other than what the person saw.
func changed(shown, stored cards.Card, found bool, now time.Time) error {
	what := ""
	switch {
	case !found:
		what = "was dropped or deleted meanwhile (from another terminal or by a sync)"
	case stored.Orphaned:
		what = "lost its note text meanwhile (a sync orphaned it)"
	case stored.Suspended:
		what = "was suspended meanwhile (from another terminal)"
	case stored.BuriedUntil.After(now) && !shown.BuriedUntil.After(now):
		what = "was buried meanwhile (from another terminal)"
	case !unchangedSchedule(shown.Schedule, stored.Schedule):
		what = "was answered meanwhile (from another terminal)"
	case shown.Question != stored.Question || shown.Answer != stored.Answer || shown.Text != stored.Text ||
		shown.Kind != stored.Kind || shown.Ord != stored.Ord:
		return &cardChanged{id: shown.ID, what: "was edited meanwhile", again: &stored}
	default:
		return nil
	}
	return &cardChanged{id: shown.ID, what: what}
}

// unchangedSchedule reports whether no answer was recorded between a and b.
func unchangedSchedule(a, b cards.Schedule) bool {
	return a.State == b.State && a.Reps == b.Reps && a.Lapses == b.Lapses &&
		a.Due.Equal(b.Due) && a.LastReview.Equal(b.LastReview)
}

// moveOn takes a changed card off the screen: out of the queue, or back in
// front of it as it now reads when it was only edited.
func (s *Session) moveOn(ch *cardChanged) {
	s.q.Remove(ch.id)
	s.hasCur = false
	if ch.again != nil {
		s.q.Push(*ch.again)
		s.cur, s.hasCur = *ch.again, true
	}
}

// Undo reverts the last answer, suspension or burial; the reverted card
// becomes current again. Undoing an answer deletes its review log entry and
// unburies the siblings it buried.
func (s *Session) Undo() (cards.Card, bool, error) {
	if len(s.undo) == 0 {
		return cards.Card{}, false, nil
	}
	a := s.undo[len(s.undo)-1]
	var card cards.Card
	var sibs []cards.Card
	err := s.st.Update(func(tx *store.Tx) error {
		c, ok, err := tx.Card(a.id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("card %s: %w", a.id, errGone)
		}
		switch a.kind {
		case actAnswer:
			if !scheduler.Undo(&c, a.rev) {
				return fmt.Errorf("review of card %s does not match the card", a.rev.CardID)
			}
			if err := tx.DeleteReview(a.rev); err != nil {
				return err
			}
			for _, b := range a.siblings {
				sc, ok, err := tx.Card(b.id)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				sc.BuriedUntil = b.prev
				if err := tx.PutCard(&sc); err != nil {
					return err
				}
				sibs = append(sibs, sc)
			}
		case actSuspend, actBury:
			c.Suspended, c.BuriedUntil = a.prevSuspended, a.prevBuried
		}
		if err := tx.PutCard(&c); err != nil {
			return err
		}
		card = c
		return nil
	})
	if err != nil {
		if errors.Is(err, errGone) {
			s.undo = s.undo[:len(s.undo)-1]
		}
		return cards.Card{}, false, fatal(fmt.Errorf("undo: %w", err))
	}
	s.undo = s.undo[:len(s.undo)-1]
	// The card first, so siblings it holds back go back to being held.
	s.q.Push(card)
	now := s.cfg.Now()
	for _, sc := range sibs {
		if !sc.Suspended && !sc.Orphaned && !sc.BuriedUntil.After(now) {
			s.q.Insert(sc)
		}
	}
	s.cur, s.hasCur = card, true
	if a.kind == actAnswer {
		s.reviewed--
		if s.byDeck[a.deck]--; s.byDeck[a.deck] <= 0 {
			delete(s.byDeck, a.deck)
		}
		if a.rev.Rating == cards.Again {
			s.again--
		}
	}
	return card, true, nil
}

// Suspend suspends the current card.
func (s *Session) Suspend() error { return s.hide(actSuspend) }

// Bury hides the current card until the next rollover.
func (s *Session) Bury() error { return s.hide(actBury) }

func (s *Session) hide(kind actionKind) error {
	cur, ok := s.Current()
	if !ok {
		return ErrNothingToStudy
	}
	a := action{kind: kind, id: cur.ID, deck: cur.Deck}
	err := s.st.Update(func(tx *store.Tx) error {
		c, ok, err := tx.Card(cur.ID)
		if err != nil {
			return err
		}
		if !ok {
			return &cardChanged{id: cur.ID, what: "was dropped or deleted meanwhile (from another terminal or by a sync)",
				action: map[actionKind]string{actSuspend: "suspended", actBury: "buried"}[kind]}
		}
		a.prevSuspended, a.prevBuried = c.Suspended, c.BuriedUntil
		if kind == actSuspend {
			c.Suspended = true
		} else {
			c.BuriedUntil = s.q.DayEnd()
		}
		return tx.PutCard(&c)
	})
	s.q.Remove(cur.ID) // gone from the collection or hidden: either way not shown
	s.hasCur = false
	if errors.Is(err, ErrCardChanged) {
		return err
	}
	if err != nil {
		verb := map[actionKind]string{actSuspend: "suspend", actBury: "bury"}[kind]
		return fatal(fmt.Errorf("%s card %s: %w", verb, cur.ID, err))
	}
	s.undo = append(s.undo, a)
	return nil
}

// Reload re-reads the current card's note file (through Config.Reread)
// and rebuilds today's queue from the collection.
func (s *Session) Reload() error {
	if c, ok := s.Current(); ok && s.cfg.Reread != nil && c.Source.Path != "" {
		if err := s.cfg.Reread(c.Source.Path); err != nil {
			return fmt.Errorf("re-read %s: %w", c.Source.Path, err)
		}
	}
	return s.load(s.cfg.Now())
}

// Summary describes the session so far. NewTomorrow counts what
// tomorrow's new-card limits admit, leaving aside the review limit.
func (s *Session) Summary() Summary {
	now := s.cfg.Now()
	sum := Summary{
		Reviewed:      s.reviewed,
		Again:         s.again,
		Elapsed:       max(now.Sub(s.start), 0),
		StudiedByDeck: maps.Clone(s.byDeck),
	}
	tomorrow := s.clock.NextDayStart(now)
	tomorrowEnd := s.clock.NextDayStart(tomorrow)
	_ = s.st.View(func(tx *store.Tx) error {
		count := func(e *store.IndexEntry) bool {
			if s.inScope(e.Deck) {
				sum.DueTomorrow++
			}
			return false // counted, not needed
		}
		if err := tx.ScanDueWhere(tomorrowEnd, count, nil); err != nil {
			return err
		}
		// Tomorrow's new cards, leaving the review limit aside.
		t, err := readTodayNew(tx, tomorrow, s.inScope)
		if err != nil {
			return err
		}
		sum.NewTomorrow = len(t.plan(tomorrow, s.cfg.Deck, 0, s.cfg.LimitsFromTop).New)
		return nil
	})
	return sum
}
