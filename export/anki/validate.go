package anki

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/export/ankitext"
)

// maxPerRule caps how many problems of one kind Validate reports.
const maxPerRule = 10

// problems collects rule violations, a few per rule.
type problems struct {
	errs  []error
	count map[string]int
}

func (p *problems) add(rule, format string, args ...any) {
	if p.count == nil {
		p.count = map[string]int{}
	}
	p.count[rule]++
	switch n := p.count[rule]; {
	case n <= maxPerRule:
		p.errs = append(p.errs, fmt.Errorf("%s: "+format, append([]any{rule}, args...)...))
	case n == maxPerRule+1:
		p.errs = append(p.errs, fmt.Errorf("%s: more problems of this kind not shown", rule))
	}
}

func (p *problems) err() error { return errors.Join(p.errs...) }

// Validate checks the package at path against the rules Anki and other
// importers enforce (spec §2-§7): package layout and media, schema 11,
// the col JSON (required keys of models, decks, presets and conf; ver 11;
// schedVer 2), notes (TEXT columns, field counts, sfld, csum, unique
// GUIDs), cards (ords, deck references, value ranges, due meaning per
// queue), revlog (card references, ranges) and ids no later than now. It
// returns every problem found, joined; nil means the package is valid. A
// cancelled ctx stops it.
//
// Modern packages (collection.anki21b in an .apkg or a .colpkg) are
// unpacked with the importer's bounded zstd code and get the same note,
// card, revlog, media and id checks; their note types, decks and presets
// come from the schema-18 tables (see checkCol18). Reading the database
// keeps the importer's row budget and time limit.
func Validate(ctx context.Context, path string, now time.Time) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotPackage, err)
	}
	defer zr.Close()
	files, err := checkZip(&zr.Reader)
	if err != nil {
		return err
	}
	var p problems
	colFile, latest, cerr := collectionEntry(files)
	latest = cerr == nil && latest
	if !latest {
		if _, ok := files["meta"]; ok {
			p.add("layout", "package has a meta entry; mnemo writes legacy packages without one")
		}
		var ok bool
		if colFile, ok = files["collection.anki2"]; !ok {
			p.add("layout", "no collection.anki2 (the only entry every importer reads)")
			return p.err()
		}
	}
	media := packageMedia(files, latest, &p)
	names := map[string]bool{}
	for k, name := range media {
		if _, err := strconv.Atoi(k); err != nil {
			p.add("media", "key %q is not an integer", k)
		}
		if _, ok := files[k]; !ok {
			p.add("media", "%s (%s) missing from archive", k, name)
		}
		if !safeEntryName(name) || name != strings.TrimSpace(name) {
			p.add("media", "file name %q is not a safe bare name", name)
		}
		if names[name] {
			p.add("media", "file name %q appears twice", name)
		}
		names[name] = true
	}
	for name := range files {
		if _, err := strconv.Atoi(name); err == nil {
			if _, ok := media[name]; !ok {
				p.add("media", "entry %s is not in the media map", name)
			}
		}
	}
	dir, err := os.MkdirTemp("", "mnemo-validate-")
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	defer os.RemoveAll(dir)
	dbPath, err := extract(ctx, colFile, dir, latest)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return fmt.Errorf("validate: open collection: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// the same budgets as Import: a hostile collection cannot run forever
	rctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	v := &validator{db: db, p: &p, now: now, media: names, latest: latest, ctx: rctx}
	if err := v.run(rctx); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("validate: %w", cerr)
		}
		if errors.Is(err, ErrUnsafe) {
			return fmt.Errorf("validate: %w", err)
		}
		if errors.Is(rctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("validate: %w: reading the collection took longer than %v", ErrUnsafe, readTimeout)
		}
		p.add("sqlite", "%v", err)
	}
	return p.err()
}

