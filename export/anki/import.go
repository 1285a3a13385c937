package anki

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"maps"
	"math"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mnemo-app/mnemo/export/ankitext"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

type importer struct {
	ctx      context.Context
	now      time.Time
	warnings []string
	rows     int // rows read so far, against maxRows

	clock   dayClock
	models  map[int64]*iModel
	decks   map[int64]iDeck
	presets map[int64]jsonDConfIn
}

func (im *importer) warnf(format string, args ...any) {
	im.warnings = append(im.warnings, fmt.Sprintf(format, args...))
}

type iModel struct {
	name   string
	typ    int
	fields []string // by ord
	ntmpls int
}

type iDeck struct {
	name string
	conf int64
}

// jsonDConfIn is the part of a preset the importer reads.
type jsonDConfIn struct {
	New struct {
		PerDay *int  `json:"perDay"`
		Bury   *bool `json:"bury"`
	} `json:"new"`
	Rev struct {
		PerDay *int `json:"perDay"`
		MaxIvl *int `json:"maxIvl"`
	} `json:"rev"`
	Lapse struct {
		LeechFails *int `json:"leechFails"`
	} `json:"lapse"`
	DesiredRetention *float64       `json:"desiredRetention"`
	Mnemo            *decks.Options `json:"mnemo"`
}

// corrupt wraps a database error as a corrupt package.
func corrupt(what string, err error) error {
	return fmt.Errorf("%w: the collection database is unreadable (%s): %w", ErrNotPackage, what, err)
}

// Budgets for reading a package's database: a hostile collection (a
// recursive view, billions of rows) is refused instead of running forever.
const (
	maxRows     = 20_000_000
	readTimeout = 10 * time.Minute
)

func (im *importer) read(path string) (export.Collection, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return export.Collection{}, corrupt("open", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	parent := im.ctx
	ctx, cancel := context.WithTimeout(parent, readTimeout)
	defer cancel()
	im.ctx = ctx
	defer func() { im.ctx = parent }()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return export.Collection{}, im.dbErr("check", err)
	}
	if check != "ok" {
		return export.Collection{}, corrupt("check", fmt.Errorf("%s", check))
	}
	if err := refuseCode(ctx, db); err != nil {
		return export.Collection{}, err
	}
	var crt, ver int64
	if err := db.QueryRowContext(ctx, "SELECT crt, ver FROM col LIMIT 1").Scan(&crt, &ver); err != nil {
		return export.Collection{}, im.dbErr("col", err)
	}
	if ver < 11 || ver > 18 {
		return export.Collection{}, fmt.Errorf("%w: collection schema %d (mnemo reads schemas 11 to 18)", ErrUnsupported, ver)
	}
	if crt < 0 || crt > 253402300799 { // 9999-12-31
		return export.Collection{}, fmt.Errorf("%w: col.crt %d is not a time between 1970 and 9999", export.ErrInvalid, crt)
	}
	var meta colMeta
	if ver >= 15 {
		meta, err = im.readMeta18(ctx, db)
	} else {
		meta, err = readMeta11(ctx, db)
	}
	if err != nil {
		return export.Collection{}, err
	}
	col := export.Collection{Now: im.now, Created: time.Unix(crt, 0).UTC(), Location: time.UTC}
	var cf struct {
		Rollover       *int `json:"rollover"`
		CreationOffset *int `json:"creationOffset"`
	}
	if err := json.Unmarshal([]byte(meta.conf), &cf); err != nil {
		return export.Collection{}, corrupt("conf", err)
	}
	if cf.CreationOffset != nil && *cf.CreationOffset > -24*60 && *cf.CreationOffset < 24*60 {
		if off := -*cf.CreationOffset * 60; off != 0 {
			col.Location = time.FixedZone(fmt.Sprintf("UTC%+03d:%02d", off/3600, abs(off%3600)/60), off)
		}
	}
	col.RolloverHour = export.Hour(export.DefaultRolloverHour)
	if cf.Rollover != nil && *cf.Rollover >= 0 && *cf.Rollover <= 23 {
		col.RolloverHour = export.Hour(*cf.Rollover)
	}
	col.Created = col.Created.In(col.Location)
	im.clock = newDayClock(col.Location, col.Rollover(), col.Created)
	if ver < 15 {
		if err := im.readModels(meta.models); err != nil {
			return export.Collection{}, err
		}
		if err := im.readDecks(meta.decks, meta.dconf); err != nil {
			return export.Collection{}, err
		}
	}
	if err := im.readCards(ctx, db, &col); err != nil {
		return export.Collection{}, err
	}
	return col, nil
}

