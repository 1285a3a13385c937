package export

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/scheduler"
)

// SameAnswer is how close two answers to one card must be to count as the
// same review. Anki keeps answer times in milliseconds and moves an answer
// by a millisecond or two when two share one, so an exact match would
// count a review that went out and came back as a second one; nobody
// answers one card twice within a second.
const SameAnswer = time.Second

// Target is the collection an import merges into. decks/store's *Tx is
// one; its writes become visible to its reads.
type Target interface {
	Card(id cards.ID) (cards.Card, bool, error)
	PutCard(c *cards.Card) error
	ReviewsOf(id cards.ID) ([]cards.Review, error)
	ReviewsSince(since time.Time, fn func(r cards.Review) error) error
	AddReview(r cards.Review) error
	NextPositions(n int) (uint64, error)
	DeckOptions() (map[string]decks.Options, error)
	PutDeckOptions(deck string, o decks.Options) error
}

// MergeReport counts what a merge did.
type MergeReport struct {
	// Cards is the number of cards read; Added were new to the
	// collection, Updated changed an existing card (text, deck, tags or
	// schedule), Unchanged left it as it was.
	Cards     int `json:"cards"`
	Added     int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Reviews is the number of reviews read; ReviewsAdded were new,
	// ReviewsSkipped were already in the log.
	Reviews        int `json:"reviews"`
	ReviewsAdded   int `json:"reviews_added"`
	ReviewsSkipped int `json:"reviews_skipped"`
	// Replayed is the number of existing cards whose schedule was
	// recomputed from their merged review log.
	Replayed int `json:"replayed"`
	// Renamed is the number of cards that claimed the ID of a different
	// card and were added under a new ID instead.
	Renamed int `json:"renamed"`
}

// Merger merges cards and reviews into a Target, one at a time, so an
// import never holds a whole backup in memory. Feed it every card (Card)
// before the reviews (Review), then call Finish.
//
// The rules: a card new to the collection is added as it comes, schedule
// and all. A card the collection has keeps its schedule unless the import
// brings reviews it lacks; then its schedule is the replay of its whole
// merged log through the scheduler, so an older backup never moves a card
// backwards and a card studied in two places ends with every review of
// both. Its text, deck and tags change only when the incoming copy was
// modified later, and only when it is the same card (same note and kind,
// same source file): an import cannot overwrite another card's text by
// claiming its ID. A burial lasts until the later of the two copies'.
type Merger struct {
	t       Target
	options map[string]decks.Options
	// have holds the answer times (ns) per card already in the log, and
	// those added by this merge.
	have map[cards.ID][]int64
	// fresh marks the cards this merge added; touched the existing cards
	// that gained reviews; renamed maps an incoming ID to the one used.
	fresh   map[cards.ID]bool
	touched map[cards.ID]bool
	// known holds the existing cards this merge has met, so their reviews
	// need no lookup: reviews come in time order, so looking each one's
	// card up reads a random page of the collection per review.
	known   map[cards.ID]struct{}
	renamed map[cards.ID]cards.ID
	maxPos  uint64
	changed map[cards.ID]bool // existing cards counted as updated
	seen    int               // elements merged, to release mapped pages now and then
	Report  MergeReport
}

// releaseEvery is how many cards and reviews a merge reads between two
// calls of the target's ReleaseMapped: a merge into a big collection reads
// all of it, and without the hint the whole mapped file (hundreds of MB)
// stays resident until the transaction ends.
const releaseEvery = 2048

// release hands the collection pages read so far back to the kernel every
// releaseEvery elements, when the target can.
func (m *Merger) release() {
	if m.seen++; m.seen%releaseEvery != 0 {
		return
	}
	if r, ok := m.t.(interface{ ReleaseMapped() }); ok {
		r.ReleaseMapped()
	}
}

// NewMerger prepares a merge into t: it reads the answer times already in
// the log (a few bytes per review) to recognise reviews that come back.
func NewMerger(ctx context.Context, t Target) (*Merger, error) {
	m := &Merger{t: t, have: map[cards.ID][]int64{}, fresh: map[cards.ID]bool{}, touched: map[cards.ID]bool{},
		renamed: map[cards.ID]cards.ID{}, changed: map[cards.ID]bool{}, known: map[cards.ID]struct{}{}}
	n := 0
	err := t.ReviewsSince(time.Time{}, func(r cards.Review) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m.release()
		m.have[r.CardID] = append(m.have[r.CardID], r.Time.UnixNano())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read review log: %w", err)
	}
	if m.options, err = t.DeckOptions(); err != nil {
		return nil, fmt.Errorf("read deck options: %w", err)
	}
	return m, nil
}

// Use makes the merge continue in t: a long import may commit in several
// transactions (into a collection nobody else sees yet) and carry on with
// the same Merger.
func (m *Merger) Use(t Target) { m.t = t }

