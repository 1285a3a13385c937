package export

import (
	"context"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
)

// ImportTarget is the collection an import writes: a merge Target that
// also keeps the collection's clock settings. decks/store's *Tx satisfies
// it.
type ImportTarget interface {
	Target
	Settings() (decks.Settings, error)
	PutSettings(s decks.Settings) error
}

// Importer feeds what a file holds (an Anki collection read into memory,
// or a backup streamed element by element) into a collection through one
// Merger, and merges the file's clock into the collection's settings.
type Importer struct {
	m     *Merger
	t     ImportTarget
	now   time.Time
	empty bool
	// Progress, when set, is told every 1,024 elements how far a
	// Collection merge is.
	Progress func(done, total int)
}

// NewImporter starts an import into t at now. empty says the collection
// had no cards before: then the file's time zone and rollover hour are
// taken over, and its creation time dates the collection.
func NewImporter(ctx context.Context, t ImportTarget, now time.Time, empty bool) (*Importer, error) {
	m, err := NewMerger(ctx, t)
	if err != nil {
		return nil, err
	}
	return &Importer{m: m, t: t, now: now, empty: empty}, nil
}

// Use moves the import to another transaction of the same collection (an
// import written in batches).
func (im *Importer) Use(t ImportTarget) {
	im.t = t
	im.m.Use(t)
}

// Report returns what the import did so far.
func (im *Importer) Report() MergeReport { return im.m.Report }

// Finish replays the schedules of the cards whose history grew (see
// Merger.Finish).
func (im *Importer) Finish(ctx context.Context) error { return im.m.Finish(ctx) }

// Header merges a file's deck options and clock.
func (im *Importer) Header(opts map[string]decks.Options, created time.Time, zone string, rollover int) error {
	if err := im.m.Options(opts); err != nil {
		return err
	}
	return im.settings(created, zone, rollover)
}

// Card merges one card, added now when it is new.
func (im *Importer) Card(c cards.Card) error { return im.m.Card(c, im.now) }

// Review merges one review.
func (im *Importer) Review(r cards.Review) error { return im.m.Review(r) }

// settings merges the file's clock: the collection is as old as the
// oldest data it holds, and a collection restored from nothing takes the
// file's time zone and rollover hour.
func (im *Importer) settings(created time.Time, zone string, rollover int) error {
	s, err := im.t.Settings()
	if err != nil {
		return err
	}
	was := s
	if !created.IsZero() && (s.Created.IsZero() || created.Before(s.Created)) {
		s.Created = created
	}
	if im.empty && rollover >= 0 && rollover <= 23 {
		s.RolloverHour = rollover
		if zone != "" {
			if zone == "Local" {
				zone = ""
			}
			s.TimeZone = zone
		}
	}
	if s == was {
		return nil // an import that changes nothing writes nothing
	}
	return im.t.PutSettings(s)
}

// Collection merges a whole collection read into memory (an Anki
// package), checking ctx every 1,024 elements.
func (im *Importer) Collection(ctx context.Context, col Collection) error {
	total := len(col.Cards) + len(col.Reviews)
	done := 0
	step := func() error {
		if done++; done%1024 == 0 {
			if im.Progress != nil {
				im.Progress(done, total)
			}
			return ctx.Err()
		}
		return nil
	}
	if err := im.m.Options(col.Options); err != nil {
		return err
	}
	for _, cd := range col.Cards {
		if err := im.m.CardState(cd, im.now, col.StateModified[cd.ID]); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	for _, r := range col.Reviews {
		if err := im.Review(r); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return im.settings(im.createdOf(col), zoneName(col.Location), col.Rollover())
}

// createdOf is the creation time an imported Anki collection gives: its
// crt is the start of a study day, not when the data began, so it dates
// only a collection that had nothing yet.
func (im *Importer) createdOf(col Collection) time.Time {
	if !im.empty {
		return time.Time{}
	}
	return col.Created
}

// zoneName is loc's IANA name, or "" for UTC, nil and fixed offsets (a
// package's offset has no IANA name).
func zoneName(loc *time.Location) string {
	if loc == nil || loc == time.UTC {
		return ""
	}
	if _, err := time.LoadLocation(loc.String()); err != nil {
		return ""
	}
	return loc.String()
}
