package anki

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/export/anki/ankitest"
)

// modernNow is a time after everything in the modern test package.
var modernNow = ankitest.Answered.Add(7 * 24 * time.Hour)

func TestValidateModernPackageAndColpkg(t *testing.T) {
	for _, name := range []string{"deck.apkg", "collection.colpkg"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			ankitest.ModernPackage(t, path, ankitest.ModernOptions{})
			if err := Validate(context.Background(), path, modernNow); err != nil {
				t.Fatalf("the unbroken modern package is invalid: %v", err)
			}
		})
	}
}

func TestValidateModernCatches(t *testing.T) {
	sqlMut := func(stmts ...string) func(db *sql.DB) error {
		return func(db *sql.DB) error {
			for _, s := range stmts {
				if _, err := db.Exec(s); err != nil {
					return fmt.Errorf("%s: %w", s, err)
				}
			}
			return nil
		}
	}
	for _, tc := range []struct {
		name string
		opts ankitest.ModernOptions
		want string
	}{
		{"missing deck", ankitest.ModernOptions{Mutate: sqlMut("DELETE FROM decks WHERE id = 2001")}, "deck 2001 does not exist"},
		{"missing parent deck", ankitest.ModernOptions{Mutate: sqlMut("DELETE FROM decks WHERE id = 2000")}, `has no parent deck "lang"`},
		{"default deck missing", ankitest.ModernOptions{Mutate: sqlMut("DELETE FROM decks WHERE id = 1")}, "Default deck"},
		{"deck preset missing", ankitest.ModernOptions{Mutate: sqlMut("DELETE FROM deck_config WHERE id = 5")}, "preset 5 is not in deck_config"},
		{"card of a missing note", ankitest.ModernOptions{Mutate: sqlMut("UPDATE cards SET nid = 77 WHERE nid = 2")}, "note 77 does not exist"},
		{"too many fields", ankitest.ModernOptions{Mutate: sqlMut("UPDATE notes SET flds = flds || char(31) || 'x' WHERE id = 1")}, "note has 3 fields, expected 2"},
		{"field row dropped", ankitest.ModernOptions{Mutate: sqlMut("DELETE FROM fields WHERE ntid = 1001 AND ord = 1")}, "note has 2 fields, expected 1"},
		{"field ords with a gap", ankitest.ModernOptions{Mutate: sqlMut("UPDATE fields SET ord = 5 WHERE ntid = 1002 AND ord = 1")}, "fields ords are not 0, 1, 2"},
		{"note of a missing note type", ankitest.ModernOptions{Mutate: sqlMut("UPDATE notes SET mid = 4242 WHERE id = 1")}, "note type 4242 does not exist"},
		{"ord beyond templates", ankitest.ModernOptions{Mutate: sqlMut("UPDATE cards SET ord = 3 WHERE nid = 1")}, "but the note type has 1 templates"},
		{"revlog of a missing card", ankitest.ModernOptions{Mutate: sqlMut("UPDATE revlog SET cid = 12345 WHERE id = (SELECT min(id) FROM revlog)")}, "card 12345 does not exist"},
		{"review in the future", ankitest.ModernOptions{Mutate: sqlMut("UPDATE revlog SET id = 9999999999999 WHERE id = (SELECT max(id) FROM revlog)")}, "id is not a past time"},
		{"factor out of range", ankitest.ModernOptions{Mutate: sqlMut("UPDATE cards SET factor = 70000 WHERE nid = 1")}, "factor 70000 is outside"},
		{"schema version", ankitest.ModernOptions{Mutate: sqlMut("UPDATE col SET ver = 11")}, "ver is 11, want 15 to 18"},
		{"rollover", ankitest.ModernOptions{Mutate: sqlMut("UPDATE config SET val = CAST('30' AS blob) WHERE KEY = 'rollover'")}, "rollover"},
		{"csum", ankitest.ModernOptions{Mutate: sqlMut("UPDATE notes SET csum = 1 WHERE id = 1")}, "csum 1, want"},
		{"media file missing", ankitest.ModernOptions{Edit: func(e map[string][]byte) { delete(e, "0") }}, "0 (cat.png) missing from archive"},
		{"image not in media list", ankitest.ModernOptions{Mutate: sqlMut(`UPDATE notes SET flds = flds || '<img src="dog.png">' WHERE id = 1`)}, `references "dog.png"`},
		{"media name unsafe", ankitest.ModernOptions{HostileMedia: true}, `"../evil.png" is not a safe bare name`},
		{"media entry not listed", ankitest.ModernOptions{Edit: func(e map[string][]byte) { e["7"] = []byte("x") }}, "entry 7 is not in the media map"},
		{"media list not zstd", ankitest.ModernOptions{Edit: func(e map[string][]byte) { e["media"] = []byte{0x0a, 0x00} }}, "media list is not zstd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "broken.apkg")
			ankitest.ModernPackage(t, path, tc.opts)
			err := Validate(context.Background(), path, modernNow)
			if err == nil {
				t.Fatal("the broken package passed")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not mention %q:\n%v", tc.want, err)
			}
		})
	}
}

func TestValidateModernRefuses(t *testing.T) {
	t.Run("not zstd", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bad.apkg")
		ankitest.ModernPackage(t, path, ankitest.ModernOptions{Edit: func(e map[string][]byte) {
			e["collection.anki21b"] = []byte("SQLite format 3\x00 not zstd")
		}})
		if err := Validate(context.Background(), path, modernNow); !errors.Is(err, ErrNotPackage) {
			t.Errorf("err = %v, want ErrNotPackage", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "deck.apkg")
		ankitest.ModernPackage(t, path, ankitest.ModernOptions{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := Validate(ctx, path, modernNow); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func BenchmarkValidateModern(b *testing.B) {
	path := filepath.Join(b.TempDir(), "deck.apkg")
	ankitest.ModernPackage(b, path, ankitest.ModernOptions{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Validate(context.Background(), path, modernNow); err != nil {
			b.Fatal(err)
		}
	}
}
