package anki

import (
	"archive/zip"
	"cmp"
	"compress/flate"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

// Options tune Export.
type Options struct {
	// Scheduling writes each card's schedule, FSRS memory state and review
	// log. When false every card is exported as new and without history.
	// Either way, people must tick "Import any learning progress" in
	// Anki's import dialog for scheduling to be kept.
	Scheduling bool
	// MediaDir returns the folder a card's relative image paths are
	// resolved against; nil means the folder of the card's Source.Path.
	MediaDir func(c *cards.Card) string
	// Progress, when set, is called now and then with the number of cards
	// and reviews written so far and the total.
	Progress func(done, total int)
	// TempDir is where the SQLite file is built; empty means os.TempDir.
	TempDir string
}

// maxNewDue is the largest new-queue position Anki leaves alone.
const maxNewDue = 999_999

// ErrNoClock is returned when the collection carries no Now.
var ErrNoClock = errors.New("export: the collection has no clock (Collection.Now is zero)")

// ankiNote is one note as written to the package.
type ankiNote struct {
	note   *export.Note
	id     int64
	mid    int64
	guid   string
	fields []string
	tags   string
	mod    int64
}

// ankiCard is one card row.
type ankiCard struct {
	card               *cards.Card
	id, nid, did       int64
	ord                int
	typ, queue         int64
	due, ivl, factor   int64
	reps, lapses, left int64
	mod                int64
	data               string
}

type exporter struct {
	retentions map[string]float64 // deck -> resolved retention
	col        *export.Collection
	opts       Options
	clock      dayClock
	nowMS      int64
	warnings   []string
	media      *mediaSet
}

// retention is deck's resolved desired retention, computed once per deck.
func (e *exporter) retention(deck string) float64 {
	if r, ok := e.retentions[deck]; ok {
		return r
	}
	if e.retentions == nil {
		e.retentions = map[string]float64{}
	}
	r := decks.Resolve(deck, e.col.Options).Retention
	e.retentions[deck] = r
	return r
}

func (e *exporter) warnf(format string, args ...any) {
	e.warnings = append(e.warnings, fmt.Sprintf(format, args...))
}

// WriteFile exports col to the .apkg file at path, replacing it only once
// the package is complete.
func WriteFile(path string, col export.Collection, opts Options) (warnings []string, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".mnemo-export-*.apkg")
	if err != nil {
		return nil, fmt.Errorf("create export file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	warnings, err = Export(f, col, opts)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", path, cerr)
	}
	if err != nil {
		return warnings, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return warnings, fmt.Errorf("write %s: %w", path, err)
	}
	return warnings, nil
}

// Export writes col as a legacy Anki package (collection.anki2, schema 11,
// plus media) to w. warnings lists what was left out or changed (missing
// images, reviews in the future, split notes); err is set only when no
// usable package could be written.
func Export(w io.Writer, col export.Collection, opts Options) (warnings []string, err error) {
	if col.Now.IsZero() {
		return nil, ErrNoClock
	}
	e := &exporter{col: &col, opts: opts, nowMS: col.Now.UnixMilli(), media: newMediaSet()}
	seen := make(map[cards.ID]bool, len(col.Cards))
	for i := range col.Cards {
		id := col.Cards[i].ID
		if id == "" {
			return nil, fmt.Errorf("export: card %d has no ID", i)
		}
		if seen[id] {
			return nil, fmt.Errorf("export: card ID %s appears twice", id)
		}
		seen[id] = true
	}
	e.clock = newDayClock(col.Zone(), col.Rollover(), e.base())

	tmp, err := os.CreateTemp(opts.TempDir, "mnemo-apkg-*.anki2")
	if err != nil {
		return nil, fmt.Errorf("create temporary collection: %w", err)
	}
	tmpPath := tmp.Name()
	_ = tmp.Close()
	defer os.Remove(tmpPath)
	defer os.Remove(tmpPath + "-journal")

	if err := e.buildCollection(tmpPath); err != nil {
		return e.warnings, err
	}
	if err := e.writeZip(w, tmpPath); err != nil {
		return e.warnings, err
	}
	return e.warnings, nil
}

// base is the moment the collection's day 0 is taken from: Created, else
// the earliest card or review, else now; never after now.
func (e *exporter) base() time.Time {
	b := e.col.Created
	if b.IsZero() {
		for i := range e.col.Cards {
			if a := e.col.Cards[i].Added; !a.IsZero() && (b.IsZero() || a.Before(b)) {
				b = a
			}
		}
		for i := range e.col.Reviews {
			if t := e.col.Reviews[i].Time; !t.IsZero() && (b.IsZero() || t.Before(b)) {
				b = t
			}
		}
	}
	if b.IsZero() || b.After(e.col.Now) {
		b = e.col.Now
	}
	return b
}