// packageMedia reads the media list: a JSON object for legacy packages, a
// zstd-compressed protobuf MediaEntries (the n-th name is entry n) for
// collection.anki21b ones, decoded by the importer's own code.
func packageMedia(files map[string]*zip.File, latest bool, p *problems) map[string]string {
	media := map[string]string{}
	mf, ok := files["media"]
	if !ok {
		p.add("media", "no media entry (old Anki crashes without one)")
		return media
	}
	b, err := readEntry(mf, maxMediaMap)
	if err != nil {
		p.add("media", "%v", err)
		return media
	}
	if !latest {
		if err := json.Unmarshal(b, &media); err != nil {
			p.add("media", "media is not a JSON object of strings: %v", err)
		}
		return media
	}
	if b, err = unzstd(b, maxMediaMap); err != nil {
		p.add("media", "media list is not zstd: %v", err)
		return media
	}
	list, err := mediaEntries(b)
	if err != nil {
		p.add("media", "%v", err)
		return media
	}
	if len(list) > maxMediaFiles {
		p.add("media", "the package lists %d media files (at most %d)", len(list), maxMediaFiles)
		list = list[:maxMediaFiles]
	}
	for i, name := range list {
		media[strconv.Itoa(i)] = name
	}
	return media
}

type validator struct {
	db    *sql.DB
	p     *problems
	now   time.Time
	media map[string]bool
	// latest: a collection.anki21b (schema 18: note types, fields,
	// templates, decks and presets in tables of their own)
	latest bool
	ctx    context.Context
	rows   int

	crt     int64
	models  map[int64]*vModel
	deckIDs map[int64]bool
}

type vModel struct {
	typ    int
	nflds  int
	ntmpls int
	sortf  int
}

func (v *validator) run(ctx context.Context) error {
	var ok string
	if err := v.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if ok != "ok" {
		v.p.add("sqlite", "integrity check: %s", ok)
	}
	var jmode string
	if err := v.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&jmode); err == nil && strings.EqualFold(jmode, "wal") {
		v.p.add("sqlite", "journal mode is WAL; Anki expects DELETE")
	}
	checkCol := v.checkCol
	if v.latest {
		checkCol = v.checkCol18
	}
	if err := checkCol(ctx); err != nil {
		return err
	}
	if err := v.checkNotes(ctx); err != nil {
		return err
	}
	if err := v.checkCards(ctx); err != nil {
		return err
	}
	return v.checkRevlog(ctx)
}

// row counts a row read against maxRows and checks for cancellation.
func (v *validator) row() error {
	v.rows++
	if v.rows > maxRows {
		return fmt.Errorf("%w: the collection has more than %d rows", ErrUnsafe, maxRows)
	}
	if v.rows%1024 == 0 {
		return v.ctx.Err()
	}
	return nil
}

// requireKeys reports the keys of obj missing from want.
func (v *validator) requireKeys(rule, what string, obj map[string]json.RawMessage, want ...string) {
	for _, k := range want {
		if _, ok := obj[k]; !ok {
			v.p.add(rule, "%s lacks required key %q", what, k)
		}
	}
}

// checkColRows checks that the col table has one row, reporting whether
// there is a row to read.
func (v *validator) checkColRows(ctx context.Context) (bool, error) {
	var n int
	if err := v.db.QueryRowContext(ctx, "SELECT count(*) FROM col").Scan(&n); err != nil {
		return false, fmt.Errorf("read col: %w", err)
	}
	if n != 1 {
		v.p.add("col", "has %d rows, want 1", n)
	}
	return n > 0, nil
}

