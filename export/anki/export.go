package anki

import (
	"archive/zip"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/export/ankitext"

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
	// Export calls it from a goroutine of its own, one call at a time.
	MediaDir func(c *cards.Card) string
	// MediaRoots are the folders notes were added from. An image is
	// copied only from inside the root that holds its note (or, without
	// roots, from inside the note's own folder) or from MediaStore;
	// anything else (/etc/passwd, ../ paths, devices) is left out with a
	// warning and never read.
	MediaRoots []string
	// MediaStore is the collection's media folder (images that came with
	// imported packages); a bare image name is looked up there too.
	MediaStore string
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

// exporter holds the state of one Export. Memory is kept proportional to
// the number of cards and reviews with small per-row records: a note's
// HTML is rendered right before its row is inserted and dropped after, and
// the card and revlog columns that follow from the input are computed
// when their rows are written.
type exporter struct {
	ctx        context.Context
	retentions map[string]float64 // deck -> resolved retention
	col        *export.Collection
	opts       Options
	clock      dayClock
	nowMS      int64
	deep       int // fields nested too deep, exported as plain text
	warnings   []string
	media      *mediaSet

	// rows are the exported cards in note order, the order their rows
	// are written in. indexOf maps a card ID to the card's index in
	// col.Cards, and rowAt (set by planRows) that index to the card's
	// index in rows.
	rows    []cardRow
	indexOf map[cards.ID]int32
	rowAt   []int32

	// imgCard is the card whose images resolveImage resolves; img is
	// resolveImage as an ImageFunc, made once.
	imgCard *cards.Card
	img     ankitext.ImageFunc

	// pre holds the Markdown fields rendered ahead (see prerendered).
	pre *prerendered

	buf  []byte   // scratch for a note's fields or a card's data
	tags []string // scratch for a note's cleaned tags
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
//
// A cancelled ctx stops the export within a fraction of a second: the
// temporary files are removed and path is left as it was.
func WriteFile(ctx context.Context, path string, col export.Collection, opts Options) (warnings []string, err error) {
	f, err := export.CreateTemp(filepath.Dir(path), ".mnemo-export-", ".apkg")
	if err != nil {
		return nil, fmt.Errorf("create export file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	warnings, err = Export(ctx, f, col, opts)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		f.Close()
		return warnings, err
	}
	return warnings, export.Install(f, path)
}

// Export writes col as a legacy Anki package (collection.anki2, schema 11,
// plus media) to w. warnings lists what was left out or changed (missing
// images, reviews in the future, split notes); err is set only when no
// usable package could be written. A cancelled ctx stops it with
// ctx.Err() (wrapped).
func Export(ctx context.Context, w io.Writer, col export.Collection, opts Options) (warnings []string, err error) {
	if col.Now.IsZero() {
		return nil, ErrNoClock
	}
	if len(col.Cards) > math.MaxInt32 {
		return nil, fmt.Errorf("export: %d cards, more than an export can hold", len(col.Cards))
	}
	e := &exporter{ctx: ctx, col: &col, opts: opts, nowMS: col.Now.UnixMilli(), media: newMediaSet()}
	e.img = e.resolveImage
	e.indexOf = make(map[cards.ID]int32, len(col.Cards)) // also the duplicate check
	for i := range col.Cards {
		id := col.Cards[i].ID
		if id == "" {
			return nil, fmt.Errorf("export: card %d has no ID", i)
		}
		if _, dup := e.indexOf[id]; dup {
			return nil, fmt.Errorf("export: card ID %s appears twice", id)
		}
		e.indexOf[id] = int32(i)
	}
	base, err := e.base()
	if err != nil {
		return nil, err
	}
	e.clock = newDayClock(col.Zone(), col.Rollover(), base)

	// named like the export's own temporary file, so a later export
	// removes it if this process is killed
	tmp, err := export.CreateTemp(opts.TempDir, ".mnemo-export-", ".anki2")
	if err != nil {
		return nil, fmt.Errorf("create temporary collection: %w", err)
	}
	tmpPath := tmp.Name() // locked until Export returns; its journal shares the name's process ID
	defer tmp.Close()
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
func (e *exporter) base() (time.Time, error) {
	b := e.col.Created
	if b.IsZero() {
		for i := range e.col.Cards {
			if a := e.col.Cards[i].Added; !a.IsZero() && (b.IsZero() || a.Before(b)) {
				b = a
			}
		}
		t, err := e.firstReview()
		if err != nil {
			return time.Time{}, fmt.Errorf("read review log: %w", err)
		}
		if !t.IsZero() && (b.IsZero() || t.Before(b)) {
			b = t
		}
	}
	if b.IsZero() || b.After(e.col.Now) {
		b = e.col.Now
	}
	return b, nil
}

// firstReview is the earliest non-zero time of an input review, zero
// when there is none. A stream is read for it (once more, only for a
// collection without a creation time) unless it comes with FirstReview.
func (e *exporter) firstReview() (time.Time, error) {
	if e.col.EachReview != nil && e.col.FirstReview != nil {
		return e.col.FirstReview()
	}
	var first time.Time
	err := e.eachReview(func(_ int, r *cards.Review) error {
		if t := r.Time; !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
		return nil
	})
	return first, err
}

func (e *exporter) progress(done, total int) {
	if e.opts.Progress != nil {
		e.opts.Progress(done, total)
	}
}

// buildCollection writes the schema-11 database at path.
func (e *exporter) buildCollection(path string) (err error) {
	notes, split := export.GroupNotes(e.col.Cards)
	for _, id := range split {
		e.warnf("card %s could not share a note with its siblings; exported as a note of its own", id)
	}
	// start rendering while the collection is set up
	stopPre := make(chan struct{})
	e.pre = startPrerender(notes, stopPre)
	defer func() {
		close(stopPre)
		e.pre.wait()
	}()
	noteIDs := e.planRows(notes)
	deckJSON, dconfJSON, deckIDs := e.decksAndPresets()

	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("open temporary collection: %w", err)
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close temporary collection: %w", cerr)
		}
	}()
	ctx := e.ctx
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
		return e.writeRows(ctx, c, notes, noteIDs, deckIDs, deckJSON, dconfJSON)
	})
}