func (e *exporter) progress(done, total int) {
	if e.opts.Progress != nil {
		e.opts.Progress(done, total)
	}
}

// buildCollection writes the schema-11 database at path.
func (e *exporter) buildCollection(path string) (err error) {
	col := e.col
	notes, split := export.GroupNotes(col.Cards)
	for _, id := range split {
		e.warnf("card %s could not share a note with its siblings; exported as a note of its own", id)
	}
	anotes, acards, err := e.prepare(notes)
	if err != nil {
		return err
	}
	deckJSON, dconfJSON, deckIDs := e.decksAndPresets()
	for _, c := range acards {
		c.did = deckIDs[deckName(c.card)]
	}
	revs := e.revlog(acards)

	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("open temporary collection: %w", err)
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close temporary collection: %w", cerr)
		}
	}()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open temporary collection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return errDriver
		}
		return e.writeRows(ctx, c, anotes, acards, revs, deckJSON, dconfJSON)
	})
}

// writeRows fills the database through the driver connection c, in one
// transaction.
func (e *exporter) writeRows(ctx context.Context, c driver.Conn, anotes []*ankiNote, acards []*ankiCard, revs []revRow,
	deckJSON, dconfJSON string) (err error) {
	col := e.col
	for _, p := range []string{"PRAGMA journal_mode=DELETE", "PRAGMA synchronous=OFF", "PRAGMA temp_store=MEMORY",
		"PRAGMA cache_size=-16384", schema11, "BEGIN"} {
		if err := execDriver(ctx, c, p); err != nil {
			return fmt.Errorf("set up temporary collection: %w", err)
		}
	}
	defer func() {
		if err != nil {
			_ = execDriver(ctx, c, "ROLLBACK")
		}
	}()
	var nextPos int64 = 1
	for _, c := range acards {
		if c.typ == 0 && c.due >= nextPos {
			nextPos = c.due + 1
		}
	}
	conf := jsonConf{ActiveDecks: []int64{1}, CurDeck: 1, CollapseTime: 1200, EstTimes: true, DueCounts: true,
		NextPos: nextPos, SortType: "noteFld", AddToCur: true, SchedVer: 2, Sched2021: true,
		Rollover: e.clock.rollover, CreationOffset: e.clock.creationOffset()}
	tags := map[string]int{}
	for _, n := range anotes {
		for _, t := range strings.Fields(n.tags) {
			tags[t] = 0
		}
	}
	nowSec := col.Now.Unix()
	colB := newBatcher(ctx, c, "col", "(1,?,?,?,11,0,0,0,?,?,?,?,?)")
	if err := colB.add(e.clock.crt().Unix(), e.nowMS, e.nowMS, marshal(conf), marshal(models(nowSec)), deckJSON, dconfJSON, marshal(tags)); err != nil {
		return fmt.Errorf("write col: %w", err)
	}
	if err := colB.flush(); err != nil {
		return fmt.Errorf("write col: %w", err)
	}

	total := len(acards) + len(revs)
	done := 0
	e.progress(0, total)
	notesB := newBatcher(ctx, c, "notes", "(?,?,?,?,0,?,?,?,?,0,'')")
	for _, n := range anotes {
		sfld := StripHTMLPreservingMediaFilenames(n.fields[0]) // sortf is field 0
		csum := checksumStripped(sfld)
		if err := notesB.add(n.id, n.guid, n.mid, n.mod, n.tags, strings.Join(n.fields, "\x1f"), sfld, int64(csum)); err != nil {
			return fmt.Errorf("write notes: %w", err)
		}
		n.fields = nil // rendered HTML is not needed any more
	}
	if err := notesB.flush(); err != nil {
		return fmt.Errorf("write notes: %w", err)
	}
	cardsB := newBatcher(ctx, c, "cards", "(?,?,?,?,?,0,?,?,?,?,?,?,?,?,0,0,0,?)")
	for _, c := range acards {
		if err := cardsB.add(c.id, c.nid, c.did, int64(c.ord), c.mod, c.typ, c.queue, c.due,
			c.ivl, c.factor, c.reps, c.lapses, c.left, c.data); err != nil {
			return fmt.Errorf("write cards: %w", err)
		}
		done++
		if done%4096 == 0 {
			e.progress(done, total)
		}
	}
	if err := cardsB.flush(); err != nil {
		return fmt.Errorf("write cards: %w", err)
	}
	revB := newBatcher(ctx, c, "revlog", "(?,?,0,?,?,?,?,?,?)")
	for _, r := range revs {
		if err := revB.add(r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.typ); err != nil {
			return fmt.Errorf("write review log: %w", err)
		}
		done++
		if done%4096 == 0 {
			e.progress(done, total)
		}
	}
	if err := revB.flush(); err != nil {
		return fmt.Errorf("write review log: %w", err)
	}
	if err := execDriver(ctx, c, indexes11); err != nil {
		return fmt.Errorf("create indexes: %w", err)
	}
	if err := execDriver(ctx, c, "COMMIT"); err != nil {
		return fmt.Errorf("commit collection: %w", err)
	}
	e.progress(total, total)
	return nil
}