func (v *validator) checkCol(ctx context.Context) error {
	if ok, err := v.checkColRows(ctx); !ok {
		return err
	}
	var mod, scm, ver int64
	var conf, models, decks, dconf, tags string
	row := v.db.QueryRowContext(ctx, "SELECT crt, mod, scm, ver, conf, models, decks, dconf, tags FROM col LIMIT 1")
	if err := row.Scan(&v.crt, &mod, &scm, &ver, &conf, &models, &decks, &dconf, &tags); err != nil {
		return fmt.Errorf("read col: %w", err)
	}
	if ver != 11 {
		v.p.add("col", "ver is %d, want 11", ver)
	}
	if v.crt <= 0 || v.crt > v.now.Unix() {
		v.p.add("col", "crt %d is not a past time in seconds", v.crt)
	}
	if mod > v.now.UnixMilli() || scm > v.now.UnixMilli() {
		v.p.add("col", "mod/scm are later than now")
	}
	var confObj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(conf), &confObj); err != nil {
		v.p.add("conf", "not a JSON object: %v", err)
	} else {
		v.requireKeys("conf", "conf", confObj, "activeDecks", "curDeck", "newSpread", "collapseTime", "timeLim",
			"estTimes", "dueCounts", "curModel", "nextPos", "sortType", "sortBackwards", "addToCur",
			"dayLearnFirst", "schedVer", "sched2021", "rollover", "creationOffset")
		var sv int
		if raw, ok := confObj["schedVer"]; !ok || json.Unmarshal(raw, &sv) != nil || sv != 2 {
			v.p.add("conf", "schedVer must be 2 (otherwise Anki upgrades the scheduler and corrupts the review log)")
		}
		var ro int
		if raw, ok := confObj["rollover"]; ok && (json.Unmarshal(raw, &ro) != nil || ro < 0 || ro > 23) {
			v.p.add("conf", "rollover must be an hour 0-23")
		}
	}
	var tagObj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(tags), &tagObj); err != nil {
		v.p.add("col", "tags is not a JSON object: %v", err)
	}
	v.checkModels(models)
	presets := v.checkDConf(dconf)
	v.checkDecks(decks, presets)
	return nil
}

func (v *validator) checkModels(s string) {
	v.models = map[int64]*vModel{}
	var ms map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &ms); err != nil {
		v.p.add("models", "not a JSON object of note types: %v", err)
		return
	}
	names := map[string]bool{}
	for key, m := range ms {
		what := "note type " + key
		v.requireKeys("models", what, m, "id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css")
		var id json.Number
		if raw, ok := m["id"]; ok {
			var idAny any
			dec := json.NewDecoder(strings.NewReader(string(raw)))
			dec.UseNumber()
			if dec.Decode(&idAny) == nil {
				switch t := idAny.(type) {
				case json.Number:
					id = t
				case string:
					id = json.Number(t)
				}
			}
		}
		nid, err := id.Int64()
		if err != nil || strconv.FormatInt(nid, 10) != key {
			v.p.add("models", "%s: id %s does not match its key", what, id)
			nid, _ = strconv.ParseInt(key, 10, 64)
		}
		var name string
		_ = json.Unmarshal(m["name"], &name)
		if names[name] {
			v.p.add("models", "%s: name %q is not unique", what, name)
		}
		names[name] = true
		vm := &vModel{}
		if err := json.Unmarshal(m["type"], &vm.typ); err != nil || (vm.typ != 0 && vm.typ != 1) {
			v.p.add("models", "%s: type must be 0 or 1", what)
		}
		_ = json.Unmarshal(m["sortf"], &vm.sortf)
		var flds []map[string]json.RawMessage
		if err := json.Unmarshal(m["flds"], &flds); err != nil || len(flds) == 0 {
			v.p.add("models", "%s: flds must be a non-empty list", what)
		}
		for i, f := range flds {
			v.requireKeys("models", fmt.Sprintf("%s field %d", what, i), f, "name", "ord", "sticky", "rtl", "font", "size")
		}
		vm.nflds = len(flds)
		if vm.sortf < 0 || vm.sortf >= max(vm.nflds, 1) {
			v.p.add("models", "%s: sortf %d out of range", what, vm.sortf)
		}
		var tmpls []map[string]json.RawMessage
		if err := json.Unmarshal(m["tmpls"], &tmpls); err != nil || len(tmpls) == 0 {
			v.p.add("models", "%s: tmpls must be a non-empty list", what)
		}
		for i, t := range tmpls {
			tw := fmt.Sprintf("%s template %d", what, i)
			v.requireKeys("models", tw, t, "name", "ord", "qfmt", "afmt", "bqfmt", "bafmt", "did")
			var q, a string
			_ = json.Unmarshal(t["qfmt"], &q)
			_ = json.Unmarshal(t["afmt"], &a)
			if !strings.Contains(a, "<hr id=answer>") {
				v.p.add("models", "%s: afmt lacks the literal <hr id=answer>", tw)
			}
			if vm.typ == 1 && !strings.Contains(q, "{{cloze:") {
				v.p.add("models", "%s: a cloze template needs {{cloze:Field}}", tw)
			}
		}
		if vm.typ == 1 && len(tmpls) != 1 {
			v.p.add("models", "%s: a cloze note type has exactly one template, not %d", what, len(tmpls))
		}
		vm.ntmpls = len(tmpls)
		if raw, ok := m["req"]; ok {
			var req [][]json.RawMessage
			if err := json.Unmarshal(raw, &req); err != nil {
				v.p.add("models", "%s: req is not a list of [ord, kind, fields]", what)
			}
			for _, r := range req {
				if len(r) != 3 {
					v.p.add("models", "%s: req entry has %d items, want 3", what, len(r))
				}
			}
		}
		v.models[nid] = vm
	}
}

