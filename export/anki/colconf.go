package anki

import (
	"hash/fnv"

	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

// DefaultDeckName is the deck of cards whose Deck is empty: Anki's own
// "Default" deck (id 1) stays empty, as the spec asks.
const DefaultDeckName = ankitext.DefaultDeckName

type jsonDeck struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	USN              int    `json:"usn"`
	Mod              int64  `json:"mod"`
	Desc             string `json:"desc"`
	Dyn              int    `json:"dyn"`
	Conf             int64  `json:"conf"`
	Collapsed        bool   `json:"collapsed"`
	BrowserCollapsed bool   `json:"browserCollapsed"`
	ExtendNew        int    `json:"extendNew"`
	ExtendRev        int    `json:"extendRev"`
	NewToday         [2]int `json:"newToday"`
	RevToday         [2]int `json:"revToday"`
	LrnToday         [2]int `json:"lrnToday"`
	TimeToday        [2]int `json:"timeToday"`
}

type jsonNewConf struct {
	Bury          bool      `json:"bury"`
	Delays        []float64 `json:"delays"`
	InitialFactor int       `json:"initialFactor"`
	Ints          []int     `json:"ints"`
	Order         int       `json:"order"`
	PerDay        int       `json:"perDay"`
}

type jsonRevConf struct {
	Bury       bool    `json:"bury"`
	Ease4      float64 `json:"ease4"`
	IvlFct     float64 `json:"ivlFct"`
	MaxIvl     int     `json:"maxIvl"`
	PerDay     int     `json:"perDay"`
	HardFactor float64 `json:"hardFactor"`
}

type jsonLapseConf struct {
	Delays      []float64 `json:"delays"`
	LeechAction int       `json:"leechAction"`
	LeechFails  int       `json:"leechFails"`
	MinInt      int       `json:"minInt"`
	Mult        float64   `json:"mult"`
}

type jsonDConf struct {
	ID               int64         `json:"id"`
	Mod              int64         `json:"mod"`
	Name             string        `json:"name"`
	USN              int           `json:"usn"`
	MaxTaken         int           `json:"maxTaken"`
	Autoplay         bool          `json:"autoplay"`
	Timer            int           `json:"timer"`
	Replayq          bool          `json:"replayq"`
	Dyn              bool          `json:"dyn"`
	New              jsonNewConf   `json:"new"`
	Rev              jsonRevConf   `json:"rev"`
	Lapse            jsonLapseConf `json:"lapse"`
	DesiredRetention float64       `json:"desiredRetention"`
	// Mnemo keeps the options exactly as set on the deck in mnemo (unset
	// ones inherit), so an import restores them; Anki ignores the key.
	// The key is written for every deck preset mnemo makes ({} when the
	// deck has no options of its own).
	Mnemo *decks.Options `json:"mnemo,omitempty"`
}

type jsonConf struct {
	ActiveDecks    []int64 `json:"activeDecks"`
	CurDeck        int64   `json:"curDeck"`
	NewSpread      int     `json:"newSpread"`
	CollapseTime   int     `json:"collapseTime"`
	TimeLim        int     `json:"timeLim"`
	EstTimes       bool    `json:"estTimes"`
	DueCounts      bool    `json:"dueCounts"`
	CurModel       *int64  `json:"curModel"`
	NextPos        int64   `json:"nextPos"`
	SortType       string  `json:"sortType"`
	SortBackwards  bool    `json:"sortBackwards"`
	AddToCur       bool    `json:"addToCur"`
	DayLearnFirst  bool    `json:"dayLearnFirst"`
	SchedVer       int     `json:"schedVer"`
	Sched2021      bool    `json:"sched2021"`
	Rollover       int     `json:"rollover"`
	CreationOffset int     `json:"creationOffset"`
}

// stableID maps a name to an id in [base, base+span) that never changes
// between exports.
func stableID(kind, name string, base, span int64) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(kind))
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(name))
	return base + int64(h.Sum64()%uint64(span))
}

// Deck ids and preset ids live in ranges that stay below any current
// time in ms and never meet Anki's own small ids (1 = Default).
const (
	deckIDBase   int64 = 1_400_000_000_000
	presetIDBase int64 = 1_300_000_000_000
	idSpan       int64 = 100_000_000_000
)

func defaultDeck(mod int64) jsonDeck {
	return jsonDeck{ID: 1, Name: "Default", Mod: mod, Conf: 1}
}

// presetFor is the deck preset carrying deck's resolved options.
func presetFor(id int64, name string, mod int64, e decks.Effective, own *decks.Options) jsonDConf {
	return jsonDConf{
		ID: id, Mod: mod, Name: name, MaxTaken: 60, Autoplay: true, Replayq: true,
		New: jsonNewConf{Bury: e.BurySiblings, Delays: []float64{1, 10}, InitialFactor: 2500,
			Ints: []int{1, 4, 0}, Order: 1, PerDay: e.NewPerDay},
		Rev: jsonRevConf{Bury: e.BurySiblings, Ease4: 1.3, IvlFct: 1, MaxIvl: e.MaxInterval,
			PerDay: e.ReviewsPerDay, HardFactor: 1.2},
		Lapse: jsonLapseConf{Delays: []float64{5}, LeechAction: 0, LeechFails: e.LeechThreshold,
			MinInt: 1, Mult: 0},
		DesiredRetention: e.Retention,
		Mnemo:            own,
	}
}
