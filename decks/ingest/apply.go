package ingest

import (
	"path/filepath"
	"slices"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// applier writes read files into the collection inside one transaction.
type applier struct {
	tx   *store.Tx
	cfg  Config
	rep  *Report
	seen map[string]bool // files this run's walk found

	gone  gonePool              // files read before and now missing
	loose map[string][]cards.ID // root-relative path -> cards no file claims
	// owners caches file records looked up to tell whether a card belongs
	// to another file that is still there.
	owners map[string]owner
	// pending are the cards to orphan at the end, unless a file took them
	// meanwhile (a card that moved to a file read later is not orphaned on
	// the way).
	pending []pendingOrphan
	// why says, for an old card reconcile will not find, a more precise
	// reason than "its text is gone" (set by keepStudiedGenerated).
	why map[cards.ID]orphanReason
	// movedIn maps a card held by another live file to the new card made
	// for the same text in a file applied before that one.
	movedIn map[cards.ID]movedIn
}

type movedIn struct {
	id   cards.ID
	path string
	file int // index of its FileReport
}

type owner struct {
	cards []cards.ID
	alive bool // the record exists and its file is there
}

type pendingOrphan struct {
	id     cards.ID
	path   string
	reason orphanReason
}

func newApplier(tx *store.Tx, cfg Config, rep *Report, seen map[string]bool) *applier {
	return &applier{tx: tx, cfg: cfg, rep: rep, seen: seen, owners: map[string]owner{},
		why: map[cards.ID]orphanReason{}, movedIn: map[cards.ID]movedIn{}}
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
	for i := range fresh {
		fresh[i].Source.Root = j.root
	}
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
	status, stored, err := a.previous(j, fresh)
	if err != nil {
		return err
	}
	from := ""
	if status == StatusRenamed {
		from = stored.Path
	}
	var old []cards.ID
	var extra []cards.Card
	if stored != nil {
		old = a.gone.untaken(stored.Cards)
	} else {
		var err error
		if extra, err = a.looseFor(j); err != nil {
			return err
		}
	}
	if a.cfg.SuggestBelow > 0 {
		if fresh, err = a.suggest(j.f.path, append(slices.Clip(old), ids(extra)...), fresh); err != nil {
			return err
		}
		if from != "" && from != j.f.path {
			if err := a.dropSuggestions(from, nil); err != nil {
				return err
			}
		}
	}
	// After suggest: studied generated cards are kept whatever their confidence.
	fresh, err = a.keepStudiedGenerated(j, old, fresh)
	if err != nil {
		return err
	}
	final, err := a.reconcile(j, old, extra, fresh)
	if err != nil {
		return err
	}
	ids := make([]cards.ID, len(final))
	generated := 0
	for i := range final {
		ids[i] = final[i].ID
		if final[i].Origin != "" {
			generated++
		}
	}
	a.rep.Cards += len(final)
	fr := FileReport{Path: j.f.path, Status: status, From: from, Warnings: j.res.Warnings}
	if a.cfg.KeepCards {
		fr.Cards = final
	}
	a.rep.Files = append(a.rep.Files, fr)
	delete(a.owners, j.f.path)
	if from != "" && from != j.f.path {
		delete(a.owners, from)
		if err := a.tx.DeleteSource(from); err != nil {
			return err
		}
	}
	return a.tx.PutSource(store.Source{
		Path: j.f.path, Size: j.f.info.Size(), ModTime: j.f.info.ModTime(), Hash: j.hash,
		Cards: ids, Root: j.root, Generated: generated,
	})
}

// previous returns what the collection knew of j's note: its record at
// this path (changed), or the record of a gone file it is a rename of
// (renamed), or nothing (new).
func (a *applier) previous(j *job, fresh []cards.Card) (string, *store.Source, error) {
	if j.stored != nil {
		return StatusChanged, j.stored, nil
	}
	renamed, err := a.renamedFrom(j, fresh)
	if err != nil || renamed == nil {
		return StatusNew, nil, err
	}
	if renamed.Generated > 0 && j.src != nil && j.generated == nil {
		j.generated = generatedCards(j.src, markdown.ReadOptions{Path: j.f.path, Root: j.root,
			Deck: j.added.Deck, Mode: markdown.GenerateAuto, Generators: a.generators()})
	}
	return StatusRenamed, renamed, nil
}

// reconcile matches a file's freshly read cards with the ones stored for
// it (§4): exact ID first, then similar text; unmatched old cards are
// orphaned (at the end of the run) and unmatched fresh ones added. extra
// are candidates found by the file's root-relative path rather than its
// record (a restored collection): matched like old cards, but never
// orphaned from here. It returns the stored cards.
func (a *applier) reconcile(j *job, oldIDs []cards.ID, extra, fresh []cards.Card) ([]cards.Card, error) {
	r := &reconciliation{a: a, j: j, path: j.f.path, rel: filepath.ToSlash(cards.RelTo(j.f.path, j.root)),
		isOld: make(map[cards.ID]bool, len(oldIDs)+len(extra)), used: map[cards.ID]bool{}}
	for _, id := range oldIDs {
		r.isOld[id] = true
	}
	for i := range extra {
		r.isOld[extra[i].ID] = true
	}
	r.keepUndropped(fresh)
	if err := r.matchExact(); err != nil {
		return nil, err
	}
	if err := r.gatherLeftovers(oldIDs, extra); err != nil {
		return nil, err
	}
	r.matchSimilar()
	final, err := r.write()
	if err != nil {
		return nil, err
	}
	r.orphanLeftovers()
	return final, nil
}

// reconciliation is one note's pass of reconcile, in named steps: filter
// dropped cards -> exact ID match -> gather the stored cards left over ->
// similarity match -> write -> orphan what is still left.
type reconciliation struct {
	a         *applier
	j         *job
	path, rel string
	isOld     map[cards.ID]bool // the note's stored cards and the extra candidates

	fresh   []cards.Card          // the note's cards as read now
	finalID map[cards.ID]cards.ID // content ID -> stored ID
	matched []*cards.Card         // the stored card each fresh one updates
	used    map[cards.ID]bool     // stored IDs already matched
	pending []int                 // fresh cards without an exact match
	took    map[int]cards.ID      // fresh card -> the content ID another live file holds

	leftOld []cards.Card // stored cards not matched exactly
	own     int          // leftOld[:own] are this note's cards, the rest extra
}

// keepUndropped keeps the fresh cards a person has not dropped. r.fresh
// may share fresh's array: reconcile changes the cards in place.
func (r *reconciliation) keepUndropped(fresh []cards.Card) {
	keep := keepOnly(fresh, func(c *cards.Card) bool {
		if r.a.tx.IsDropped(c.ID) {
			r.a.rep.Dropped++
			return false
		}
		return true
	})
	r.fresh = keep
	r.finalID = make(map[cards.ID]cards.ID, len(keep))
	r.matched = make([]*cards.Card, len(keep))
}

// matchExact pairs each fresh card with the stored card of the same ID
// when that card is this note's or no live file holds it; an ID a live
// card of another file holds gets a salted one.
func (r *reconciliation) matchExact() error {
	for i := range r.fresh {
		c := &r.fresh[i]
		id := c.ID
		for salt := 0; ; salt++ {
			stored, ok, err := r.a.tx.Card(id)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if !r.used[id] {
				// Same card; or one no live file holds: an orphan, a card of
				// a file gone in this sync, one restored from a backup.
				adopt := r.isOld[id] || stored.Orphaned
				if !adopt {
					adopt = !r.a.claimed(&stored)
				}
				if adopt {
					m := stored // on the heap only when adopted, not per lookup
					r.matched[i] = &m
					r.used[id] = true
					r.a.gone.take(id)
					break
				}
				if salt == 0 {
					if r.took == nil {
						r.took = map[int]cards.ID{}
					}
					r.took[i] = id
				}
			}
			// The ID belongs to a live card of another file (or this file
			// repeats it): derive a distinct ID, stable across machines as
			// it depends on the path below the added folder only.
			id = cards.NewID(c.Kind, c.Question, c.Ord, r.rel+"#"+string(rune('0'+salt)))
		}
		r.finalID[c.ID] = id
		c.ID = id
		if r.matched[i] == nil {
			r.pending = append(r.pending, i)
		}
	}
	return nil
}

// gatherLeftovers reads the stored cards no fresh card matched exactly:
// the note's own (unless orphaned), then the extra candidates no other
// note holds.
func (r *reconciliation) gatherLeftovers(oldIDs []cards.ID, extra []cards.Card) error {
	for _, id := range oldIDs {
		if r.used[id] {
			continue
		}
		stored, ok, err := r.a.tx.Card(id)
		if err != nil {
			return err
		}
		if ok && !stored.Orphaned {
			r.leftOld = append(r.leftOld, stored)
		}
	}
	r.own = len(r.leftOld)
	for i := range extra {
		if r.used[extra[i].ID] {
			continue
		}
		stored, ok, err := r.a.tx.Card(extra[i].ID)
		if err != nil {
			return err
		}
		if ok && !r.a.held(&stored) {
			r.leftOld = append(r.leftOld, stored)
		}
	}
	return nil
}

// matchSimilar pairs the left-overs by similarity: an edited card keeps
// its ID and history.
func (r *reconciliation) matchSimilar() {
	if len(r.pending) == 0 || len(r.leftOld) == 0 {
		return
	}
	cands := make([]cards.Card, len(r.pending))
	for k, i := range r.pending {
		cands[k] = r.fresh[i]
	}
	for k, o := range markdown.Reconcile(r.leftOld, cands) {
		i := r.pending[k]
		stored := r.leftOld[o]
		r.matched[i] = &stored
		r.used[stored.ID] = true
		r.a.gone.take(stored.ID)
		for content, id := range r.finalID {
			if id == r.fresh[i].ID {
				r.finalID[content] = stored.ID
			}
		}
		r.fresh[i].ID = stored.ID
	}
}

// write stores every fresh card: a matched one updates its stored card
// (keeping a person's rewording), an unmatched one is new at the next
// positions.
func (r *reconciliation) write() ([]cards.Card, error) {
	var newCount int
	for i := range r.fresh {
		if r.matched[i] == nil {
			newCount++
		}
	}
	var pos uint64
	if newCount > 0 {
		var err error
		if pos, err = r.a.tx.NextPositions(newCount); err != nil {
			return nil, err
		}
	}
	final := r.fresh // each card is read before its slot is written
	for i := range r.fresh {
		c := r.fresh[i]
		if id, ok := r.finalID[c.Note]; ok {
			c.Note = id
		}
		if m := r.matched[i]; m != nil {
			c = r.update(*m, c)
		} else {
			c.Position = pos
			pos++
			r.addNew(i, &c)
		}
		if err := r.a.tx.PutCard(&c); err != nil {
			return nil, err
		}
		final[i] = c
	}
	return final, nil
}

// update returns stored with the fresh card's text and place, counting it
// as updated or unchanged.
func (r *reconciliation) update(updated, c cards.Card) cards.Card {
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
		updated.Modified = r.a.cfg.Now
		r.a.rep.Updated++
	} else {
		r.a.rep.Unchanged++
	}
	return updated
}