// Options stores the options of decks that have none in the collection;
// options the collection already has win.
func (m *Merger) Options(opts map[string]decks.Options) error {
	for _, d := range slices.Sorted(maps.Keys(opts)) {
		o := opts[d]
		if err := o.Validate(); err != nil {
			return fmt.Errorf("%w: options of deck %q: %w", ErrInvalid, d, err)
		}
		if _, ok := m.options[d]; ok {
			continue
		}
		if err := m.t.PutDeckOptions(d, o); err != nil {
			return err
		}
		if m.options == nil {
			m.options = map[string]decks.Options{}
		}
		m.options[d] = o
	}
	return nil
}

// Card merges one incoming card; added is the time to give a card that
// carries no creation time.
func (m *Merger) Card(c cards.Card, added time.Time) error {
	return m.CardState(c, added, time.Time{})
}

// CardState merges one incoming card whose card-level state (suspension,
// burial, deck) was last changed at stateModified, apart from its text
// (c.Modified): an Anki card's own mod time moves when it is suspended or
// moved on the phone, its note's only when the text is edited. A zero
// stateModified means c.Modified.
func (m *Merger) CardState(c cards.Card, added, stateModified time.Time) error {
	m.Report.Cards++
	m.release()
	if stateModified.IsZero() {
		stateModified = c.Modified
	}
	if err := CheckCard(&c); err != nil {
		return err
	}
	if m.fresh[c.ID] || m.renamed[c.ID] != "" {
		return fmt.Errorf("%w: card %q appears twice", ErrInvalid, c.ID)
	}
	old, exists, err := m.t.Card(c.ID)
	if err != nil {
		return err
	}
	if exists && !sameCard(&old, &c) {
		// a different card claims this ID: keep it, under an ID of its own
		// (the same one each time, so importing the file again finds it)
		id := c.ID
		for salt := 0; exists && !sameCard(&old, &c); salt++ {
			c.ID = cards.NewID(c.Kind, c.Question, c.Ord, fmt.Sprintf("import#%s#%d", id, salt))
			if old, exists, err = m.t.Card(c.ID); err != nil {
				return err
			}
		}
		m.renamed[id] = c.ID
		m.Report.Renamed++
	}
	if !exists {
		return m.add(c, added)
	}
	m.known[c.ID] = struct{}{}
	merged := old
	if c.Modified.After(old.Modified) {
		// the incoming text is newer: its text, tags and context win
		merged.Question, merged.Answer, merged.Text, merged.Ord = c.Question, c.Answer, c.Text, c.Ord
		merged.Tags, merged.Context, merged.Origin, merged.Edited = c.Tags, c.Context, c.Origin, c.Edited
		merged.Modified = c.Modified
	}
	if stateModified.After(old.Modified) {
		// the incoming card-level state is newer: its deck and suspension win
		merged.Deck, merged.Suspended = c.Deck, c.Suspended
		if stateModified.After(merged.Modified) {
			merged.Modified = stateModified
		}
	}
	if c.BuriedUntil.After(old.BuriedUntil) {
		// a burial (a sibling studied elsewhere) lasts until the later of
		// the two, whichever copy is newer, so both sides agree
		merged.BuriedUntil = c.BuriedUntil
	}
	if sameContent(&old, &merged) {
		m.Report.Unchanged++
	} else {
		m.changed[c.ID] = true
		m.Report.Updated++
	}
	if sameRecord(&old, &merged) {
		return nil // nothing to write
	}
	return m.t.PutCard(&merged)
}

// sameRecord reports whether writing merged over old would store the same
// card: a merge that changes nothing writes nothing.
func sameRecord(old, merged *cards.Card) bool {
	return sameContent(old, merged) && old.Ord == merged.Ord && old.Origin == merged.Origin &&
		old.Edited == merged.Edited && old.Modified.Equal(merged.Modified) && old.BuriedUntil.Equal(merged.BuriedUntil)
}

func (m *Merger) add(c cards.Card, added time.Time) error {
	if c.Added.IsZero() {
		c.Added = added
	}
	if c.Schedule.State == cards.StateNew && c.Position == 0 {
		p, err := m.t.NextPositions(1)
		if err != nil {
			return err
		}
		c.Position = p
	}
	m.maxPos = max(m.maxPos, c.Position)
	m.fresh[c.ID] = true
	m.Report.Added++
	return m.t.PutCard(&c)
}

// sameCard reports whether incoming may stand for old: the same note and
// kind, and the same source file when both name one (compared by name, as
// the folders differ from machine to machine).
func sameCard(old, in *cards.Card) bool {
	if old.Kind != in.Kind || (old.Note != "" && in.Note != "" && old.Note != in.Note) {
		return false
	}
	if old.Source.Path == "" || in.Source.Path == "" {
		return true
	}
	return filepath.Base(filepath.ToSlash(old.Source.Path)) == filepath.Base(filepath.ToSlash(in.Source.Path))
}

