// Package cards is mnemo's domain: what a card is (Card, Kind, ID, Source,
// Schedule, Review, Rating). How Markdown notes become cards is package
// cards/markdown; generators from prose are cards/generate.
//
// It imports nothing else of mnemo's; every other package builds on it.
package cards

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Kind is the shape of a card.
type Kind string

// The card kinds. A reversed card is the back-to-front twin of a basic card
// written with ":::" or "??"; the forward one is KindBasic.
const (
	KindBasic    Kind = "basic"
	KindReversed Kind = "reversed"
	KindCloze    Kind = "cloze"
)

// ID identifies a card: 10 characters of lower-case base32, derived from the
// card's normalised content so the same note always yields the same IDs.
type ID string

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID derives a card ID from its kind, normalised question and ordinal
// (cloze number, or 0 for basic and reversed cards). salt is empty except
// when two different cards would otherwise collide; it then disambiguates.
func NewID(kind Kind, question string, ord int, salt string) ID {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s", kind, Normalize(question), ord, salt)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return IDFromDigest(sum)
}

// IDFromDigest encodes the first bytes of a SHA-256 digest as an ID. Readers
// that hash without fmt (the Markdown reader, per card) share it with NewID.
func IDFromDigest(sum [sha256.Size]byte) ID {
	var enc [12]byte
	idEncoding.Encode(enc[:], sum[:7])
	return ID(enc[:10])
}