func deckName(c *cards.Card) string {
	if strings.TrimSpace(c.Deck) == "" {
		return DefaultDeckName
	}
	return c.Deck
}

// decksAndPresets builds the decks and dconf JSON: every deck of a card and
// its parents, each with a preset of its own carrying its options, plus
// Anki's Default deck and preset.
func (e *exporter) decksAndPresets() (deckJSON, dconfJSON string, ids map[string]int64) {
	names := map[string]bool{}
	for i := range e.col.Cards {
		for _, d := range decks.Lineage(deckName(&e.col.Cards[i])) {
			names[d] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	mod := e.col.Now.Unix()
	ids = make(map[string]int64, len(sorted))
	used := map[int64]bool{1: true}
	usedPreset := map[int64]bool{1: true}
	deckMap := map[string]jsonDeck{"1": defaultDeck(mod)}
	def := decks.DefaultOptions()
	dconf := map[string]jsonDConf{"1": presetFor(1, "Default", mod, def, nil)}
	for _, name := range sorted {
		id := stableID("deck", name, deckIDBase, idSpan)
		for used[id] {
			id++
		}
		used[id] = true
		ids[name] = id
		pid := stableID("preset", name, presetIDBase, idSpan)
		for usedPreset[pid] {
			pid++
		}
		usedPreset[pid] = true
		own := &decks.Options{}
		if o, ok := e.col.Options[name]; ok {
			own = &o
		}
		dconf[itoa(pid)] = presetFor(pid, "mnemo: "+name, mod, decks.Resolve(name, e.col.Options), own)
		deckMap[itoa(id)] = jsonDeck{ID: id, Name: name, Mod: mod, Conf: pid}
	}
	return marshal(deckMap), marshal(dconf), ids
}

// SourceField is the Source field of a note: where its cards come from,
// then the mnemo note and card IDs (by Anki card ord) that an import
// reads back.
func SourceField(noteID cards.ID, src cards.Source, ids map[int]cards.ID) string {
	var b strings.Builder
	if src.Path != "" {
		b.WriteString(html.EscapeString(src.Path))
		if src.Line > 0 {
			fmt.Fprintf(&b, ":%d", src.Line)
			if src.EndLine > src.Line {
				fmt.Fprintf(&b, "-%d", src.EndLine)
			}
		}
		b.WriteString("<br>")
	}
	b.WriteString(`<span class="mnemo-id">mnemo:note=`)
	b.WriteString(html.EscapeString(string(noteID)))
	ords := make([]int, 0, len(ids))
	for o := range ids {
		ords = append(ords, o)
	}
	sort.Ints(ords)
	for _, o := range ords {
		fmt.Fprintf(&b, ";%d=%s", o, html.EscapeString(string(ids[o])))
	}
	b.WriteString("</span>")
	return b.String()
}

// cleanTags turns card tags into Anki's " a b " form: whitespace inside a
// tag becomes '_', duplicates are dropped.
func cleanTags(cs []*cards.Card) string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		for _, t := range c.Tags {
			t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == '\n' || r == '\r' }), "_")
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " " + strings.Join(out, " ") + " "
}

// imageFunc resolves a card's images into package media.
func (e *exporter) imageFunc(c *cards.Card) ImageFunc {
	return func(dest string) (string, bool) {
		if isRemote(dest) {
			return dest, true
		}
		dir := filepath.Dir(c.Source.Path)
		if e.opts.MediaDir != nil {
			dir = e.opts.MediaDir(c)
		}
		p := localPath(dir, dest)
		name, ok, err := e.media.add(p)
		if !ok {
			if !e.media.missing[p] {
				e.media.missing[p] = true
				e.warnf("%s:%d: image %q cannot be read (%v); left out of card %s", c.Source.Path, c.Source.Line, dest, errText(err), c.ID)
			}
			return "", false
		}
		return name, true
	}
}