func (v *validator) checkDConf(s string) map[int64]bool {
	presets := map[int64]bool{}
	var cs map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &cs); err != nil {
		v.p.add("dconf", "not a JSON object of presets: %v", err)
		return presets
	}
	for key, c := range cs {
		what := "preset " + key
		v.requireKeys("dconf", what, c, "id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "new", "rev", "lapse")
		var id int64
		if err := json.Unmarshal(c["id"], &id); err != nil || strconv.FormatInt(id, 10) != key {
			v.p.add("dconf", "%s: id does not match its key", what)
		}
		presets[id] = true
		sub := func(name string, keys ...string) map[string]json.RawMessage {
			var o map[string]json.RawMessage
			if err := json.Unmarshal(c[name], &o); err != nil {
				v.p.add("dconf", "%s: %s is not an object", what, name)
				return nil
			}
			v.requireKeys("dconf", what+" "+name, o, keys...)
			return o
		}
		if o := sub("new", "delays", "initialFactor", "ints", "order", "perDay"); o != nil {
			var f float64
			if err := json.Unmarshal(o["initialFactor"], &f); err != nil || f <= 1300 {
				v.p.add("dconf", "%s: new.initialFactor must be permille above 1300 (e.g. 2500)", what)
			}
		}
		sub("rev", "ease4", "ivlFct", "maxIvl", "perDay")
		sub("lapse", "delays", "leechAction", "leechFails", "minInt", "mult")
		if raw, ok := c["desiredRetention"]; ok {
			var r float64
			if err := json.Unmarshal(raw, &r); err != nil || r <= 0 || r >= 1 {
				v.p.add("dconf", "%s: desiredRetention must be a fraction between 0 and 1", what)
			}
		}
	}
	return presets
}

func (v *validator) checkDecks(s string, presets map[int64]bool) {
	v.deckIDs = map[int64]bool{}
	var ds map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &ds); err != nil {
		v.p.add("decks", "not a JSON object of decks: %v", err)
		return
	}
	names := map[string]bool{}
	for key, d := range ds {
		what := "deck " + key
		v.requireKeys("decks", what, d, "id", "name", "usn", "collapsed", "dyn", "conf",
			"lrnToday", "revToday", "newToday", "timeToday")
		var id int64
		if err := json.Unmarshal(d["id"], &id); err != nil || strconv.FormatInt(id, 10) != key {
			v.p.add("decks", "%s: id does not match its key", what)
		}
		v.deckIDs[id] = true
		var name string
		_ = json.Unmarshal(d["name"], &name)
		if name == "" || names[name] {
			v.p.add("decks", "%s: name %q is empty or not unique", what, name)
		}
		names[name] = true
		for _, k := range []string{"lrnToday", "revToday", "newToday", "timeToday"} {
			var pair []int64
			if raw, ok := d[k]; ok && (json.Unmarshal(raw, &pair) != nil || len(pair) != 2) {
				v.p.add("decks", "%s: %s must be [day, count]", what, k)
			}
		}
		var dyn int
		_ = json.Unmarshal(d["dyn"], &dyn)
		var conf int64
		if dyn == 0 && (json.Unmarshal(d["conf"], &conf) != nil || !presets[conf]) {
			v.p.add("decks", "%s: preset %d is not in dconf", what, conf)
		}
	}
	if !v.deckIDs[1] {
		v.p.add("decks", "the Default deck (id 1) is missing")
	}
	for name := range names {
		if i := strings.LastIndex(name, "::"); i > 0 && !names[name[:i]] {
			v.p.add("decks", "deck %q has no parent deck %q", name, name[:i])
		}
	}
}