// writeRows fills the database through the driver connection c, in one
// transaction: the col row, then each note as soon as it is rendered, then
// the cards and the review log, which is computed meanwhile.
func (e *exporter) writeRows(ctx context.Context, c driver.Conn, notes []export.Note, noteIDs []int64,
	deckIDs map[string]int64, deckJSON, dconfJSON string) (err error) {
	col := e.col
	// A small page cache and file-backed temporary storage keep SQLite's
	// own memory to a few MB: with temp_store=MEMORY, sorting the rows
	// for the indexes held all the keys in memory (about 30 MB more at
	// 100k cards) and was slower than sorting through a temporary file.
	// Neither setting changes the database file.
	for _, p := range []string{"PRAGMA journal_mode=DELETE", "PRAGMA synchronous=OFF", "PRAGMA temp_store=FILE",
		"PRAGMA cache_size=-4096", schema11, "BEGIN"} {
		if err := execDriver(ctx, c, p); err != nil {
			return fmt.Errorf("set up temporary collection: %w", err)
		}
	}
	defer func() {
		if err != nil {
			_ = execDriver(ctx, c, "ROLLBACK")
		}
	}()
	// new cards get the queue positions 1..n (orderNew), so the next free
	// one is known before the notes are rendered
	nFresh := 0
	for i := range e.rows {
		if e.isNew(e.rows[i].card) {
			nFresh++
		}
	}
	nextPos := int64(min(nFresh, maxNewDue)) + 1
	conf := jsonConf{ActiveDecks: []int64{1}, CurDeck: 1, CollapseTime: 1200, EstTimes: true, DueCounts: true,
		NextPos: nextPos, SortType: "noteFld", AddToCur: true, SchedVer: 2, Sched2021: true,
		Rollover: e.clock.rollover, CreationOffset: e.clock.creationOffset()}
	nowSec := col.Now.Unix()
	colB := newBatcher(ctx, c, "col", "(1,?,?,?,11,0,0,0,?,?,?,?,?)")
	if err := colB.add(e.clock.crt().Unix(), e.nowMS, e.nowMS, marshal(conf), marshal(models(nowSec)), deckJSON, dconfJSON,
		marshal(e.tagSet(notes))); err != nil {
		return fmt.Errorf("write col: %w", err)
	}
	if err := colB.flush(); err != nil {
		return fmt.Errorf("write col: %w", err)
	}

	revs := e.startRevlog()
	defer revs.stop() // never leave it running, even on an error
	if err := e.writeNotes(ctx, c, notes, noteIDs); err != nil {
		return err
	}
	e.orderNew()
	revRows, revWarnings, err := revs.wait()
	if err != nil {
		return err
	}
	e.warnings = append(e.warnings, revWarnings...)
	total := len(e.rows) + len(revRows)
	done := 0
	e.progress(0, total)
	cardsB := newBatcher(ctx, c, "cards", "(?,?,?,?,?,0,?,?,?,?,?,?,?,?,0,0,0,?)")
	for i := range e.rows {
		r := &e.rows[i]
		cc := e.cardColumns(r)
		if err := cardsB.add(r.id, r.nid, deckIDs[deckName(r.card)], int64(r.ord), cc.mod, cc.typ, cc.queue, cc.due,
			cc.ivl, cc.factor, cc.reps, cc.lapses, cc.left, cc.data); err != nil {
			return fmt.Errorf("write cards: %w", err)
		}
		done++
		if done%4096 == 0 {
			e.progress(done, total)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if err := cardsB.flush(); err != nil {
		return fmt.Errorf("write cards: %w", err)
	}
	revB := newBatcher(ctx, c, "revlog", "(?,?,0,?,?,?,?,?,?)")
	for i := range revRows {
		r := &revRows[i]
		if err := revB.add(r.id, e.rows[r.card].id, int64(r.ease), int64(r.ivl), int64(r.lastIvl), int64(r.factor),
			int64(r.time), int64(r.typ)); err != nil {
			return fmt.Errorf("write review log: %w", err)
		}
		done++
		if done%4096 == 0 {
			e.progress(done, total)
			if err := ctx.Err(); err != nil {
				return err
			}
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

// writeNotes inserts the notes. They are rendered in order on a goroutine
// of their own while this one inserts the rendered ones: SQLite works on
// one thread, so rendering would otherwise leave the other core idle.
// Until writeNotes returns, the renderer owns e's warnings, media and
// scratch buffers and the cards' ords.
func (e *exporter) writeNotes(ctx context.Context, c driver.Conn, notes []export.Note, noteIDs []int64) error {
	rendered := make(chan renderedNote, 64)
	stop := make(chan struct{})
	go e.renderNotes(notes, rendered, stop)
	defer func() {
		close(stop)
		for range rendered { // wait for the renderer to finish
		}
	}()
	notesB := newBatcher(ctx, c, "notes", "(?,?,?,?,0,?,?,?,?,0,'')")
	i := 0
	for nr := range rendered {
		if nr.err != nil {
			return nr.err
		}
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := notesB.add(noteIDs[i], nr.guid, nr.mid, nr.mod, nr.tags, nr.flds, nr.sfld, nr.csum); err != nil {
			return fmt.Errorf("write notes: %w", err)
		}
		i++
	}
	if err := notesB.flush(); err != nil {
		return fmt.Errorf("write notes: %w", err)
	}
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
	cardDecks := map[string]bool{}
	names := map[string]bool{}
	for i := range e.col.Cards {
		d := deckName(&e.col.Cards[i])
		if cardDecks[d] {
			continue // its lineage is in already
		}
		cardDecks[d] = true
		for _, l := range decks.Lineage(d) {
			names[l] = true
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

// writeZip writes the package: collection, media map, media files. Every
// entry is streamed through io.Copy's fixed 32 KiB buffer and compressed
// a few blocks at a time (parallelDeflate), so the collection file is
// never held in memory.
func (e *exporter) writeZip(w io.Writer, dbPath string) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return newParallelDeflate(out), nil
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
	if _, err := io.Copy(zf, ctxReader{e.ctx, f}); err != nil {
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
		if err := copyMedia(e.ctx, add, strconv.Itoa(i), m); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	return nil
}

func copyMedia(ctx context.Context, add func(string, uint16) (io.Writer, error), entry string, m *mediaFile) error {
	f, err := openRegular(m.path)
	if err != nil {
		return fmt.Errorf("copy image %s: %w", m.path, err)
	}
	defer f.Close()
	zf, err := add(entry, zip.Store)
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if _, err := io.Copy(zf, io.LimitReader(ctxReader{ctx, f}, m.size)); err != nil {
		return fmt.Errorf("copy image %s: %w", m.path, err)
	}
	return nil
}

// ctxReader stops a copy once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
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