func errText(err error) string {
	if err == nil {
		return "already missing"
	}
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}

// prepare renders every note and computes the rows of notes and cards.
func (e *exporter) prepare(notes []export.Note) ([]*ankiNote, []*ankiCard, error) {
	col := e.col
	anotes := make([]*ankiNote, 0, len(notes))
	var acards []*ankiCard
	for i := range notes {
		n := &notes[i]
		fwd := n.Forward()
		an := &ankiNote{note: n, guid: NoteGUID(string(n.ID)), tags: cleanTags(n.Cards)}
		img := e.imageFunc(fwd)
		md := func(s string) (string, error) {
			h, err := MarkdownToHTML(s, img)
			if err != nil {
				return "", fmt.Errorf("render card %s: %w", fwd.ID, err)
			}
			return h, nil
		}
		var front, back string
		var err error
		ordOf := map[int]cards.ID{}
		ords := make([]int, len(n.Cards))
		switch n.Kind {
		case export.NoteBasic, export.NoteReversed:
			an.mid = BasicModelID
			if n.Kind == export.NoteReversed {
				an.mid = ReversedModelID
			}
			q, a := fwd.Question, fwd.Answer
			if fwd.Kind == cards.KindReversed {
				q, a = a, q
			}
			if front, err = md(q); err != nil {
				return nil, nil, err
			}
			if back, err = md(a); err != nil {
				return nil, nil, err
			}
			for j, c := range n.Cards {
				if c.Kind == cards.KindReversed {
					ords[j] = 1
				}
			}
		case export.NoteCloze:
			an.mid = ClozeModelID
			txt := fwd.Text
			if txt == "" {
				e.warnf("cloze card %s has no Text; its question is exported instead", fwd.ID)
				txt = fwd.Question
			}
			if front, err = md(txt); err != nil {
				return nil, nil, err
			}
			nums := ClozeNumbers(txt)
			for j, c := range n.Cards {
				if c.Text != "" && c.Text != fwd.Text {
					e.warnf("cloze card %s has a different text than its sibling %s; the sibling's is used", c.ID, fwd.ID)
				}
				o := c.Ord
				if o < 1 {
					e.warnf("cloze card %s has ord %d; exported as c1", c.ID, o)
					o = 1
				}
				if !slices.Contains(nums, o) {
					e.warnf("cloze card %s: the text has no {{c%d::...}}; Anki will show it as an empty card", c.ID, o)
				}
				ords[j] = o - 1
			}
		}
		for j, c := range n.Cards {
			ordOf[ords[j]] = c.ID
		}
		// the Source field keeps Card.Note even for a card split off its group
		an.fields = []string{front, back, html.EscapeString(fwd.ContextString()), SourceField(fwd.Note, fwd.Source, ordOf)}
		for _, f := range an.fields {
			if strings.ContainsRune(f, '\x1f') {
				return nil, nil, fmt.Errorf("card %s contains the control character U+001F", fwd.ID)
			}
		}
		for j, c := range n.Cards {
			ac := &ankiCard{card: c, ord: ords[j]}
			acards = append(acards, ac)
			if m := c.Modified.Unix(); !c.Modified.IsZero() && m > an.mod {
				an.mod = m
			}
		}
		if an.mod == 0 || an.mod > col.Now.Unix() {
			an.mod = col.Now.Unix()
		}
		anotes = append(anotes, an)
	}
	// ids: creation times in ms, unique, never in the future
	crtMS := e.clock.crt().UnixMilli()
	want := make([]int64, len(anotes))
	for i, an := range anotes {
		want[i] = math.MaxInt64
		for _, c := range an.note.Cards {
			if !c.Added.IsZero() && c.Added.UnixMilli() < want[i] {
				want[i] = c.Added.UnixMilli()
			}
		}
		if want[i] == math.MaxInt64 {
			want[i] = crtMS
		}
	}
	for i, id := range allocIDs(want, e.nowMS) {
		anotes[i].id = id
	}
	cwant := make([]int64, 0, len(acards))
	k := 0
	for _, an := range anotes {
		for range an.note.Cards {
			c := acards[k]
			c.nid = an.id
			if c.card.Added.IsZero() {
				cwant = append(cwant, an.id)
			} else {
				cwant = append(cwant, c.card.Added.UnixMilli())
			}
			k++
		}
	}
	for i, id := range allocIDs(cwant, e.nowMS) {
		acards[i].id = id
	}
	e.schedule(acards)
	return anotes, acards, nil
}