// addNew readies fresh card i as a new card.
func (r *reconciliation) addNew(i int, c *cards.Card) {
	now := r.a.cfg.Now
	c.Added, c.Modified = now, now
	if c.Schedule.State == cards.StateNew {
		c.Schedule = cards.Schedule{}
	}
	r.a.rep.New++
	if x, ok := r.took[i]; ok {
		// Maybe moved here from a note read later in this run: if that
		// note lets go of x, finish merges the two.
		r.a.movedIn[x] = movedIn{id: c.ID, path: r.path, file: len(r.a.rep.Files)}
	}
}

// orphanLeftovers queues the note's stored cards still unmatched to be
// orphaned at the end of the run, each with its reason.
func (r *reconciliation) orphanLeftovers() {
	for _, o := range r.leftOld[:r.own] {
		if r.used[o.ID] {
			continue
		}
		reason, ok := r.a.why[o.ID]
		if !ok {
			reason = textGone
			if o.Origin != "" && r.j.added.Generate == markdown.GenerateOff {
				reason = generateOff
			}
		}
		r.a.pending = append(r.a.pending, pendingOrphan{id: o.ID, path: r.path, reason: reason})
	}
}

// studied reports whether a person has put work into a card: answered it,
// or reworded it.
func studied(c *cards.Card) bool {
	return c.Schedule.Reps > 0 || c.Schedule.State != cards.StateNew || c.Edited
}