func (v *validator) checkNotes(ctx context.Context) error {
	rows, err := v.db.QueryContext(ctx, `SELECT id, guid, typeof(guid), mid, mod, tags, typeof(tags), flds, typeof(flds),
		cast(sfld AS text), typeof(sfld), csum FROM notes`)
	if err != nil {
		return fmt.Errorf("read notes: %w", err)
	}
	defer rows.Close()
	guids := map[string]int64{}
	nowMS, nowS := v.now.UnixMilli(), v.now.Unix()
	for rows.Next() {
		var id, mid, mod, csum int64
		var guid, tguid, tags, ttags, flds, tflds, sfld, tsfld string
		if err := rows.Scan(&id, &guid, &tguid, &mid, &mod, &tags, &ttags, &flds, &tflds, &sfld, &tsfld, &csum); err != nil {
			return fmt.Errorf("read notes: %w", err)
		}
		if err := v.row(); err != nil {
			return err
		}
		what := fmt.Sprintf("note %d", id)
		if tguid != "text" || ttags != "text" || tflds != "text" {
			v.p.add("notes", "%s: guid, tags and flds must be TEXT, not %s/%s/%s", what, tguid, ttags, tflds)
		}
		if id <= 0 || id > nowMS {
			v.p.add("ids", "%s: id is not a past time in ms", what)
		}
		if mod > nowS {
			v.p.add("notes", "%s: mod is later than now", what)
		}
		if guid == "" {
			v.p.add("notes", "%s: empty guid", what)
		} else if other, dup := guids[guid]; dup {
			v.p.add("notes", "%s: guid %q already used by note %d", what, guid, other)
		}
		guids[guid] = id
		if tags != "" && (!strings.HasPrefix(tags, " ") || !strings.HasSuffix(tags, " ")) {
			v.p.add("notes", "%s: tags %q must be \" a b \" or empty", what, tags)
		}
		m, ok := v.models[mid]
		if !ok {
			v.p.add("notes", "%s: note type %d does not exist", what, mid)
			continue
		}
		fields := strings.Split(flds, "\x1f")
		if len(fields) != m.nflds {
			v.p.add("notes", "%s: note has %d fields, expected %d", what, len(fields), m.nflds)
			continue
		}
		want := ankitext.StripHTMLPreservingMediaFilenames(fields[m.sortf])
		if sfld != want && !(tsfld != "text" && numericEqual(sfld, want)) {
			v.p.add("notes", "%s: sfld %q, want %q", what, sfld, want)
		}
		if uint32(csum) != ankitext.FieldChecksum(fields[0]) || csum < 0 || csum > math.MaxUint32 {
			v.p.add("notes", "%s: csum %d, want %d", what, csum, ankitext.FieldChecksum(fields[0]))
		}
		for _, f := range fields {
			for _, ref := range ankitext.MediaRefs(f) {
				if isRemote(ref) {
					continue
				}
				if !v.media[ref] {
					v.p.add("media", "%s references %q, which is not in the package", what, ref)
				}
			}
		}
	}
	return rows.Err()
}

// numericEqual compares an sfld SQLite stored as a number with the text it
// came from.
func numericEqual(a, b string) bool {
	x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	return err1 == nil && err2 == nil && x == y
}

func inRange(x, lo, hi int64) bool { return x >= lo && x <= hi }

