// Package decks owns deck names, the deck tree ("a::b::c") and per-deck
// options with inheritance. It imports only the standard library; the
// collection that stores decks is package decks/store.
package decks

import (
	"fmt"
	"math"
	"strings"
)

// NumParams is the number of FSRS-5 weights in Params.
const NumParams = 19

// Params are the FSRS-5 weights w0..w18 the scheduler uses for a deck,
// set by hand or trained by mnemo optimize.
type Params [NumParams]float64

// Options are a deck's study settings. A nil field is unset: it inherits
// from the parent deck, and at the top from DefaultOptions.
type Options struct {
	NewPerDay      *int     `json:"new_per_day,omitempty"`
	ReviewsPerDay  *int     `json:"reviews_per_day,omitempty"`
	Retention      *float64 `json:"retention,omitempty"`
	MaxInterval    *int     `json:"max_interval,omitempty"`
	Fuzz           *bool    `json:"fuzz,omitempty"`
	LeechThreshold *int     `json:"leech_threshold,omitempty"`
	BurySiblings   *bool    `json:"bury_siblings,omitempty"`
	Params         *Params  `json:"params,omitempty"`
}

// Effective are a deck's resolved options: every field set.
type Effective struct {
	NewPerDay      int     `json:"new_per_day"`
	ReviewsPerDay  int     `json:"reviews_per_day"`
	Retention      float64 `json:"retention"`
	MaxInterval    int     `json:"max_interval"`
	Fuzz           bool    `json:"fuzz"`
	LeechThreshold int     `json:"leech_threshold"`
	BurySiblings   bool    `json:"bury_siblings"`
	// Params are the deck's FSRS weights; nil means FSRS's defaults.
	Params *Params `json:"params"`
	// From names, per option (JSON name), the deck that set it, or
	// "default".
	From map[string]string `json:"from"`
}

// DefaultOptions are Anki-like defaults for a deck nobody configured.
func DefaultOptions() Effective {
	return Effective{
		NewPerDay: 20, ReviewsPerDay: 200, Retention: 0.9, MaxInterval: 36500,
		Fuzz: true, LeechThreshold: 8, BurySiblings: true,
	}
}

// Validate reports the first out-of-range value set in o.
func (o Options) Validate() error {
	switch {
	case o.NewPerDay != nil && *o.NewPerDay < 0:
		return fmt.Errorf("--new-per-day must be 0 or more, not %d", *o.NewPerDay)
	case o.ReviewsPerDay != nil && *o.ReviewsPerDay < 0:
		return fmt.Errorf("--reviews-per-day must be 0 or more, not %d", *o.ReviewsPerDay)
	case o.Retention != nil && (*o.Retention < 0.7 || *o.Retention > 0.99):
		return fmt.Errorf("--retention must be between 0.70 and 0.99, not %g", *o.Retention)
	case o.MaxInterval != nil && (*o.MaxInterval < 1 || *o.MaxInterval > 36500):
		return fmt.Errorf("--max-interval must be between 1 and 36500 days, not %d", *o.MaxInterval)
	case o.LeechThreshold != nil && *o.LeechThreshold < 1:
		return fmt.Errorf("--leech-threshold must be 1 or more, not %d", *o.LeechThreshold)
	case o.Params != nil:
		for i, w := range o.Params {
			if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
				return fmt.Errorf("--params: w%d is %g; every weight must be a finite number, 0 or more", i, w)
			}
		}
	}
	return nil
}

// Merge returns o with every field set in over replacing o's.
func (o Options) Merge(over Options) Options {
	if over.NewPerDay != nil {
		o.NewPerDay = over.NewPerDay
	}
	if over.ReviewsPerDay != nil {
		o.ReviewsPerDay = over.ReviewsPerDay
	}
	if over.Retention != nil {
		o.Retention = over.Retention
	}
	if over.MaxInterval != nil {
		o.MaxInterval = over.MaxInterval
	}
	if over.Fuzz != nil {
		o.Fuzz = over.Fuzz
	}
	if over.LeechThreshold != nil {
		o.LeechThreshold = over.LeechThreshold
	}
	if over.BurySiblings != nil {
		o.BurySiblings = over.BurySiblings
	}
	if over.Params != nil {
		o.Params = over.Params
	}
	return o
}

// Resolve computes deck's effective options from the options set on it,
// its ancestors and the whole collection (set maps deck name to its own
// Options; Collection to the collection's).
func Resolve(deck string, set map[string]Options) Effective {
	e := DefaultOptions()
	e.From = map[string]string{
		"new_per_day": "default", "reviews_per_day": "default", "retention": "default",
		"max_interval": "default", "fuzz": "default", "leech_threshold": "default",
		"bury_siblings": "default", "params": "default",
	}
	resolve(&e, deck, set)
	return e
}

// ResolveValues is Resolve without Effective.From, which only `mnemo decks`
// shows: a review and `mnemo due` resolve the options of every deck, and
// need not build a map of sources for each.
func ResolveValues(deck string, set map[string]Options) Effective {
	e := DefaultOptions()
	resolve(&e, deck, set)
	return e
}

// resolve applies the options set for deck to e, noting in e.From (if
// not nil) where each came from.
func resolve(e *Effective, deck string, set map[string]Options) {
	from := func(option, d string) {
		if e.From != nil {
			e.From[option] = d
		}
	}
	for _, d := range scopes(deck) { // root first, so the deepest wins
		o, ok := set[d]
		if !ok {
			continue
		}
		if o.NewPerDay != nil {
			e.NewPerDay = *o.NewPerDay
			from("new_per_day", d)
		}
		if o.ReviewsPerDay != nil {
			e.ReviewsPerDay = *o.ReviewsPerDay
			from("reviews_per_day", d)
		}
		if o.Retention != nil {
			e.Retention = *o.Retention
			from("retention", d)
		}
		if o.MaxInterval != nil {
			e.MaxInterval = *o.MaxInterval
			from("max_interval", d)
		}
		if o.Fuzz != nil {
			e.Fuzz = *o.Fuzz
			from("fuzz", d)
		}
		if o.LeechThreshold != nil {
			e.LeechThreshold = *o.LeechThreshold
			from("leech_threshold", d)
		}
		if o.BurySiblings != nil {
			e.BurySiblings = *o.BurySiblings
			from("bury_siblings", d)
		}
		if o.Params != nil {
			p := *o.Params
			e.Params = &p
			from("params", d)
		}
	}
}

// Collection is the name under which options for the whole collection are
// stored: they apply to every deck, below the deck's own and its
// ancestors' (mnemo optimize without --deck saves parameters there).
const Collection = ""

// scopes lists where deck's options may be set, the widest first: the
// whole collection, then deck's lineage.
func scopes(deck string) []string {
	return append([]string{Collection}, Lineage(deck)...)
}

// Separator joins deck names into a tree, as in Anki: "physics::optics".
const Separator = "::"

// Lineage returns deck and its ancestors, root first:
// "a::b::c" -> ["a", "a::b", "a::b::c"].
func Lineage(deck string) []string {
	if deck == "" {
		return nil
	}
	parts := strings.Split(deck, Separator)
	out := make([]string, len(parts))
	for i := range parts {
		out[i] = strings.Join(parts[:i+1], Separator)
	}
	return out
}

// IsUnder reports whether deck is parent or one of its descendants.
func IsUnder(deck, parent string) bool {
	rest, ok := strings.CutPrefix(deck, parent)
	return ok && (rest == "" || strings.HasPrefix(rest, Separator))
}
