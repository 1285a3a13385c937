package ingest

import (
	"slices"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// applier writes read files into the collection inside one transaction.
type applier struct {
	tx  *store.Tx
	cfg Config
	rep *Report
}

func (a *applier) apply(j *job) error {
	a.rep.FilesSeen++
	if j.err != nil {
		a.rep.Skipped = append(a.rep.Skipped, Skip{Path: j.f.path, Reason: j.err.Error()})
		return nil
	}
	if j.unchanged {
		a.rep.FilesUnchanged++
		if j.stored != nil && !j.stored.ModTime.Equal(j.f.info.ModTime()) {
			// Same content, new mtime (touched, or checked out again): remember
			// the new mtime so the next sync skips it by stat alone.
			s := *j.stored
			s.ModTime = j.f.info.ModTime()
			return a.tx.PutSource(s)
		}
		return nil
	}
	fresh := j.res.Cards
	if a.cfg.Review != nil {
		kept, rejected, err := a.cfg.Review(j.f.path, fresh)
		if err != nil {
			return err
		}
		for _, r := range rejected {
			if err := a.tx.PutDrop(store.Drop{ID: r.ID, Question: r.Question, Source: j.f.path, Time: a.cfg.Now}); err != nil {
				return err
			}
		}
		fresh = kept
	}
	status := StatusNew
	var old []cards.ID
	if j.stored != nil {
		status = StatusChanged
		old = j.stored.Cards
	}
	if a.cfg.SuggestBelow > 0 {
		var err error
		if fresh, err = a.suggest(j.f.path, old, fresh); err != nil {
			return err
		}
	}
	final, err := a.reconcile(j.f.path, old, fresh)
	if err != nil {
		return err
	}
	ids := make([]cards.ID, len(final))
	for i := range final {
		ids[i] = final[i].ID
	}
	a.rep.Cards += len(final)
	fr := FileReport{Path: j.f.path, Status: status, Warnings: j.res.Warnings}
	if a.cfg.KeepCards {
		fr.Cards = final
	}
	a.rep.Files = append(a.rep.Files, fr)
	root := j.f.root
	return a.tx.PutSource(store.Source{
		Path: j.f.path, Size: j.f.info.Size(), ModTime: j.f.info.ModTime(), Hash: j.hash,
		Cards: ids, Root: root,
	})
}

// reconcile matches a file's freshly read cards with the ones stored for
// it (§4): exact ID first, then similar text; unmatched old cards are
// orphaned and unmatched fresh ones added. It returns the stored cards.
func (a *applier) reconcile(path string, oldIDs []cards.ID, fresh []cards.Card) ([]cards.Card, error) {
	isOld := make(map[cards.ID]bool, len(oldIDs))
	for _, id := range oldIDs {
		isOld[id] = true
	}
	keep := fresh[:0:0]
	for _, c := range fresh {
		if a.tx.IsDropped(c.ID) {
			a.rep.Dropped++
			continue
		}
		keep = append(keep, c)
	}
	fresh = keep
	final := make([]cards.Card, len(fresh))
	finalID := make(map[cards.ID]cards.ID, len(fresh)) // content ID -> stored ID
	matched := make([]*cards.Card, len(fresh))         // the stored card each fresh one updates
	used := map[cards.ID]bool{}
	var pending []int // fresh cards without an exact match
	for i := range fresh {
		c := &fresh[i]
		id := c.ID
		for salt := 0; ; salt++ {
			stored, ok, err := a.tx.Card(id)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			if !used[id] && (isOld[id] || stored.Orphaned) {
				// Same card; or an orphan adopted back (moved between files).
				matched[i] = &stored
				used[id] = true
				break
			}
			// The ID belongs to a live card of another file (or this file
			// repeats it): derive a distinct, still stable ID.
			id = cards.NewID(c.Kind, c.Question, c.Ord, path+"#"+string(rune('0'+salt)))
		}
		finalID[c.ID] = id
		c.ID = id
		if matched[i] == nil {
			pending = append(pending, i)
		}
	}
	// Pair the left-overs by similarity: an edited card keeps its history.
	var leftOld []cards.Card
	for _, id := range oldIDs {
		if used[id] {
			continue
		}
		stored, ok, err := a.tx.Card(id)
		if err != nil {
			return nil, err
		}
		if ok && !stored.Orphaned {
			leftOld = append(leftOld, stored)
		}
	}
	if len(pending) > 0 && len(leftOld) > 0 {
		cands := make([]cards.Card, len(pending))
		for k, i := range pending {
			cands[k] = fresh[i]
		}
		for k, o := range markdown.Reconcile(leftOld, cands) {
			i := pending[k]
			stored := leftOld[o]
			matched[i] = &stored
			used[stored.ID] = true
			for content, id := range finalID {
				if id == fresh[i].ID {
					finalID[content] = stored.ID
				}
			}
			fresh[i].ID = stored.ID
		}
	}
	var newCount int
	for i := range fresh {
		if matched[i] == nil {
			newCount++
		}
	}
	var pos uint64
	if newCount > 0 {
		var err error
		if pos, err = a.tx.NextPositions(newCount); err != nil {
			return nil, err
		}
	}
	now := a.cfg.Now
	for i := range fresh {
		c := fresh[i]
		if id, ok := finalID[c.Note]; ok {
			c.Note = id
		}
		if m := matched[i]; m != nil {
			updated := *m
			changed := updated.Question != c.Question || updated.Answer != c.Answer ||
				updated.Text != c.Text || updated.Deck != c.Deck || updated.Kind != c.Kind ||
				!slices.Equal(updated.Tags, c.Tags) || !slices.Equal(updated.Context, c.Context) ||
				updated.Orphaned
			if updated.Edited && !c.Edited {
				// A person reworded this generated card: keep their words.
				c.Question, c.Answer, c.Edited = updated.Question, updated.Answer, true
				changed = updated.Deck != c.Deck || !slices.Equal(updated.Tags, c.Tags) ||
					!slices.Equal(updated.Context, c.Context) || updated.Orphaned
			}
			updated.Kind, updated.Note, updated.Deck, updated.Edited = c.Kind, c.Note, c.Deck, c.Edited
			updated.Question, updated.Answer, updated.Text, updated.Ord = c.Question, c.Answer, c.Text, c.Ord
			updated.Tags, updated.Context, updated.Source, updated.Origin = c.Tags, c.Context, c.Source, c.Origin
			updated.Orphaned = false
			if changed {
				updated.Modified = now
				a.rep.Updated++
			} else {
				a.rep.Unchanged++
			}
			c = updated
		} else {
			c.Position = pos
			pos++
			c.Added, c.Modified = now, now
			if c.Schedule.State == cards.StateNew {
				c.Schedule = cards.Schedule{}
			}
			a.rep.New++
		}
		if err := a.tx.PutCard(&c); err != nil {
			return nil, err
		}
		final[i] = c
	}
	for _, o := range leftOld {
		if used[o.ID] {
			continue
		}
		if err := a.orphan(o); err != nil {
			return nil, err
		}
	}
	return final, nil
}

func (a *applier) orphan(c cards.Card) error {
	if c.Orphaned {
		return nil
	}
	c.Orphaned = true
	c.Modified = a.cfg.Now
	a.rep.Orphaned++
	return a.tx.PutCard(&c)
}

// orphanAll orphans every card of a file that is gone.
func (a *applier) orphanAll(s *store.Source) error {
	for _, id := range s.Cards {
		c, ok, err := a.tx.Card(id)
		if err != nil {
			return err
		}
		if ok {
			if err := a.orphan(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// suggest stores the generated cards of a file whose confidence is below
// cfg.SuggestBelow as pending suggestions and returns the cards to add.
// A card already in the collection (accepted before) stays a card; in an
// interactive add the user has decided on every card, so none is held
// back. Suggestions the note no longer yields are forgotten.
func (a *applier) suggest(path string, old []cards.ID, fresh []cards.Card) ([]cards.Card, error) {
	isOld := make(map[cards.ID]bool, len(old))
	for _, id := range old {
		isOld[id] = true
	}
	keep := fresh[:0:0]
	still := map[cards.ID]bool{}
	for _, c := range fresh {
		if a.cfg.Review != nil || c.Origin == "" || c.Confidence >= a.cfg.SuggestBelow || isOld[c.ID] {
			keep = append(keep, c)
			continue
		}
		if a.tx.IsDropped(c.ID) {
			continue // rejected before
		}
		if err := a.tx.PutSuggestion(c); err != nil {
			return nil, err
		}
		still[c.ID] = true
		a.rep.Suggested++
	}
	return keep, a.dropSuggestions(path, still)
}

// dropSuggestions forgets the suggestions of a note except those in keep.
func (a *applier) dropSuggestions(path string, keep map[cards.ID]bool) error {
	pending, err := a.tx.SuggestionsOf(path)
	if err != nil {
		return err
	}
	for _, p := range pending {
		if !keep[p.ID] {
			if err := a.tx.DeleteSuggestion(path, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
