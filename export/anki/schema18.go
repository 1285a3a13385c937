package anki

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// readMeta18 reads the collection-wide data of a schema-15..18 collection
// (Anki 2.1.28+ and every collection.anki21b), where note types, fields,
// templates, decks and presets have tables of their own with protobuf
// configs, and settings live in the config table. It fills im.models,
// im.decks and im.presets and returns the settings as conf JSON.
func (im *importer) readMeta18(ctx context.Context, db *sql.DB) (colMeta, error) {
	conf := map[string]json.RawMessage{}
	rows, err := db.QueryContext(ctx, "SELECT KEY, cast(val AS blob) FROM config WHERE KEY IN ('rollover', 'creationOffset')")
	if err != nil {
		return colMeta{}, im.dbErr("config", err)
	}
	for rows.Next() {
		var k string
		var v []byte
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return colMeta{}, im.dbErr("config", err)
		}
		if json.Valid(v) {
			conf[k] = v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return colMeta{}, im.dbErr("config", err)
	}
	if err := im.readNotetypes18(ctx, db); err != nil {
		return colMeta{}, err
	}
	if err := im.readDecks18(ctx, db); err != nil {
		return colMeta{}, err
	}
	return colMeta{conf: marshal(conf)}, nil
}

func (im *importer) readNotetypes18(ctx context.Context, db *sql.DB) error {
	im.models = map[int64]*iModel{}
	rows, err := db.QueryContext(ctx, "SELECT id, name, config FROM notetypes")
	if err != nil {
		return im.dbErr("notetypes", err)
	}
	for rows.Next() {
		var id int64
		var name string
		var config []byte
		if err := rows.Scan(&id, &name, &config); err != nil {
			rows.Close()
			return im.dbErr("notetypes", err)
		}
		m := &iModel{name: name}
		// Notetype.Config: kind = 1 (0 normal, 1 cloze)
		if err := protoFields(config, func(field, wire, v uint64, _ []byte) error {
			if field == 1 && wire == 0 {
				m.typ = int(min(v, 2))
			}
			return nil
		}); err != nil {
			rows.Close()
			return corrupt("notetypes", fmt.Errorf("note type %d: %w", id, err))
		}
		im.models[id] = m
		if err := im.row(); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return im.dbErr("notetypes", err)
	}
	type part struct {
		table string
		add   func(m *iModel, ord int64, name string)
	}
	for _, p := range []part{
		{"fields", func(m *iModel, ord int64, name string) {
			if ord >= 0 && ord < 1000 {
				for int64(len(m.fields)) <= ord {
					m.fields = append(m.fields, "")
				}
				m.fields[ord] = name
			}
		}},
		{"templates", func(m *iModel, _ int64, _ string) { m.ntmpls++ }},
	} {
		rows, err := db.QueryContext(ctx, "SELECT ntid, ord, name FROM "+p.table+" ORDER BY ntid, ord")
		if err != nil {
			return im.dbErr(p.table, err)
		}
		for rows.Next() {
			var ntid, ord int64
			var name string
			if err := rows.Scan(&ntid, &ord, &name); err != nil {
				rows.Close()
				return im.dbErr(p.table, err)
			}
			if m := im.models[ntid]; m != nil {
				p.add(m, ord, name)
			}
			if err := im.row(); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return im.dbErr(p.table, err)
		}
	}
	return nil
}

func (im *importer) readDecks18(ctx context.Context, db *sql.DB) error {
	im.decks = map[int64]iDeck{}
	rows, err := db.QueryContext(ctx, "SELECT id, name, kind FROM decks")
	if err != nil {
		return im.dbErr("decks", err)
	}
	for rows.Next() {
		var id int64
		var name string
		var kind []byte
		if err := rows.Scan(&id, &name, &kind); err != nil {
			rows.Close()
			return im.dbErr("decks", err)
		}
		// schema 15+ separates deck levels with U+001F instead of "::"
		d := iDeck{name: strings.ReplaceAll(name, "\x1f", "::"), conf: 1}
		// KindContainer: normal = 1 { config_id = 1 }
		_ = protoFields(kind, func(field, wire, _ uint64, data []byte) error {
			if field == 1 && wire == 2 {
				return protoFields(data, func(f, w, v uint64, _ []byte) error {
					if f == 1 && w == 0 {
						d.conf = int64(v)
					}
					return nil
				})
			}
			return nil
		})
		im.decks[id] = d
		if err := im.row(); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return im.dbErr("decks", err)
	}
	im.presets = map[int64]jsonDConfIn{}
	rows, err = db.QueryContext(ctx, "SELECT id, config FROM deck_config")
	if err != nil {
		return im.dbErr("deck_config", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var config []byte
		if err := rows.Scan(&id, &config); err != nil {
			return im.dbErr("deck_config", err)
		}
		im.presets[id] = preset18(config)
		if err := im.row(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// preset18 reads the options mnemo keeps from a DeckConfig.Config:
// new_per_day 9, reviews_per_day 10, maximum_review_interval 16,
// leech_threshold 22, bury_new 27, desired_retention 37 (float).
func preset18(b []byte) jsonDConfIn {
	var p jsonDConfIn
	intp := func(v uint64) *int { x := int(min(v, 1<<31)); return &x }
	_ = protoFields(b, func(field, wire, v uint64, _ []byte) error {
		switch {
		case field == 9 && wire == 0:
			p.New.PerDay = intp(v)
		case field == 10 && wire == 0:
			p.Rev.PerDay = intp(v)
		case field == 16 && wire == 0:
			p.Rev.MaxIvl = intp(v)
		case field == 22 && wire == 0:
			p.Lapse.LeechFails = intp(v)
		case field == 27 && wire == 0:
			b := v != 0
			p.New.Bury = &b
		case field == 37 && wire == 5:
			f := math.Round(float64(math.Float32frombits(uint32(v)))*1000) / 1000
			p.DesiredRetention = &f
		}
		return nil
	})
	return p
}
