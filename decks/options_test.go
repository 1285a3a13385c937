package decks

import (
	"math"
	"reflect"
	"testing"
)

func TestParamsInheritance(t *testing.T) {
	collection, lang, french := Params{1}, Params{2}, Params{3}
	set := map[string]Options{
		Collection:     {Params: &collection, NewPerDay: ptr(7)},
		"lang":         {Params: &lang},
		"lang::french": {Params: &french},
	}
	tests := []struct {
		deck     string
		wantW0   float64
		wantFrom string
	}{
		{"lang::french::verbs", 3, "lang::french"},
		{"lang::german", 2, "lang"},
		{"lang", 2, "lang"},
		{"physics", 1, Collection},
		{"", 1, Collection},
	}
	for _, tt := range tests {
		e := Resolve(tt.deck, set)
		if e.Params == nil || e.Params[0] != tt.wantW0 || e.From["params"] != tt.wantFrom {
			t.Errorf("Resolve(%q).Params = %v from %q; want w0 %g from %q", tt.deck, e.Params, e.From["params"], tt.wantW0, tt.wantFrom)
		}
		if n := ResolveValues(tt.deck, set).NewPerDay; n != e.NewPerDay || n != 7 {
			t.Errorf("ResolveValues(%q) new = %d, Resolve %d, want the collection's 7", tt.deck, n, e.NewPerDay)
		}
	}
	if e := Resolve("physics", nil); e.Params != nil || e.From["params"] != "default" {
		t.Errorf("no params set: got %v from %q, want nil from default", e.Params, e.From["params"])
	}
	// The effective params are a copy: changing them leaves the set alone.
	e := Resolve("lang", set)
	e.Params[0] = 99
	if lang[0] != 2 {
		t.Error("Resolve returned the stored params, not a copy")
	}
}

func TestValidateParams(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		ok   bool
	}{
		{"defaults-like", Params{0.4, 1.2, 3.2, 15.7, 7.2, 0.5, 1.5, 0.005}, true},
		{"negative", Params{0.4, -1}, false},
		{"NaN", Params{math.NaN()}, false},
		{"infinite", Params{0, 0, math.Inf(1)}, false},
	}
	for _, tt := range tests {
		err := Options{Params: &tt.p}.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestIsUnder(t *testing.T) {
	for _, tt := range []struct {
		deck, parent string
		want         bool
	}{
		{"bio", "bio", true},
		{"bio::cells", "bio", true},
		{"bio::cells::dna", "bio", true},
		{"bio::cells::dna", "bio::cells", true},
		{"bio x", "bio", false},
		{"biology", "bio", false},
		{"bio:cells", "bio", false},
		{"bio", "bio::cells", false},
		{"chem::bio", "bio", false},
		{"", "", true},
		{"bio", "", false},
	} {
		if got := IsUnder(tt.deck, tt.parent); got != tt.want {
			t.Errorf("IsUnder(%q, %q) = %v, want %v", tt.deck, tt.parent, got, tt.want)
		}
	}
}

// TestResolveValues: ResolveValues gives Resolve's options without their
// sources.
func TestResolveValues(t *testing.T) {
	collection := Params{1}
	set := map[string]Options{
		Collection:      {Params: &collection, NewPerDay: ptr(7)},
		"lang":          {ReviewsPerDay: ptr(50), BurySiblings: ptr(false)},
		"lang::french":  {NewPerDay: ptr(3), Retention: ptr(0.85)},
		"chem::organic": {MaxInterval: ptr(100), Fuzz: ptr(false), LeechThreshold: ptr(4)},
	}
	for _, deck := range []string{"", "lang", "lang::french", "lang::french::verbs", "chem::organic", "bio"} {
		want := Resolve(deck, set)
		want.From = nil
		if got := ResolveValues(deck, set); !reflect.DeepEqual(got, want) {
			t.Errorf("ResolveValues(%q) = %+v, want %+v", deck, got, want)
		}
	}
}
