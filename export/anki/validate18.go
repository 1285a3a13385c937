package anki

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// checkCol18 checks the collection-wide data of a schema-15..18 collection
// (collection.anki21b): the col row (one, ver 15-18, crt), the rollover
// setting, and the note types, fields, templates, decks and presets that
// live in tables of their own. It fills v.crt, v.models and v.deckIDs for
// the note, card and revlog checks shared with legacy packages.
func (v *validator) checkCol18(ctx context.Context) error {
	if ok, err := v.checkColRows(ctx); !ok {
		return err
	}
	var ver int64
	if err := v.db.QueryRowContext(ctx, "SELECT crt, ver FROM col LIMIT 1").Scan(&v.crt, &ver); err != nil {
		return fmt.Errorf("read col: %w", err)
	}
	if ver < 15 || ver > 18 {
		v.p.add("col", "ver is %d, want 15 to 18 in a collection.anki21b", ver)
	}
	if v.crt <= 0 || v.crt > v.now.Unix() {
		v.p.add("col", "crt %d is not a past time in seconds", v.crt)
	}
	var ro sql.NullString
	err := v.db.QueryRowContext(ctx, "SELECT cast(val AS text) FROM config WHERE KEY = 'rollover'").Scan(&ro)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return fmt.Errorf("read config: %w", err)
	default:
		if h, err := strconv.Atoi(strings.TrimSpace(ro.String)); err != nil || h < 0 || h > 23 {
			v.p.add("conf", "rollover %q must be an hour 0-23", ro.String)
		}
	}
	if err := v.checkNotetypes18(ctx); err != nil {
		return err
	}
	return v.checkDecks18(ctx)
}

// checkNotetypes18 reads note types (Notetype.Config: kind = 1, 0 normal
// 1 cloze; sort_field_idx = 2) with their fields and templates.
func (v *validator) checkNotetypes18(ctx context.Context) error {
	v.models = map[int64]*vModel{}
	names := map[string]bool{}
	err := v.each(ctx, "notetypes", "SELECT id, name, config FROM notetypes", func(rows *sql.Rows) error {
		var id int64
		var name string
		var config []byte
		if err := rows.Scan(&id, &name, &config); err != nil {
			return err
		}
		what := fmt.Sprintf("note type %d", id)
		if names[strings.ToLower(name)] {
			v.p.add("models", "%s: name %q is not unique", what, name)
		}
		names[strings.ToLower(name)] = true
		vm := &vModel{}
		if err := protoFields(config, func(field, wire, x uint64, _ []byte) error {
			switch {
			case field == 1 && wire == 0:
				vm.typ = int(min(x, 1<<20))
			case field == 2 && wire == 0:
				vm.sortf = int(min(x, 1<<20))
			}
			return nil
		}); err != nil {
			v.p.add("models", "%s: config: %v", what, err)
		}
		if vm.typ != 0 && vm.typ != 1 {
			v.p.add("models", "%s: kind must be 0 (normal) or 1 (cloze), not %d", what, vm.typ)
		}
		v.models[id] = vm
		return nil
	})
	if err != nil {
		return err
	}
	for _, table := range []string{"fields", "templates"} {
		ords := map[int64]int64{} // next expected ord per note type
		err := v.each(ctx, table, "SELECT ntid, ord FROM "+table+" ORDER BY ntid, ord", func(rows *sql.Rows) error {
			var ntid, ord int64
			if err := rows.Scan(&ntid, &ord); err != nil {
				return err
			}
			m := v.models[ntid]
			if m == nil {
				v.p.add("models", "%s row of note type %d, which does not exist", table, ntid)
				return nil
			}
			if ord != ords[ntid] {
				v.p.add("models", "note type %d: %s ords are not 0, 1, 2...: found %d, want %d", ntid, table, ord, ords[ntid])
			}
			ords[ntid] = ord + 1
			if table == "fields" {
				m.nflds++
			} else {
				m.ntmpls++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for id, m := range v.models {
		what := fmt.Sprintf("note type %d", id)
		if m.nflds == 0 {
			v.p.add("models", "%s has no fields", what)
		} else if m.sortf >= m.nflds {
			v.p.add("models", "%s: sort field %d out of range", what, m.sortf)
		}
		if m.ntmpls == 0 {
			v.p.add("models", "%s has no templates", what)
		}
		if m.typ == 1 && m.ntmpls > 1 {
			v.p.add("models", "%s: a cloze note type has exactly one template, not %d", what, m.ntmpls)
		}
	}
	return nil
}

// checkDecks18 reads decks (names with U+001F between levels; kind is a
// KindContainer: normal = 1 { config_id = 1 }, filtered = 2) and checks
// parents, the Default deck and preset references against deck_config.
func (v *validator) checkDecks18(ctx context.Context) error {
	presets := map[int64]bool{}
	err := v.each(ctx, "deck_config", "SELECT id FROM deck_config", func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		presets[id] = true
		return nil
	})
	if err != nil {
		return err
	}
	v.deckIDs = map[int64]bool{}
	names := map[string]bool{}
	err = v.each(ctx, "decks", "SELECT id, name, kind FROM decks", func(rows *sql.Rows) error {
		var id int64
		var name string
		var kind []byte
		if err := rows.Scan(&id, &name, &kind); err != nil {
			return err
		}
		what := fmt.Sprintf("deck %d", id)
		v.deckIDs[id] = true
		key := strings.ToLower(name)
		if name == "" || names[key] {
			v.p.add("decks", "%s: name %q is empty or not unique", what, name)
		}
		names[key] = true
		normal, conf := false, int64(0)
		if err := protoFields(kind, func(field, wire, _ uint64, data []byte) error {
			if field == 1 && wire == 2 {
				normal = true
				return protoFields(data, func(f, w, x uint64, _ []byte) error {
					if f == 1 && w == 0 {
						conf = int64(min(x, 1<<62))
					}
					return nil
				})
			}
			return nil
		}); err != nil {
			v.p.add("decks", "%s: kind: %v", what, err)
		} else if normal && !presets[conf] {
			v.p.add("decks", "%s: preset %d is not in deck_config", what, conf)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !v.deckIDs[1] {
		v.p.add("decks", "the Default deck (id 1) is missing")
	}
	for name := range names {
		if i := strings.LastIndex(name, "\x1f"); i > 0 && !names[name[:i]] {
			v.p.add("decks", "deck %q has no parent deck %q",
				strings.ReplaceAll(name, "\x1f", "::"), strings.ReplaceAll(name[:i], "\x1f", "::"))
		}
	}
	return nil
}

// each runs query and calls fn on every row, counting rows against the
// budget.
func (v *validator) each(ctx context.Context, what, query string, fn func(*sql.Rows) error) error {
	rows, err := v.db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		if err := v.row(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}