// dbErr reports a database error: the deadline or a cancellation as such,
// anything else as a corrupt package.
func (im *importer) dbErr(what string, err error) error {
	if cerr := im.ctx.Err(); cerr != nil {
		if errors.Is(cerr, context.DeadlineExceeded) {
			return fmt.Errorf("%w: reading the collection took longer than %v", ErrUnsafe, readTimeout)
		}
		return cerr
	}
	return corrupt(what, err)
}

// row counts a row read against maxRows and checks for cancellation.
func (im *importer) row() error {
	im.rows++
	if im.rows > maxRows {
		return fmt.Errorf("%w: the collection has more than %d rows", ErrUnsafe, maxRows)
	}
	if im.rows%1024 == 0 {
		return im.ctx.Err()
	}
	return nil
}

// refuseCode refuses a collection with views or triggers: a package is
// data, and a view standing in for a table can run any query (a recursive
// one never ends) while a trigger runs on writes.
func refuseCode(ctx context.Context, db *sql.DB) error {
	var typ, name string
	err := db.QueryRowContext(ctx, `SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') LIMIT 1`).Scan(&typ, &name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return corrupt("schema", err)
	}
	return fmt.Errorf("%w: the collection holds a %s (%q); Anki collections have none", ErrUnsafe, typ, name)
}

// colMeta is the collection-wide JSON of a schema-11 col row.
type colMeta struct {
	conf, models, decks, dconf string
}

func readMeta11(ctx context.Context, db *sql.DB) (colMeta, error) {
	var m colMeta
	if err := db.QueryRowContext(ctx, "SELECT conf, models, decks, dconf FROM col LIMIT 1").
		Scan(&m.conf, &m.models, &m.decks, &m.dconf); err != nil {
		return m, corrupt("col", err)
	}
	return m, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (im *importer) readModels(s string) error {
	var ms map[string]struct {
		Name string `json:"name"`
		Type int    `json:"type"`
		Flds []struct {
			Name string
			Ord  *int
		} `json:"flds"`
		Tmpls []json.RawMessage `json:"tmpls"`
	}
	if err := json.Unmarshal([]byte(s), &ms); err != nil {
		return corrupt("models", err)
	}
	im.models = map[int64]*iModel{}
	for key, m := range ms {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return corrupt("models", fmt.Errorf("note type key %q is not a number", key))
		}
		fields := make([]string, len(m.Flds))
		for i, f := range m.Flds {
			fields[i] = f.Name
		}
		im.models[id] = &iModel{name: m.Name, typ: m.Type, fields: fields, ntmpls: len(m.Tmpls)}
	}
	return nil
}

func (im *importer) readDecks(deckJS, dconf string) error {
	var ds map[string]struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Conf int64  `json:"conf"`
	}
	if err := json.Unmarshal([]byte(deckJS), &ds); err != nil {
		return corrupt("decks", err)
	}
	im.decks = map[int64]iDeck{}
	for key, d := range ds {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return corrupt("decks", fmt.Errorf("deck key %q is not a number", key))
		}
		im.decks[id] = iDeck{name: d.Name, conf: d.Conf}
	}
	var cs map[string]jsonDConfIn
	if err := json.Unmarshal([]byte(dconf), &cs); err != nil {
		return corrupt("dconf", err)
	}
	im.presets = map[int64]jsonDConfIn{}
	for key, c := range cs {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return corrupt("dconf", fmt.Errorf("preset key %q is not a number", key))
		}
		im.presets[id] = c
	}
	return nil
}

