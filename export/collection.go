package export

import (
	"sort"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// DefaultRolloverHour is the hour at which a new study day starts when
// Collection.RolloverHour is unset, as in Anki.
const DefaultRolloverHour = 4

// Collection is everything an exporter needs, handed over by the caller.
type Collection struct {
	// Cards are all the cards to export (the caller filters by deck).
	Cards []cards.Card
	// Reviews is their review log, in any order.
	Reviews []cards.Review
	// EachReview, when set, streams the review log instead of Reviews
	// (which is then ignored): it calls fn with each review, stopping at
	// the first error fn returns. Exporters that support it keep only
	// what they write of each review, not the whole log. card is the
	// index in Cards of r's card when the stream looked it up (so the
	// exporter need not look it up again), else -1. r is only valid
	// during the call.
	EachReview func(fn func(card int, r *cards.Review) error) error
	// FirstReview, when set with EachReview, returns the earliest non-zero
	// review time EachReview would yield (zero when none), so that an
	// exporter needing it does not read the whole stream twice.
	FirstReview func() (time.Time, error)
	// StateModified is, for an imported card whose source keeps it apart
	// from the text's (Anki's cards.mod beside notes.mod), when its
	// card-level state (suspension, burial, deck) last changed; a card
	// missing here uses its Modified.
	StateModified map[cards.ID]time.Time
	// Options maps a deck name to the options set on that deck.
	Options map[string]decks.Options
	// Created is the collection's creation time.
	Created time.Time
	// Now is the clock; exporters never read the system clock.
	Now time.Time
	// Location is the user's time zone (nil means UTC) and RolloverHour
	// the hour a study day starts (0-23, 0 being midnight; nil or anything
	// else means DefaultRolloverHour).
	Location     *time.Location
	RolloverHour *int
}

// Zone returns the collection's time zone, UTC when unset.
func (c *Collection) Zone() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Rollover returns the hour a study day starts: RolloverHour when it is
// set and between 0 and 23, DefaultRolloverHour otherwise.
func (c *Collection) Rollover() int {
	if c.RolloverHour == nil || *c.RolloverHour < 0 || *c.RolloverHour > 23 {
		return DefaultRolloverHour
	}
	return *c.RolloverHour
}

// Hour returns a pointer to h, for Collection.RolloverHour.
func Hour(h int) *int { return &h }

// NoteKind is the shape of a note made of sibling cards.
type NoteKind int

// The note kinds. A NoteBasic holds one KindBasic card; a NoteReversed
// holds the forward (KindBasic) and/or reverse (KindReversed) card of a
// ":::" card; a NoteCloze holds the clozes of one text.
const (
	NoteBasic NoteKind = iota
	NoteReversed
	NoteCloze
)

// Note is a group of sibling cards that other tools keep as one note.
type Note struct {
	// ID is the mnemo note ID the cards share (Card.Note), or the card's
	// own ID when a card had to be split off its group.
	ID   cards.ID
	Kind NoteKind
	// Cards are the note's cards: for NoteReversed the forward card comes
	// first; for NoteCloze they are sorted by Ord.
	Cards []*cards.Card
}

// Forward returns the card that gives the note its front and back: the
// KindBasic card of a basic or reversed note (or, for a reversed note whose
// forward card was not exported, the reverse card), or the first cloze.
func (n *Note) Forward() *cards.Card { return n.Cards[0] }

// GroupNotes groups cards into notes by Card.Note, keeping the order of
// each group's first card. A card with an empty Note is a note of its own.
// Groups that cannot form one note (two forward cards, a cloze mixed with a
// basic card, two clozes with the same Ord) are split: extra cards become
// notes of their own, keyed by their card ID, and split lists the IDs of
// the cards that were split off.
func GroupNotes(cs []cards.Card) (notes []Note, split []cards.ID) {
	index := make(map[cards.ID]int, len(cs))
	type group struct {
		key   cards.ID
		cards []*cards.Card
	}
	var groups []group
	for i := range cs {
		c := &cs[i]
		key := c.Note
		if key == "" {
			key = c.ID
		}
		gi, ok := index[key]
		if !ok {
			gi = len(groups)
			index[key] = gi
			groups = append(groups, group{key: key})
		}
		groups[gi].cards = append(groups[gi].cards, c)
	}
	notes = make([]Note, 0, len(groups))
	for _, g := range groups {
		var fwd, rev *cards.Card
		var clozes []*cards.Card
		seenOrd := map[int]bool{}
		var extra []*cards.Card
		for _, c := range g.cards {
			switch c.Kind {
			case cards.KindBasic:
				if fwd == nil {
					fwd = c
				} else {
					extra = append(extra, c)
				}
			case cards.KindReversed:
				if rev == nil {
					rev = c
				} else {
					extra = append(extra, c)
				}
			case cards.KindCloze:
				if seenOrd[c.Ord] {
					extra = append(extra, c)
				} else {
					seenOrd[c.Ord] = true
					clozes = append(clozes, c)
				}
			default:
				extra = append(extra, c)
			}
		}
		hasBasic := fwd != nil || rev != nil
		if hasBasic && len(clozes) > 0 {
			// A group is either a basic/reversed pair or clozes: keep the
			// pair and split the clozes off one by one.
			extra = append(extra, clozes...)
			clozes = nil
		}
		switch {
		case rev != nil:
			n := Note{ID: g.key, Kind: NoteReversed}
			if fwd != nil {
				n.Cards = append(n.Cards, fwd)
			}
			n.Cards = append(n.Cards, rev)
			notes = append(notes, n)
		case fwd != nil:
			notes = append(notes, Note{ID: g.key, Kind: NoteBasic, Cards: []*cards.Card{fwd}})
		case len(clozes) > 0:
			sort.SliceStable(clozes, func(i, j int) bool { return clozes[i].Ord < clozes[j].Ord })
			notes = append(notes, Note{ID: g.key, Kind: NoteCloze, Cards: clozes})
		}
		for _, c := range extra {
			split = append(split, c.ID)
			k := NoteBasic
			switch c.Kind {
			case cards.KindReversed:
				k = NoteReversed
			case cards.KindCloze:
				k = NoteCloze
			}
			notes = append(notes, Note{ID: c.ID, Kind: k, Cards: []*cards.Card{c}})
		}
	}
	return notes, split
}
