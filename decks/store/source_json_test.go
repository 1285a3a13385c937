package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

func TestDecodeSource(t *testing.T) {
	mtime := time.Date(2026, 3, 4, 5, 6, 7, 890, time.FixedZone("CET", 3600))
	tests := []struct {
		name string
		src  Source
		fast bool // the record takes the fast path
	}{
		{"plain", Source{Path: "/notes/a.md", Size: 123, ModTime: mtime, Hash: "ab12", Cards: []cards.ID{"x1", "y2"}, Root: "/notes"}, true},
		{"no cards", Source{Path: "/n/b.md", Size: 0, ModTime: mtime.UTC(), Hash: "", Root: ""}, true},
		{"empty cards", Source{Path: "/n/c.md", Cards: []cards.ID{}}, true},
		{"unicode path", Source{Path: "/notes/日本語/ä.md", Size: 9, ModTime: mtime, Cards: []cards.ID{"z"}}, true},
		{"zero time", Source{Path: "/n/d.md"}, true},
		{"quote in path", Source{Path: `/n/"quoted".md`, ModTime: mtime}, false},
		{"html characters", Source{Path: "/n/a&b<c>.md", ModTime: mtime}, false},
		{"negative size", Source{Path: "/n/e.md", Size: -1}, true},
		{"generated cards", Source{Path: "/n/f.md", ModTime: mtime, Cards: []cards.ID{"g1", "g2", "e3"}, Root: "/n", Generated: 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := json.Marshal(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var want, got, fast Source
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if err := decodeSource(raw, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeSource = %+v, json.Unmarshal = %+v", got, want)
			}
			if ok := fastSource(raw, &fast); ok != tt.fast {
				t.Errorf("fast path taken = %v, want %v for %s", ok, tt.fast, raw)
			}
		})
	}
	t.Run("damaged record", func(t *testing.T) {
		var s Source
		if err := decodeSource([]byte(`{"path":"/a.md","size":`), &s); err == nil {
			t.Fatal("no error for a truncated record")
		}
	})
}

// decodeSource always agrees with json.Unmarshal.
func FuzzDecodeSource(f *testing.F) {
	for _, s := range []Source{
		{Path: "/notes/a.md", Size: 123, ModTime: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Hash: "ab", Cards: []cards.ID{"x"}, Root: "/notes"},
		{Path: "/n/b.md"},
		{Path: "/n/c.md", Cards: []cards.ID{"a", "b"}, Generated: 1},
	} {
		raw, _ := json.Marshal(s)
		f.Add(raw)
	}
	f.Add([]byte(`{"path":"a\u00e9","size":1,"mtime":"2026-01-02T03:04:05Z","hash":"","cards":null,"root":""}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want, got Source
		wantErr := json.Unmarshal(raw, &want)
		gotErr := decodeSource(raw, &got)
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("error %v, json.Unmarshal's %v, for %q", gotErr, wantErr, raw)
		}
		if wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, json.Unmarshal %+v, for %q", got, want, raw)
		}
	})
}

func BenchmarkDecodeSource(b *testing.B) {
	raw, _ := json.Marshal(Source{Path: "/home/me/notes/topic07/note_01234.md", Size: 1234,
		ModTime: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		Cards: []cards.ID{"a1b2c3d4e5", "f6g7h8i9j0", "k1l2m3n4o5", "p6q7r8s9t0", "u1v2w3x4y5", "z6a7b8c9d0", "e1f2g3h4i5", "j6k7l8m9n0", "o1p2q3r4s5"},
		Root:  "/home/me/notes"})
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			var s Source
			if err := decodeSource(raw, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			var s Source
			if err := json.Unmarshal(raw, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestDecodeSourceNumbers(t *testing.T) {
	for _, size := range []string{"0", "-0", "12", "-12", "012", "-", "1.5", "1e3", "9223372036854775808"} {
		t.Run(size, func(t *testing.T) {
			raw := []byte(`{"path":"/a.md","size":` + size + `,"mtime":"0001-01-01T00:00:00Z","hash":"","cards":null,"root":""}`)
			var want, got Source
			wantErr := json.Unmarshal(raw, &want)
			gotErr := decodeSource(raw, &got)
			if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, %v; json.Unmarshal %+v, %v", got, gotErr, want, wantErr)
			}
		})
	}
}