// keepStudiedGenerated applies the rule for a note in auto mode that gains
// explicit cards: auto no longer generates from its prose, but generated
// cards that were studied stay, as long as the rules still make them from
// the note (j.generated); the others are orphaned, and say why.
func (a *applier) keepStudiedGenerated(j *job, oldIDs []cards.ID, fresh []cards.Card) ([]cards.Card, error) {
	if len(j.generated) == 0 {
		return fresh, nil
	}
	var olds []cards.Card
	for _, id := range oldIDs {
		c, ok, err := a.tx.Card(id)
		if err != nil {
			return nil, err
		}
		if ok && c.Origin != "" && !c.Orphaned {
			olds = append(olds, c)
		}
	}
	if len(olds) == 0 {
		return fresh, nil
	}
	cands := j.generated
	pairs := map[int]int{} // candidate -> old
	byID := make(map[cards.ID]int, len(cands))
	for i := range cands {
		byID[cands[i].ID] = i
	}
	var restOld []int
	for oi := range olds {
		if ci, ok := byID[olds[oi].ID]; ok {
			pairs[ci] = oi
		} else {
			restOld = append(restOld, oi)
		}
	}
	var restCand []int
	for ci := range cands {
		if _, ok := pairs[ci]; !ok {
			restCand = append(restCand, ci)
		}
	}
	if len(restOld) > 0 && len(restCand) > 0 {
		o := make([]cards.Card, len(restOld))
		for k, oi := range restOld {
			o[k] = olds[oi]
		}
		c := make([]cards.Card, len(restCand))
		for k, ci := range restCand {
			c[k] = cands[ci]
		}
		for fk, ok := range markdown.Reconcile(o, c) {
			pairs[restCand[fk]] = restOld[ok]
		}
	}
	for ci, oi := range pairs {
		if studied(&olds[oi]) {
			c := cands[ci]
			c.Source.Root = j.root
			fresh = append(fresh, c)
		} else {
			a.why[olds[oi].ID] = autoExplicit
		}
	}
	return fresh, nil
}