// schedule fills the scheduling columns of every card.
func (e *exporter) schedule(acards []*ankiCard) {
	col := e.col
	nowSec := col.Now.Unix()
	var fresh []*ankiCard
	for _, c := range acards {
		c.mod = nowSec
		if !c.card.Modified.IsZero() && c.card.Modified.Unix() < nowSec {
			c.mod = c.card.Modified.Unix()
		}
		s := c.card.Schedule
		if !e.opts.Scheduling || s.State == cards.StateNew {
			c.typ, c.queue, c.data = 0, 0, "{}"
			fresh = append(fresh, c)
			continue
		}
		e.scheduleSeen(c)
	}
	// new cards: queue positions 1..n in mnemo's introduction order
	sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].card.Position < fresh[j].card.Position })
	for i, c := range fresh {
		c.due = int64(i + 1)
		if c.due > maxNewDue {
			if c.due == maxNewDue+1 {
				e.warnf("more than %d new cards: the rest share the last new-queue position", maxNewDue)
			}
			c.due = maxNewDue
		}
		if e.opts.Scheduling {
			e.suspendOrBury(c)
		}
	}
}

// scheduleSeen fills the columns of a learning, review or relearning card.
func (e *exporter) scheduleSeen(c *ankiCard) {
	s := c.card.Schedule
	retention := e.retention(deckName(c.card))
	c.reps = int64(min(s.Reps, math.MaxInt32))
	c.lapses = int64(min(s.Lapses, math.MaxInt32))
	if c.reps < 1 {
		c.reps = 1 // a seen card has been answered at least once (Mnemosyne refuses reps 0)
	}
	switch s.State {
	case cards.StateReview:
		c.typ, c.queue = 2, 2
		c.due = e.clock.due(s.Due)
		c.ivl = int64(min(s.ScheduledDays, 36500))
		if c.ivl < 1 {
			c.ivl = max(1, c.due-e.clock.due(s.LastReview))
		}
		c.factor = 2500
	default: // learning or relearning
		c.typ = 1
		if s.State == cards.StateRelearning {
			c.typ = 3
			c.ivl = max(1, min(int64(math.Round(s.Stability)), 36500))
			c.factor = 2500
		}
		c.left = 1
		if !s.LastReview.IsZero() && e.clock.day(s.Due) > e.clock.day(s.LastReview) {
			c.queue, c.due = 3, e.clock.due(s.Due) // an interday step
		} else {
			c.queue, c.due = 1, s.Due.Unix()
		}
	}
	// cards.data: {"s":..,"d":..,"dr":..,"lrt":..}, written by hand (hot path)
	var parts []string
	if s.Stability > 0 && s.Difficulty >= 1 && s.Difficulty <= 10 {
		parts = append(parts, `"s":`+strconv.FormatFloat(round(s.Stability, 4), 'f', -1, 64),
			`"d":`+strconv.FormatFloat(round(s.Difficulty, 3), 'f', -1, 64),
			`"dr":`+strconv.FormatFloat(round(retention, 2), 'f', -1, 64))
	}
	if !s.LastReview.IsZero() && !s.LastReview.After(e.col.Now) {
		parts = append(parts, `"lrt":`+strconv.FormatInt(s.LastReview.Unix(), 10))
	}
	c.data = "{" + strings.Join(parts, ",") + "}"
	e.suspendOrBury(c)
}

func (e *exporter) suspendOrBury(c *ankiCard) {
	switch {
	case c.card.Suspended:
		c.queue = -1
	case c.card.BuriedUntil.After(e.col.Now):
		c.queue = -3
	}
}

// revRow is one revlog row.
type revRow struct {
	id, cid            int64
	card               cards.ID
	ease, ivl, lastIvl int64
	factor, time, typ  int64
}