func (v *validator) checkCards(ctx context.Context) error {
	rows, err := v.db.QueryContext(ctx, `SELECT c.id, c.nid, c.did, c.ord, c.mod, c.type, c.queue, c.due, c.ivl,
		c.factor, c.reps, c.lapses, c.left, c.odue, c.odid, c.flags, c.data, n.mid, n.flds
		FROM cards c LEFT JOIN notes n ON n.id = c.nid`)
	if err != nil {
		return fmt.Errorf("read cards: %w", err)
	}
	defer rows.Close()
	nowMS, nowS := v.now.UnixMilli(), v.now.Unix()
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var id, nid, did, ord, mod, typ, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags int64
		var data string
		var mid sql.NullInt64
		var flds sql.NullString
		if err := rows.Scan(&id, &nid, &did, &ord, &mod, &typ, &queue, &due, &ivl, &factor, &reps, &lapses, &left,
			&odue, &odid, &flags, &data, &mid, &flds); err != nil {
			return fmt.Errorf("read cards: %w", err)
		}
		if err := v.row(); err != nil {
			return err
		}
		what := fmt.Sprintf("card %d", id)
		if id <= 0 || id > nowMS {
			v.p.add("ids", "%s: id is not a past time in ms", what)
		}
		if mod > nowS {
			v.p.add("cards", "%s: mod is later than now", what)
		}
		if !mid.Valid {
			v.p.add("cards", "%s: note %d does not exist", what, nid)
			continue
		}
		if !v.deckIDs[did] {
			v.p.add("cards", "%s: deck %d does not exist", what, did)
		}
		if odid != 0 && !v.deckIDs[odid] {
			v.p.add("cards", "%s: original deck %d does not exist", what, odid)
		}
		if seen[[2]int64{nid, ord}] {
			v.p.add("cards", "%s: note %d already has a card with ord %d", what, nid, ord)
		}
		seen[[2]int64{nid, ord}] = true
		// value ranges of row_to_card
		for _, r := range []struct {
			name   string
			x      int64
			lo, hi int64
		}{
			{"ord", ord, 0, math.MaxUint16}, {"type", typ, 0, 3}, {"queue", queue, -3, 4},
			{"due", due, math.MinInt32, math.MaxInt32}, {"ivl", ivl, 0, math.MaxUint32},
			{"factor", factor, 0, math.MaxUint16}, {"reps", reps, 0, math.MaxUint32},
			{"lapses", lapses, 0, math.MaxUint32}, {"left", left, 0, math.MaxUint32},
			{"odue", odue, math.MinInt32, math.MaxInt32}, {"flags", flags, 0, math.MaxUint8},
		} {
			if !inRange(r.x, r.lo, r.hi) {
				v.p.add("ranges", "%s: %s %d is outside %d..%d", what, r.name, r.x, r.lo, r.hi)
			}
		}
		if m := v.models[mid.Int64]; m != nil {
			if m.typ == 0 && ord >= int64(m.ntmpls) {
				v.p.add("cards", "%s: ord %d but the note type has %d templates", what, ord, m.ntmpls)
			}
			if m.typ == 1 {
				nums := ClozeNumbers(strings.SplitN(flds.String, "\x1f", 2)[0])
				found := false
				for _, n := range nums {
					found = found || int64(n) == ord+1
				}
				if !found && !(len(nums) == 0 && ord == 0) {
					v.p.add("cards", "%s: ord %d has no {{c%d::...}} in the note's text", what, ord, ord+1)
				}
			}
		}
		v.checkDue(what, typ, queue, due, ivl, reps)
		v.checkData(what, data, nowS)
	}
	return rows.Err()
}

// maxDayDue is the largest review due Check Database leaves alone.
const maxDayDue = 100_000