// claimed reports whether c belongs to a note file that is still there and
// still lists it. Cards not read from a note (imported from Anki) count
// as claimed: a note never takes them over.
func (a *applier) claimed(c *cards.Card) bool {
	p := c.Source.Path
	if p == "" {
		return true
	}
	if a.gone.has(p) {
		return false
	}
	o := a.owner(p)
	return o.alive && slices.Contains(o.cards, c.ID)
}

// held reports whether the record of the file c was last read from lists
// it: true once a file of this run took it, false for a card its file let
// go of, or whose file is gone (the gone files' records are deleted before
// finish orphans anything).
func (a *applier) held(c *cards.Card) bool {
	return slices.Contains(a.owner(c.Source.Path).cards, c.ID)
}

// owner returns the (cached) record of the file at path.
func (a *applier) owner(path string) owner {
	o, ok := a.owners[path]
	if !ok {
		rec, found, err := a.tx.Source(path)
		o = owner{cards: rec.Cards, alive: err == nil && found && (a.seen[path] || exists(path))}
		a.owners[path] = o
	}
	return o
}

// finish orphans what the run left behind: the cards of files that are
// gone and were not renamed, and cards whose text left their note, unless
// another file took them meanwhile.
func (a *applier) finish() error {
	for i := range a.gone.srcs {
		s := &a.gone.srcs[i]
		if a.gone.consumed[i] || !a.gone.inScope[i] {
			continue
		}
		for _, id := range a.gone.untaken(s.Cards) {
			a.pending = append(a.pending, pendingOrphan{id: id, path: s.Path, reason: noteDeleted})
		}
		if err := a.dropSuggestions(s.Path, nil); err != nil {
			return err
		}
		if err := a.tx.DeleteSource(s.Path); err != nil {
			return err
		}
		delete(a.owners, s.Path)
		a.rep.Files = append(a.rep.Files, FileReport{Path: s.Path, Status: StatusDeleted})
	}
	for _, p := range a.pending {
		c, ok, err := a.tx.Card(p.id)
		if err != nil {
			return err
		}
		if !ok || c.Orphaned || a.held(&c) {
			continue
		}
		if m, ok := a.movedIn[p.id]; ok {
			if err := a.merge(c, m); err != nil {
				return err
			}
			continue
		}
		c.Orphaned = true
		c.Modified = a.cfg.Now
		a.rep.Orphaned++
		a.rep.Orphans = append(a.rep.Orphans, newOrphan(&c, p.path, p.reason))
		if err := a.tx.PutCard(&c); err != nil {
			return err
		}
	}
	return nil
}