// Normalize folds text for identity and similarity: lower case, letters and
// digits only, single spaces. "What is  *Go*?" and "what is go" normalise alike.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// Source says where a card was read from: the note's path on this machine
// (absolute, cleaned), the added folder it was found under, and 1-based
// inclusive lines.
//
// Root is what makes a card's place portable: the collection stores Path
// relative to Root, so a collection restored on another machine, with the
// notes under another folder, still knows each card's note by Rel.
type Source struct {
	Path    string `json:"path"`
	Root    string `json:"root,omitempty"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
}

// Rel is Path relative to Root, with forward slashes ("bio/cells.md"), or
// "" when the card has no root or its path lies outside it.
func (s Source) Rel() string {
	return filepath.ToSlash(RelTo(s.Path, s.Root))
}

// RelTo returns path below root in the OS's form ("bio/cells.md"), or ""
// when root is empty or path is not strictly below it. It only cuts root
// and one separator off the front, so the two put back together give path
// byte for byte.
func RelTo(path, root string) string {
	if root == "" {
		return ""
	}
	rest, ok := strings.CutPrefix(path, root)
	if !ok {
		return ""
	}
	if !os.IsPathSeparator(root[len(root)-1]) {
		if rest == "" || !os.IsPathSeparator(rest[0]) {
			return ""
		}
		rest = rest[1:]
	}
	return rest
}

// State is a card's scheduling state; the values match go-fsrs's fsrs.State.
type State int8

// The scheduling states.
const (
	StateNew State = iota
	StateLearning
	StateReview
	StateRelearning
)

var stateNames = [...]string{"new", "learning", "review", "relearning"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return fmt.Sprintf("state(%d)", int(s))
	}
	return stateNames[s]
}

// ParseState reads a state name as printed by String.
func ParseState(name string) (State, error) {
	for i, n := range stateNames {
		if n == name {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown state %q (want new, learning, review or relearning)", name)
}

// MarshalText writes the state's name.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a state's name.
func (s *State) UnmarshalText(b []byte) error {
	v, err := ParseState(string(b))
	*s = v
	return err
}

// Schedule is a card's FSRS memory state and counters. It mirrors fsrs.Card
// field for field so the scheduler converts without loss.
type Schedule struct {
	State         State     `json:"state"`
	Due           time.Time `json:"due"`
	Stability     float64   `json:"stability"`
	Difficulty    float64   `json:"difficulty"`
	ElapsedDays   uint64    `json:"elapsed_days"`
	ScheduledDays uint64    `json:"scheduled_days"`
	Reps          uint64    `json:"reps"`
	Lapses        uint64    `json:"lapses"`
	LastReview    time.Time `json:"last_review"`
}

// Card is one question and answer, with where it came from and how it is
// scheduled.
type Card struct {
	ID   ID   `json:"id"`
	Kind Kind `json:"kind"`
	// Note groups siblings: the two cards of a ":::" or "??" card and the
	// clozes of one note share it (the ID of the note's first card).
	Note ID     `json:"note"`
	Deck string `json:"deck"`
	// Question and Answer are Markdown. For a cloze card the question shows
	// this card's deletion as "[...]" (or "[hint]") and the answer is the
	// deleted text; Text keeps the whole note in Anki syntax ({{c1::...}}).
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Text     string `json:"text,omitempty"`
	// Ord is the cloze number (1-based) for cloze cards, 0 otherwise.
	Ord  int      `json:"ord,omitempty"`
	Tags []string `json:"tags"`
	// Context is the heading path above the card, outermost first.
	Context []string `json:"context"`
	Source  Source   `json:"source"`
	// Origin names the rule or generator that made a generated card; empty
	// for explicit markup.
	Origin string `json:"origin,omitempty"`
	// Confidence is how sure the generator is that a person would keep
	// the card, from 0 to 1; 0 for explicit markup. Below the generator's
	// auto threshold a card is offered as a suggestion, not added.
	Confidence float64 `json:"confidence,omitempty"`
	// Edited marks a generated card whose question or answer a person
	// changed (mnemo add --interactive); re-reading keeps their wording.
	Edited bool `json:"edited,omitempty"`
	// Position orders new cards: cards are introduced in note order.
	Position uint64 `json:"position"`

	Schedule  Schedule `json:"schedule"`
	Suspended bool     `json:"suspended"`
	Orphaned  bool     `json:"orphaned"`
	// BuriedUntil hides the card from the queue until that time.
	BuriedUntil time.Time `json:"buried_until,omitzero"`
	Added       time.Time `json:"added"`
	Modified    time.Time `json:"modified"`
}

// ContextString joins the heading path as shown to people: "A > B > C".
func (c *Card) ContextString() string { return strings.Join(c.Context, " > ") }

// HasTag reports whether the card carries tag t.
func (c *Card) HasTag(t string) bool {
	for _, x := range c.Tags {
		if x == t {
			return true
		}
	}
	return false
}

// Rating is the answer to a card; values match go-fsrs's fsrs.Rating.
type Rating int8

// The four answer buttons.
const (
	Again Rating = iota + 1
	Hard
	Good
	Easy
)

var ratingNames = [...]string{"", "again", "hard", "good", "easy"}

func (r Rating) String() string {
	if r < Again || r > Easy {
		return fmt.Sprintf("rating(%d)", int(r))
	}
	return ratingNames[r]
}

// ParseRating reads "again|hard|good|easy" or "1"-"4".
func ParseRating(s string) (Rating, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i := Again; i <= Easy; i++ {
		if s == ratingNames[i] || s == fmt.Sprint(int(i)) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown rating %q (want again, hard, good, easy or 1-4)", s)
}

// Review is one entry of the review log: one answer to one card.
type Review struct {
	CardID ID        `json:"card_id"`
	Time   time.Time `json:"time"`
	Rating Rating    `json:"rating"`
	// StateBefore and StateAfter are the card's states around the answer.
	StateBefore   State   `json:"state_before"`
	StateAfter    State   `json:"state_after"`
	ElapsedDays   uint64  `json:"elapsed_days"`
	ScheduledDays uint64  `json:"scheduled_days"`
	Stability     float64 `json:"stability"`
	Difficulty    float64 `json:"difficulty"`
	// Duration is how long the person took to answer, in milliseconds.
	DurationMS int64 `json:"duration_ms"`
	// Prev is the card's schedule before this answer, so undo restores it
	// exactly; PrevSuspended and PrevTags likewise (a leech changes both).
	Prev          Schedule `json:"prev"`
	PrevSuspended bool     `json:"prev_suspended"`
	PrevTags      []string `json:"prev_tags"`
}

// UnixNano is t as compact records hold it (the store's index entries, the
// scheduler's candidates): Unix nanoseconds, 0 for the zero time.
func UnixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// FromUnixNano is the time a UnixNano value stands for.
func FromUnixNano(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}