// deckOptions derives mnemo options from a deck's preset: the options
// mnemo exported when present, else the Anki values that differ from
// mnemo's defaults.
func (im *importer) deckOptions(d iDeck) (decks.Options, bool) {
	p, ok := im.presets[d.conf]
	if !ok || d.conf == 1 {
		return decks.Options{}, false
	}
	if p.Mnemo != nil {
		return *p.Mnemo, *p.Mnemo != (decks.Options{}) && p.Mnemo.Validate() == nil
	}
	def := decks.DefaultOptions()
	var o decks.Options
	set := false
	setInt := func(dst **int, v *int, dflt int) {
		if v != nil && *v != dflt {
			x := *v
			*dst, set = &x, true
		}
	}
	setInt(&o.NewPerDay, p.New.PerDay, def.NewPerDay)
	setInt(&o.ReviewsPerDay, p.Rev.PerDay, def.ReviewsPerDay)
	setInt(&o.MaxInterval, p.Rev.MaxIvl, def.MaxInterval)
	setInt(&o.LeechThreshold, p.Lapse.LeechFails, def.LeechThreshold)
	if r := p.DesiredRetention; r != nil && *r != def.Retention && *r > 0 && *r < 1 {
		x := *r
		o.Retention, set = &x, true
	}
	if b := p.New.Bury; b != nil && *b != def.BurySiblings {
		x := *b
		o.BurySiblings, set = &x, true
	}
	return o, set && o.Validate() == nil
}

type iNote struct {
	id, mid, mod int64
	guid, tags   string
	fields       []string
}

type iCard struct {
	id, nid, did, ord, mod       int64
	typ, queue, due, ivl, factor int64
	reps, lapses                 int64
	data                         string
}

type iRev struct {
	id, cid, ease, ivl, lastIvl, factor, took, typ int64
}