func (v *validator) checkDue(what string, typ, queue, due, ivl, reps int64) {
	today := (v.now.Unix() - v.crt) / 86400
	isDay := func() bool { return due > -36500 && due <= maxDayDue }
	isTime := func() bool { return due > 1_000_000_000 && due <= v.now.Unix()+2*86400 }
	switch queue {
	case 0:
		if typ != 0 {
			v.p.add("due", "%s: queue 0 (new) but type %d", what, typ)
		}
		if due < 0 || due >= 1_000_000 {
			v.p.add("due", "%s: new position %d outside 0..999999", what, due)
		}
	case 1, 4:
		if typ != 1 && typ != 3 && queue == 1 {
			v.p.add("due", "%s: queue 1 (learning) but type %d", what, typ)
		}
		if !isTime() {
			v.p.add("due", "%s: queue %d due %d is not a time in seconds near now", what, queue, due)
		}
	case 2, 3:
		if queue == 2 && typ != 2 {
			v.p.add("due", "%s: queue 2 (review) but type %d", what, typ)
		}
		if queue == 3 && typ != 1 && typ != 3 {
			v.p.add("due", "%s: queue 3 (day learning) but type %d", what, typ)
		}
		if !isDay() {
			v.p.add("due", "%s: queue %d due %d is not a day number (today is %d)", what, queue, due, today)
		}
	default: // suspended or buried: due keeps the meaning of the type
		switch typ {
		case 0:
			if due < 0 || due >= 1_000_000 {
				v.p.add("due", "%s: new position %d outside 0..999999", what, due)
			}
		case 2:
			if !isDay() {
				v.p.add("due", "%s: suspended/buried review card due %d is not a day number", what, due)
			}
		default:
			if !isDay() && !isTime() {
				v.p.add("due", "%s: due %d is neither a day number nor a time", what, due)
			}
		}
	}
	if (typ == 2 || typ == 3) && reps < 1 {
		v.p.add("cards", "%s: a review/relearning card needs reps >= 1", what)
	}
	if typ == 2 && ivl < 1 {
		v.p.add("cards", "%s: a review card needs ivl >= 1", what)
	}
}

func (v *validator) checkData(what, data string, nowS int64) {
	if data == "" {
		return
	}
	var d struct {
		S   *float64 `json:"s"`
		D   *float64 `json:"d"`
		DR  *float64 `json:"dr"`
		LRT *int64   `json:"lrt"`
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		v.p.add("data", "%s: data is not a JSON object: %v", what, err)
		return
	}
	if d.S != nil && *d.S <= 0 {
		v.p.add("data", "%s: stability %g must be positive", what, *d.S)
	}
	if d.D != nil && (*d.D < 1 || *d.D > 10) {
		v.p.add("data", "%s: difficulty %g outside 1..10", what, *d.D)
	}
	if d.DR != nil && (*d.DR <= 0 || *d.DR >= 1) {
		v.p.add("data", "%s: desired retention %g outside (0, 1)", what, *d.DR)
	}
	if d.LRT != nil && (*d.LRT <= 0 || *d.LRT > nowS) {
		v.p.add("data", "%s: last review time %d is not a past time in seconds", what, *d.LRT)
	}
}

func (v *validator) checkRevlog(ctx context.Context) error {
	rows, err := v.db.QueryContext(ctx, `SELECT r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type,
		c.id IS NOT NULL FROM revlog r LEFT JOIN cards c ON c.id = r.cid`)
	if err != nil {
		return fmt.Errorf("read revlog: %w", err)
	}
	defer rows.Close()
	nowMS := v.now.UnixMilli()
	for rows.Next() {
		var id, cid, ease, ivl, lastIvl, factor, took, typ int64
		var ok bool
		if err := rows.Scan(&id, &cid, &ease, &ivl, &lastIvl, &factor, &took, &typ, &ok); err != nil {
			return fmt.Errorf("read revlog: %w", err)
		}
		if err := v.row(); err != nil {
			return err
		}
		what := fmt.Sprintf("review %d", id)
		if !ok {
			v.p.add("revlog", "%s: card %d does not exist", what, cid)
		}
		if id <= 0 || id > nowMS {
			v.p.add("ids", "%s: id is not a past time in ms", what)
		}
		for _, r := range []struct {
			name   string
			x      int64
			lo, hi int64
		}{
			{"ease", ease, 0, 4}, {"type", typ, 0, 5}, {"ivl", ivl, math.MinInt32, math.MaxInt32},
			{"lastIvl", lastIvl, math.MinInt32, math.MaxInt32}, {"factor", factor, 0, math.MaxUint32},
			{"time", took, 0, math.MaxUint32},
		} {
			if !inRange(r.x, r.lo, r.hi) {
				v.p.add("ranges", "%s: %s %d is outside %d..%d", what, r.name, r.x, r.lo, r.hi)
			}
		}
		if ease == 0 && typ < 3 {
			v.p.add("revlog", "%s: ease 0 (no button) in a type %d (answer) row", what, typ)
		}
	}
	return rows.Err()
}