// merge finishes a card's move between two notes of one run when the note
// it moved to was applied first: that note got a new card for the text
// (m), since the old one was still held; the old one (c) now takes the new
// one's place, with its ID and history.
func (a *applier) merge(c cards.Card, m movedIn) error {
	moved, ok, err := a.tx.Card(m.id)
	if err != nil || !ok {
		return err
	}
	rec, ok, err := a.tx.Source(m.path)
	if err != nil || !ok {
		return err
	}
	for k, id := range rec.Cards {
		if id == m.id {
			rec.Cards[k] = c.ID
			continue
		}
		sib, ok, err := a.tx.Card(id)
		if err != nil {
			return err
		}
		if ok && sib.Note == m.id {
			sib.Note = c.ID
			if err := a.tx.PutCard(&sib); err != nil {
				return err
			}
		}
	}
	note := moved.Note
	if note == m.id {
		note = c.ID
	}
	c.Kind, c.Note, c.Deck, c.Edited = moved.Kind, note, moved.Deck, moved.Edited
	c.Question, c.Answer, c.Text, c.Ord = moved.Question, moved.Answer, moved.Text, moved.Ord
	c.Tags, c.Context, c.Source, c.Origin = moved.Tags, moved.Context, moved.Source, moved.Origin
	c.Orphaned, c.Modified = false, a.cfg.Now
	if err := a.tx.DeleteCard(m.id); err != nil {
		return err
	}
	if err := a.tx.PutCard(&c); err != nil {
		return err
	}
	a.rep.New--
	a.rep.Updated++
	if fr := &a.rep.Files[m.file]; fr.Path == m.path {
		for k := range fr.Cards {
			if fr.Cards[k].ID == m.id {
				fr.Cards[k] = c
			}
		}
	}
	return a.tx.PutSource(rec)
}

// generators are the ones auto mode runs.
func (a *applier) generators() []markdown.Generator {
	if a.cfg.Generators == nil {
		return nil
	}
	return a.cfg.Generators(markdown.GenerateAuto)
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
	if err := a.keepEdited(old, fresh, isOld); err != nil {
		return nil, err
	}
	still := map[cards.ID]bool{}
	var err error
	keep := keepOnly(fresh, func(c *cards.Card) bool {
		if a.cfg.Review != nil || c.Origin == "" || c.Confidence >= a.cfg.SuggestBelow || isOld[c.ID] {
			return true
		}
		if err != nil || a.tx.IsDropped(c.ID) {
			return false // rejected before
		}
		if err = a.tx.PutSuggestion(*c); err == nil {
			still[c.ID] = true
			a.rep.Suggested++
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	return keep, a.dropSuggestions(path, still)
}

// keepOnly returns the cards of cs that keep accepts, in order: cs itself
// when it accepts all of them (the common case, and no copy of a note's
// cards), else a new slice. keep sees every card once.
func keepOnly(cs []cards.Card, keep func(c *cards.Card) bool) []cards.Card {
	for i := range cs {
		if keep(&cs[i]) {
			continue
		}
		out := make([]cards.Card, i, len(cs)-1)
		copy(out, cs[:i])
		for j := i + 1; j < len(cs); j++ {
			if keep(&cs[j]) {
				out = append(out, cs[j])
			}
		}
		return out
	}
	return cs
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

func ids(cs []cards.Card) []cards.ID {
	out := make([]cards.ID, len(cs))
	for i := range cs {
		out[i] = cs[i].ID
	}
	return out
}

// keepEdited marks in isOld the unsure generated cards that are edits of
// cards already in the collection (paired by similarity, as reconcile will
// pair them): an accepted or studied card whose prose changed a little
// stays a card instead of turning back into a suggestion and leaving its
// history orphaned.
func (a *applier) keepEdited(old []cards.ID, fresh []cards.Card, isOld map[cards.ID]bool) error {
	var unsure []int
	for i := range fresh {
		c := &fresh[i]
		if c.Origin != "" && c.Confidence < a.cfg.SuggestBelow && !isOld[c.ID] {
			unsure = append(unsure, i)
		}
	}
	if len(unsure) == 0 {
		return nil
	}
	matched := make(map[cards.ID]bool, len(fresh))
	for i := range fresh {
		matched[fresh[i].ID] = true
	}
	var olds []cards.Card
	for _, id := range old {
		if matched[id] {
			continue
		}
		c, ok, err := a.tx.Card(id)
		if err != nil {
			return err
		}
		if ok && !c.Orphaned {
			olds = append(olds, c)
		}
	}
	if len(olds) == 0 {
		return nil
	}
	cands := make([]cards.Card, len(unsure))
	for k, i := range unsure {
		cands[k] = fresh[i]
	}
	for k := range markdown.Reconcile(olds, cands) {
		isOld[cands[k].ID] = true
	}
	return nil
}