// idsRE finds the mnemo IDs in a Source field written by SourceField.
var idsRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`mnemo:note=([^;<\s]*)((?:;\d+=[^;<\s]+)*)((?:;t\d+=[^;<\s]*)*)`)
})
var sourceRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*):(\d+)(?:-(\d+))?$`) })

// parseSource reads a Source field written by SourceField back: the source
// location and the mnemo note ID and card IDs by Anki ord. Other fields
// named Source (in foreign note types) give nothing.
func parseSource(field string) (src cards.Source, note cards.ID, ids map[int]cards.ID, tags map[int][]string) {
	m := idsRE().FindStringSubmatch(field)
	if m == nil {
		return src, "", nil, nil
	}
	for _, kv := range strings.Split(strings.TrimPrefix(m[3], ";"), ";") {
		k, v, ok := strings.Cut(strings.TrimPrefix(kv, "t"), "=")
		o, err := strconv.Atoi(k)
		if !ok || err != nil {
			continue
		}
		if tags == nil {
			tags = map[int][]string{}
		}
		list := []string{}
		for _, t := range strings.Split(html.UnescapeString(v), ",") {
			if t, err := url.QueryUnescape(t); err == nil && t != "" {
				list = append(list, t)
			}
		}
		tags[o] = list
	}
	note = cards.ID(html.UnescapeString(m[1]))
	ids = map[int]cards.ID{}
	for _, kv := range strings.Split(strings.TrimPrefix(m[2], ";"), ";") {
		k, v, ok := strings.Cut(kv, "=")
		o, err := strconv.Atoi(k)
		if ok && err == nil {
			ids[o] = cards.ID(html.UnescapeString(v))
		}
	}
	loc := ""
	if i := strings.Index(field, "<br>"); i >= 0 {
		loc = field[:i]
	}
	loc = strings.TrimSpace(ankitext.StripHTML(loc))
	if m := sourceRE().FindStringSubmatch(loc); m != nil {
		src.Path = m[1]
		src.Line, _ = strconv.Atoi(m[2])
		src.EndLine = src.Line
		if m[3] != "" {
			src.EndLine, _ = strconv.Atoi(m[3])
		}
	} else {
		src.Path = loc
	}
	return src, note, ids, tags
}

func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' })
}

func fieldIndex(names []string, want string) int {
	for i, n := range names {
		if strings.EqualFold(n, want) {
			return i
		}
	}
	return -1
}

// maxTimeMS is 9999-12-31 in unix milliseconds.
const maxTimeMS = 253402300799999

// checkCardRow refuses a card row whose values Anki itself would refuse
// or that would break mnemo later, naming the row.
func checkCardRow(c *iCard) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: card row %d: %s", export.ErrInvalid, c.id, fmt.Sprintf(format, args...))
	}
	switch {
	case c.id <= 0 || c.id > maxTimeMS:
		return bad("the id (creation time in ms) is not a time between 1970 and 9999")
	case c.typ < 0 || c.typ > 3:
		return bad("type %d is not 0-3", c.typ)
	case c.queue < -3 || c.queue > 4:
		return bad("queue %d is not -3..4", c.queue)
	case c.ord < 0 || c.ord > export.MaxOrd:
		return bad("ord %d is out of range", c.ord)
	case c.typ == 0 && (c.due < -export.MaxPosition || c.due > export.MaxPosition):
		return bad("new-card position %d is out of range", c.due)
	case c.ivl < -maxDayDue*86400 || c.ivl > maxDayDue:
		return bad("interval %d is out of range", c.ivl)
	case c.reps < 0 || c.lapses < 0 || c.reps > export.MaxCount || c.lapses > export.MaxCount:
		return bad("reps %d or lapses %d out of range", c.reps, c.lapses)
	case c.mod < 0 || c.mod > maxTimeMS/1000:
		return bad("mod %d is not a time", c.mod)
	}
	return nil
}

// readCards reads the package's notes, cards and review log, and turns
// them into col's cards, reviews and deck options.
func (im *importer) readCards(ctx context.Context, db *sql.DB, col *export.Collection) error {
	notes, order, err := im.readNotes(ctx, db)
	if err != nil {
		return err
	}
	byNote, err := im.readCardRows(ctx, db)
	if err != nil {
		return err
	}
	revs, err := im.readRevlog(ctx, db)
	if err != nil {
		return err
	}
	usedDecks := im.buildCards(notes, order, byNote, revs, col)
	im.gatherDeckOptions(usedDecks, col)
	return nil
}

// readNotes reads the notes table: the notes by ID, and their IDs in order.
func (im *importer) readNotes(ctx context.Context, db *sql.DB) (map[int64]*iNote, []int64, error) {
	notes := map[int64]*iNote{}
	var order []int64
	rows, err := db.QueryContext(ctx, "SELECT id, guid, mid, mod, cast(tags AS text), cast(flds AS text) FROM notes ORDER BY id")
	if err != nil {
		return nil, nil, im.dbErr("notes", err)
	}
	defer rows.Close()
	for rows.Next() {
		n := &iNote{}
		var flds string
		if err := rows.Scan(&n.id, &n.guid, &n.mid, &n.mod, &n.tags, &flds); err != nil {
			return nil, nil, im.dbErr("notes", err)
		}
		n.fields = strings.Split(flds, "\x1f")
		notes[n.id] = n
		order = append(order, n.id)
		if err := im.row(); err != nil {
			return nil, nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, im.dbErr("notes", err)
	}
	return notes, order, nil
}

// readCardRows reads the cards table, checked row by row, grouped by note
// in template order.
func (im *importer) readCardRows(ctx context.Context, db *sql.DB) (map[int64][]*iCard, error) {
	byNote := map[int64][]*iCard{}
	rows, err := db.QueryContext(ctx, `SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses,
		cast(data AS text) FROM cards ORDER BY nid, ord`)
	if err != nil {
		return nil, im.dbErr("cards", err)
	}
	defer rows.Close()
	for rows.Next() {
		c := &iCard{}
		var data sql.NullString
		if err := rows.Scan(&c.id, &c.nid, &c.did, &c.ord, &c.mod, &c.typ, &c.queue, &c.due, &c.ivl, &c.factor,
			&c.reps, &c.lapses, &data); err != nil {
			return nil, im.dbErr("cards", err)
		}
		c.data = data.String
		if err := checkCardRow(c); err != nil {
			return nil, err
		}
		byNote[c.nid] = append(byNote[c.nid], c)
		if err := im.row(); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, im.dbErr("cards", err)
	}
	return byNote, nil
}

// readRevlog reads the review log, checked row by row, grouped by card in
// time order.
func (im *importer) readRevlog(ctx context.Context, db *sql.DB) (map[int64][]iRev, error) {
	revs := map[int64][]iRev{}
	rows, err := db.QueryContext(ctx, "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id")
	if err != nil {
		return nil, im.dbErr("revlog", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r iRev
		if err := rows.Scan(&r.id, &r.cid, &r.ease, &r.ivl, &r.lastIvl, &r.factor, &r.took, &r.typ); err != nil {
			return nil, im.dbErr("revlog", err)
		}
		if r.id <= 0 || r.id > maxTimeMS {
			return nil, fmt.Errorf("%w: revlog row %d: the id (answer time in ms) is not a time between 1970 and 9999", export.ErrInvalid, r.id)
		}
		if r.ease < 0 || r.ease > 4 {
			return nil, fmt.Errorf("%w: revlog row %d: ease %d is not 0-4", export.ErrInvalid, r.id, r.ease)
		}
		revs[r.cid] = append(revs[r.cid], r)
		if err := im.row(); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, im.dbErr("revlog", err)
	}
	return revs, nil
}

// buildCards turns the notes, in order, into mnemo cards with their decks
// and replayed reviews, appended to col, skipping (with a warning) notes
// whose type is missing or does not fit. It returns the decks the cards
// went into.
func (im *importer) buildCards(notes map[int64]*iNote, order []int64, byNote map[int64][]*iCard, revs map[int64][]iRev, col *export.Collection) map[string]iDeck {
	used := map[cards.ID]bool{}
	usedDecks := map[string]iDeck{}
	skippedModels := map[string]int{}
	for _, nid := range order {
		n := notes[nid]
		cs := byNote[nid]
		if len(cs) == 0 {
			continue
		}
		m := im.models[n.mid]
		if m == nil {
			im.warnf("note %d uses note type %d, which the package does not define; skipped", n.id, n.mid)
			continue
		}
		if m.typ != 1 && len(n.fields) < 2 {
			skippedModels[m.name]++
			continue
		}
		if len(n.fields) != len(m.fields) {
			im.warnf("note %d has %d fields but its type %q has %d; skipped", n.id, len(n.fields), m.name, len(m.fields))
			continue
		}
		made := im.noteCards(n, m, cs, used)
		for i := range made {
			c := &made[i]
			deck, ok := im.decks[cs[i].did]
			if !ok {
				im.warnf("card %q is in deck %d, which the package does not define; put in Default", c.ID, cs[i].did)
				deck = iDeck{name: "Default", conf: 1}
			}
			c.Deck = deck.name
			usedDecks[deck.name] = deck
			rs := im.replay(c, cs[i], revs[cs[i].id], col)
			col.Reviews = append(col.Reviews, rs...)
			// suspending or moving a card in Anki moves the card's mod,
			// not the note's: card-level state follows the card's own time
			if col.StateModified == nil {
				col.StateModified = map[cards.ID]time.Time{}
			}
			col.StateModified[c.ID] = time.Unix(cs[i].mod, 0).In(im.clock.loc)
		}
		col.Cards = append(col.Cards, made...)
	}
	// sorted, so the same package always warns in the same order
	for _, name := range slices.Sorted(maps.Keys(skippedModels)) {
		im.warnf("%d notes of type %q have fewer than two fields; skipped", skippedModels[name], name)
	}
	return usedDecks
}

// gatherDeckOptions sets col.Options from the options of every deck in the
// package, used or not: a parent deck without cards of its own still
// passes its options on.
func (im *importer) gatherDeckOptions(usedDecks map[string]iDeck, col *export.Collection) {
	for _, d := range im.decks {
		if _, ok := usedDecks[d.name]; !ok {
			usedDecks[d.name] = d
		}
	}
	names := make([]string, 0, len(usedDecks))
	for name := range usedDecks {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if o, ok := im.deckOptions(usedDecks[name]); ok {
			if col.Options == nil {
				col.Options = map[string]decks.Options{}
			}
			col.Options[name] = o
		}
	}
}

// noteCards turns a note and its card rows into mnemo cards (deck and
// schedule are filled in later).
func (im *importer) noteCards(n *iNote, m *iModel, cs []*iCard, used map[cards.ID]bool) []cards.Card {
	field := func(name string) string {
		if i := fieldIndex(m.fields, name); i >= 0 {
			return n.fields[i]
		}
		return ""
	}
	var src cards.Source
	var noteID cards.ID
	var ids map[int]cards.ID
	var cardTags map[int][]string
	if s := field("Source"); s != "" {
		src, noteID, ids, cardTags = parseSource(s)
	}
	var context []string
	if c := strings.TrimSpace(ankitext.StripHTML(strings.ReplaceAll(field("Context"), "<br>", " "))); c != "" {
		context = strings.Split(c, " > ")
	}
	tags := splitTags(n.tags)
	out := make([]cards.Card, 0, len(cs))
	for _, ac := range cs {
		own := tags
		if t, ok := cardTags[int(ac.ord)]; ok {
			own = t
		}
		// Modified is the note's: it changes when the text is edited,
		// not when the card is studied (the card's own mod, for its
		// suspension and deck, goes into Collection.StateModified)
		c := cards.Card{
			Tags: append([]string(nil), own...), Context: context, Source: src,
			Added:    time.UnixMilli(ac.id).In(im.clock.loc),
			Modified: time.Unix(n.mod, 0).In(im.clock.loc),
		}
		if m.typ == 1 {
			c.Kind = cards.KindCloze
			c.Ord = int(ac.ord) + 1
			c.Text = HTMLToMarkdown(n.fields[0])
			c.Question, c.Answer = ClozeQuestionAnswer(c.Text, c.Ord)
		} else {
			q, a := HTMLToMarkdown(n.fields[0]), HTMLToMarkdown(n.fields[1])
			c.Kind = cards.KindBasic
			switch {
			case ac.ord == 1 && m.ntmpls >= 2:
				c.Kind = cards.KindReversed
				q, a = a, q
			case ac.ord >= 1:
				im.warnf("note %d: card of template %d of %q imported as a basic card", n.id, ac.ord+1, m.name)
			}
			c.Question, c.Answer = q, a
		}
		if id, ok := ids[int(ac.ord)]; ok && id != "" && !used[id] {
			c.ID = id
		} else {
			if ok {
				im.warnf("card ID %q appears twice in the package; the second card gets a new ID", id)
			}
			c.ID = cards.NewID(c.Kind, c.Question, c.Ord, "")
			for salt := 0; used[c.ID]; salt++ {
				c.ID = cards.NewID(c.Kind, c.Question, c.Ord, n.guid+"#"+strconv.Itoa(salt))
			}
		}
		used[c.ID] = true
		out = append(out, c)
	}
	note := noteID
	if note == "" {
		note = out[0].ID
	}
	for i := range out {
		out[i].Note = note
	}
	return out
}

// replay rebuilds a card's schedule and reviews from its revlog rows, then
// reconciles the result with what the card row says (Anki's due date,
// state, memory state and suspension win over the replay).
func (im *importer) replay(c *cards.Card, ac *iCard, rows []iRev, col *export.Collection) []cards.Review {
	params := fsrs.DefaultParam()
	if p, ok := im.presets[im.decks[ac.did].conf]; ok {
		if p.DesiredRetention != nil && *p.DesiredRetention > 0 && *p.DesiredRetention < 1 {
			params.RequestRetention = *p.DesiredRetention
		}
		if p.Rev.MaxIvl != nil && *p.Rev.MaxIvl >= 1 {
			params.MaximumInterval = float64(*p.Rev.MaxIvl)
		}
	}
	f := fsrs.NewFSRS(params)
	fc := fsrs.NewCard()
	var out []cards.Review
	for _, r := range rows {
		t := time.UnixMilli(r.id).In(im.clock.loc)
		switch {
		case r.ease >= 1 && r.ease <= 4:
			prev := fc
			if fc.State == fsrs.New {
				fc.Due = t
			}
			info := f.Next(fc, t, fsrs.Rating(r.ease))
			fc = info.Card
			out = append(out, cards.Review{
				CardID: c.ID, Time: t, Rating: cards.Rating(r.ease),
				StateBefore: cards.State(prev.State), StateAfter: cards.State(fc.State),
				ElapsedDays: info.ReviewLog.ElapsedDays, ScheduledDays: fc.ScheduledDays,
				Stability: fc.Stability, Difficulty: fc.Difficulty,
				DurationMS: r.took, Prev: toSchedule(prev), PrevTags: append([]string(nil), c.Tags...),
			})
		case r.ease == 0 && r.typ == 4 && r.factor == 0:
			fc = fsrs.NewCard() // "forget": reset to new, history kept
		}
	}
	s := toSchedule(fc)
	switch ac.typ {
	case 0:
		s = cards.Schedule{State: cards.StateNew, Reps: s.Reps, Lapses: s.Lapses}
		if ac.queue == 0 || ac.queue < 0 {
			c.Position = uint64(max(ac.due, 0))
		}
	default:
		s.State = cards.State(ac.typ)
		if len(out) == 0 {
			im.fromCardRow(&s, ac)
		}
		if due, ok := im.rowDue(ac); ok {
			if s.Due.IsZero() || im.clock.day(s.Due) != im.clock.day(due) || ac.queue == 1 {
				s.Due = due
			}
		}
		var data struct {
			S   *float64 `json:"s"`
			D   *float64 `json:"d"`
			LRT *int64   `json:"lrt"`
			Pos *int64   `json:"pos"`
		}
		if json.Unmarshal([]byte(ac.data), &data) == nil {
			if data.S != nil && *data.S > 0 && math.Abs(*data.S-s.Stability) > 1e-3 {
				s.Stability = *data.S
			}
			if data.D != nil && *data.D >= 1 && *data.D <= 10 && math.Abs(*data.D-s.Difficulty) > 1e-2 {
				s.Difficulty = *data.D
			}
			if data.LRT != nil && s.LastReview.IsZero() {
				s.LastReview = time.Unix(*data.LRT, 0).In(im.clock.loc)
			}
			if data.Pos != nil && *data.Pos >= 0 {
				c.Position = uint64(*data.Pos)
			}
		}
		if ac.reps > 0 {
			s.Reps = uint64(ac.reps)
		}
		if ac.lapses >= 0 {
			s.Lapses = uint64(ac.lapses)
		}
	}
	c.Schedule = s
	switch ac.queue {
	case -1:
		c.Suspended = true
	case -2, -3:
		c.BuriedUntil = im.clock.dayStart(im.clock.day(im.now) + 1)
	}
	return out
}

// rowDue is the due time a card row gives: day numbers become the start
// of that study day, learning timestamps are exact.
func (im *importer) rowDue(ac *iCard) (time.Time, bool) {
	switch {
	case ac.queue == 1 || ac.queue == 4:
		return time.Unix(ac.due, 0).In(im.clock.loc), true
	case ac.queue == 2 || ac.queue == 3 || (ac.queue < 0 && ac.typ == 2):
		if ac.due > maxDayDue || ac.due < -maxDayDue {
			return time.Time{}, false
		}
		return im.clock.dayStart(im.clock.d0 + ac.due), true
	case ac.queue < 0 && ac.due > 1_000_000_000:
		return time.Unix(ac.due, 0).In(im.clock.loc), true
	}
	return time.Time{}, false
}

// fromCardRow fills a schedule from a card row alone (no review log): the
// interval stands in for stability, the ease for difficulty.
func (im *importer) fromCardRow(s *cards.Schedule, ac *iCard) {
	s.ScheduledDays = uint64(max(ac.ivl, 0))
	s.Stability = math.Max(float64(ac.ivl), 0.1)
	s.Difficulty = 5
	if ac.factor >= 1300 {
		// ease 130%..350% maps to difficulty 10..1
		s.Difficulty = math.Min(math.Max(10-9*(float64(ac.factor)-1300)/2200, 1), 10)
	}
	if due, ok := im.rowDue(ac); ok {
		s.Due = due
		if s.State == cards.StateReview {
			s.LastReview = due.AddDate(0, 0, -int(min(ac.ivl, 36500)))
		}
	}
}

func toSchedule(c fsrs.Card) cards.Schedule {
	return cards.Schedule{
		State: cards.State(c.State), Due: c.Due, Stability: c.Stability, Difficulty: c.Difficulty,
		ElapsedDays: c.ElapsedDays, ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses,
		LastReview: c.LastReview,
	}
}
