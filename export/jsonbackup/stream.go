package jsonbackup

import (
	"context"
	"io"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// WriteFrom writes the backup of deck (everything when empty, orphaned and
// suspended cards too) straight from src, card by card and review by
// review: memory does not grow with the collection. It checks ctx every
// 1,024 cards and 4,096 reviews, and returns how many of each it wrote.
func WriteFrom(ctx context.Context, src export.Source, deck string, now time.Time, w io.Writer) (nc, nr int, err error) {
	col := export.Collection{Now: now}
	if err := export.GatherSettings(src, &col); err != nil {
		return 0, 0, err
	}
	enc, err := NewEncoder(w, HeaderOf(&col))
	if err != nil {
		return 0, 0, err
	}
	in := map[cards.ID]struct{}{}
	err = src.ForEachCard(func(cd *cards.Card) error {
		if !export.InDeck(cd.Deck, deck) {
			return nil
		}
		in[cd.ID] = struct{}{}
		if nc++; nc%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if nc%4096 == 0 {
			src.ReleaseMapped()
		}
		return enc.Card(cd)
	})
	if err != nil {
		return nc, nr, err
	}
	err = src.ReviewsSince(time.Time{}, func(r cards.Review) error {
		if _, ok := in[r.CardID]; !ok {
			return nil
		}
		if nr++; nr%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if nr%16384 == 0 {
			src.ReleaseMapped()
		}
		return enc.Review(&r)
	})
	if err != nil {
		return nc, nr, err
	}
	return nc, nr, enc.Close()
}

// Merge streams the backup r holds into im, element by element. Every
// 1,024 elements it checks ctx and calls progress (when set) with the
// bytes read so far.
func Merge(ctx context.Context, r io.Reader, im *export.Importer, progress func(read int64)) error {
	cr := &countingReader{r: r}
	n := 0
	step := func() error {
		if n++; n%1024 == 0 {
			if progress != nil {
				progress(cr.n)
			}
			return ctx.Err()
		}
		return nil
	}
	return Decode(cr, Handler{
		Header: func(h Header, _ *time.Location) error {
			return im.Header(h.DeckOptions, h.Created, h.TimeZone, h.RolloverHour)
		},
		Card: func(c cards.Card) error {
			if err := im.Card(c); err != nil {
				return err
			}
			return step()
		},
		Review: func(r cards.Review) error {
			if err := im.Review(r); err != nil {
				return err
			}
			return step()
		},
	})
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