// sameContent reports whether an update would change nothing the user sees.
func sameContent(a, b *cards.Card) bool {
	return a.Question == b.Question && a.Answer == b.Answer && a.Text == b.Text && a.Deck == b.Deck &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Context, b.Context) && a.Suspended == b.Suspended
}

// Review merges one incoming review: an answer the log already has (same
// card, within SameAnswer) is skipped.
func (m *Merger) Review(r cards.Review) error {
	m.Report.Reviews++
	m.release()
	if id, ok := m.renamed[r.CardID]; ok {
		r.CardID = id
	}
	if err := CheckReview(&r); err != nil {
		return err
	}
	if _, ok := m.known[r.CardID]; !ok && !m.fresh[r.CardID] {
		if _, ok, err := m.t.Card(r.CardID); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: review of card %q at %s: no such card in the import or the collection",
				ErrInvalid, r.CardID, r.Time.Format(time.RFC3339))
		}
		m.known[r.CardID] = struct{}{}
	}
	at := r.Time.UnixNano()
	for _, t := range m.have[r.CardID] {
		if d := at - t; d < int64(SameAnswer) && d > -int64(SameAnswer) {
			m.Report.ReviewsSkipped++
			return nil
		}
	}
	if err := m.t.AddReview(r); err != nil {
		return err
	}
	m.have[r.CardID] = append(m.have[r.CardID], at)
	if !m.fresh[r.CardID] {
		m.touched[r.CardID] = true
	}
	m.Report.ReviewsAdded++
	return nil
}

// Finish replays the log of every existing card that gained reviews and
// moves the new-card counter past the positions the import brought.
func (m *Merger) Finish(ctx context.Context) error {
	ids := make([]cards.ID, 0, len(m.touched))
	for id := range m.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, id := range ids {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := m.replay(id); err != nil {
			return err
		}
	}
	if m.maxPos == 0 {
		return nil // no new card brought a position: nothing to write
	}
	next, err := m.t.NextPositions(0)
	if err != nil {
		return err
	}
	if m.maxPos >= next {
		if _, err := m.t.NextPositions(int(m.maxPos - next + 1)); err != nil {
			return err
		}
	}
	return nil
}

func (m *Merger) replay(id cards.ID) error {
	c, ok, err := m.t.Card(id)
	if err != nil || !ok {
		return err
	}
	stored, err := m.t.ReviewsOf(id)
	if err != nil {
		return err
	}
	var log []cards.Review
	c.Schedule, log = Replay(&c, stored, decks.Resolve(c.Deck, m.options))
	for i, r := range log {
		if i < len(stored) && sameReview(&stored[i], &r) {
			continue // the replay gives what is stored: nothing to write
		}
		if err := m.t.AddReview(r); err != nil { // same card and time: rewritten in place
			return err
		}
	}
	if !m.changed[id] {
		m.Report.Updated++
		if m.Report.Unchanged > 0 {
			m.Report.Unchanged--
		}
	}
	m.Report.Replayed++
	return m.t.PutCard(&c)
}

// sameReview reports whether two reviews hold the same values (times
// compared as stored, so a doubt means a write, never a lost change).
func sameReview(a, b *cards.Review) bool {
	return a.CardID == b.CardID && a.Time == b.Time && a.Rating == b.Rating && a.StateBefore == b.StateBefore &&
		a.StateAfter == b.StateAfter && a.ElapsedDays == b.ElapsedDays && a.ScheduledDays == b.ScheduledDays &&
		a.Stability == b.Stability && a.Difficulty == b.Difficulty && a.DurationMS == b.DurationMS &&
		a.Prev == b.Prev && a.PrevSuspended == b.PrevSuspended && slices.Equal(a.PrevTags, b.PrevTags)
}

// Replay recomputes a card's schedule from its review log (oldest first,
// any order is sorted) with the scheduler of the card's deck options, and
// returns the schedule and the log with each entry's derived fields
// (states, days, memory state, previous schedule) recomputed. The answers
// themselves (card, time, rating, duration, previous tags and suspension)
// are kept. The card is not changed.
func Replay(c *cards.Card, log []cards.Review, opts decks.Effective) (cards.Schedule, []cards.Review) {
	log = slices.Clone(log)
	slices.SortStableFunc(log, func(a, b cards.Review) int { return a.Time.Compare(b.Time) })
	s := scheduler.New(opts)
	work := cards.Card{ID: c.ID, Tags: slices.Clone(c.Tags), Schedule: cards.Schedule{State: cards.StateNew,
		Reps: 0, Lapses: 0}}
	for i := range log {
		r := &log[i]
		work.Suspended = false
		nr, _ := s.Answer(&work, r.Rating, r.Time, time.Duration(r.DurationMS)*time.Millisecond)
		if nr.CardID == "" { // an invalid rating changes nothing
			continue
		}
		nr.PrevTags, nr.PrevSuspended = r.PrevTags, r.PrevSuspended
		*r = nr
	}
	return work.Schedule, log
}