// revlog computes the revlog rows of the exported cards' reviews.
func (e *exporter) revlog(acards []*ankiCard) []revRow {
	if !e.opts.Scheduling || len(e.col.Reviews) == 0 {
		return nil
	}
	byCard := make(map[cards.ID]*ankiCard, len(acards))
	for _, c := range acards {
		byCard[c.card.ID] = c
	}
	perCard := map[cards.ID][]*cards.Review{}
	skipped, future, badRating := 0, 0, 0
	for i := range e.col.Reviews {
		r := &e.col.Reviews[i]
		if byCard[r.CardID] == nil {
			skipped++
			continue
		}
		if r.Rating < cards.Again || r.Rating > cards.Easy {
			badRating++
			continue
		}
		if r.Time.UnixMilli() > e.nowMS {
			future++
			continue
		}
		perCard[r.CardID] = append(perCard[r.CardID], r)
	}
	if skipped > 0 {
		e.warnf("%d reviews belong to cards that are not exported; left out", skipped)
	}
	if future > 0 {
		e.warnf("%d reviews are later than now; left out", future)
	}
	if badRating > 0 {
		e.warnf("%d reviews have no valid rating; left out", badRating)
	}
	rows := make([]revRow, 0, len(e.col.Reviews))
	for id, rs := range perCard {
		c := byCard[id]
		slices.SortStableFunc(rs, func(a, b *cards.Review) int { return a.Time.Compare(b.Time) })
		for i, r := range rs {
			after := c.card.Schedule
			if i+1 < len(rs) {
				after = rs[i+1].Prev
			}
			ivl := e.newInterval(r, after)
			d := r.Difficulty
			if d == 0 {
				d = after.Difficulty
			}
			rows = append(rows, revRow{
				id: r.Time.UnixMilli(), cid: c.id, card: id, ease: int64(r.Rating),
				ivl: ivl, lastIvl: intervalOf(r.Prev, r.Prev.LastReview),
				factor: fsrsFactor(d), time: min(max(r.DurationMS, 0), math.MaxUint32),
				typ: revlogType(r.StateBefore),
			})
		}
	}
	slices.SortFunc(rows, func(a, b revRow) int {
		if a.id != b.id {
			return cmp.Compare(a.id, b.id)
		}
		return cmp.Compare(a.cid, b.cid)
	})
	// unique ids: bump by 1 ms on a collision; never past now
	kept := rows[:0]
	var prev int64 = math.MinInt64
	dropped := 0
	for _, r := range rows {
		if r.id <= prev {
			r.id = prev + 1
		}
		if r.id > e.nowMS {
			dropped++
			continue
		}
		prev = r.id
		kept = append(kept, r)
	}
	if dropped > 0 {
		e.warnf("%d reviews could not get a unique time at or before now; left out", dropped)
	}
	return kept
}

// newInterval is the revlog ivl of an answer: the interval of the schedule
// the answer produced (after), or a fallback from the review itself when
// the card was reset since.
func (e *exporter) newInterval(r *cards.Review, after cards.Schedule) int64 {
	if after.State == r.StateAfter && !after.Due.IsZero() {
		return intervalOf(after, r.Time)
	}
	switch r.StateAfter {
	case cards.StateReview:
		return int64(max(1, min(r.ScheduledDays, 36500)))
	case cards.StateLearning, cards.StateRelearning:
		return -600
	}
	return 0
}

// writeZip writes the package: collection, media map, media files.
func (e *exporter) writeZip(w io.Writer, dbPath string) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	mod := e.col.Now
	add := func(name string, method uint16) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: mod})
	}
	f, err := os.Open(dbPath)
	if err != nil {
		return fmt.Errorf("read temporary collection: %w", err)
	}
	defer f.Close()
	zf, err := add("collection.anki2", zip.Deflate)
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if _, err := io.Copy(zf, f); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	files := slices.Clone(e.media.files)
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	mediaMap := make(map[string]string, len(files))
	for i, m := range files {
		mediaMap[strconv.Itoa(i)] = m.name
	}
	mj := []byte(marshal(mediaMap))
	zf, err = add("media", zip.Deflate)
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if _, err := zf.Write(mj); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	for i, m := range files {
		if err := copyMedia(add, strconv.Itoa(i), m); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	return nil
}

func copyMedia(add func(string, uint16) (io.Writer, error), entry string, m *mediaFile) error {
	f, err := os.Open(m.path)
	if err != nil {
		return fmt.Errorf("copy image %s: %w", m.path, err)
	}
	defer f.Close()
	zf, err := add(entry, zip.Store)
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if _, err := io.Copy(zf, f); err != nil {
		return fmt.Errorf("copy image %s: %w", m.path, err)
	}
	return nil
}

// marshal writes v as compact JSON without escaping <, > and & (Anki's
// templates hold HTML). v is always a plain struct or map, which cannot
// fail to encode.
func marshal(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}
