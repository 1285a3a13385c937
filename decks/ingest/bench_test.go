package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards/generate"
	"github.com/mnemo-app/mnemo/cards/generate/gentest"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// makeVault writes notes files of ~10 explicit cards and some prose each
// into nested folders, like a real vault: notes/topicNN/note_NNNNN.md.
func makeVault(tb testing.TB, dir string, notes int) {
	tb.Helper()
	for i := range notes {
		p := filepath.Join(dir, fmt.Sprintf("topic%02d", i%50), fmt.Sprintf("note_%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(gentest.VaultNote(i)), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

var vaultDir string

// vault returns a 10,000-note vault shared by the benchmarks of one run.
func vault(b *testing.B) string {
	if vaultDir == "" {
		dir, err := os.MkdirTemp("", "mnemo-vault-")
		if err != nil {
			b.Fatal(err)
		}
		makeVault(b, dir, 10000)
		vaultDir = dir
	}
	return vaultDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if vaultDir != "" {
		os.RemoveAll(vaultDir)
	}
	os.Exit(code)
}

// BenchmarkAddVault adds a 10,000-note / ~100,000-card vault to an empty
// collection (target for the whole `mnemo add`: <= 1.5 s, <= 300 MB peak;
// see BenchmarkProcessRead in cmd/mnemo); the rules variant also runs
// rule-based generation on every note (target: at most 50% more time than
// off). auto is the default mode, configured as `mnemo add` does: the
// vault's notes all have explicit cards, so it must cost what off costs.
// cpu-ms/op is the process CPU time per add: on a shared machine wall
// time mostly measures the neighbours.
func BenchmarkAddVault(b *testing.B) {
	rules := func(markdown.GenerateMode) []markdown.Generator { return []markdown.Generator{generate.Rules} }
	b.Run("generate=off", func(b *testing.B) { benchAdd(b, markdown.GenerateOff, Config{}) })
	b.Run("generate=rules", func(b *testing.B) { benchAdd(b, markdown.GenerateRules, Config{Generators: rules}) })
	b.Run("generate=auto", func(b *testing.B) {
		benchAdd(b, markdown.GenerateAuto, Config{Generators: rules, SuggestBelow: generate.AutoThreshold})
	})
}

func benchAdd(b *testing.B, mode markdown.GenerateMode, cfg Config) {
	dir := vault(b)
	cfg.Now = t0
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "c.db"), store.OpenOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cpuTime()
		rep, err := Add(context.Background(), st, []store.AddedPath{{Path: dir, Generate: mode}}, cfg)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
		b.StopTimer()
		b.ReportMetric(float64(rep.Cards), "cards")
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MB-sys")
}

// BenchmarkSyncUnchanged re-syncs the same vault with nothing changed
// (target: <= 0.3 s).
func BenchmarkSyncUnchanged(b *testing.B) {
	dir := vault(b)
	st, err := store.Open(filepath.Join(b.TempDir(), "c.db"), store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := Add(context.Background(), st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateOff}}, Config{Now: t0}); err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	for b.Loop() {
		rep, err := Sync(context.Background(), st, Config{Now: t0}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.FilesUnchanged != 10000 {
			b.Fatalf("unchanged = %d", rep.FilesUnchanged)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// identityVault is a vault of its own (the shared one must stay unchanged)
// already added to a collection, for the benchmarks that change notes.
func identityVault(b *testing.B) (string, *store.Store) {
	dir := b.TempDir()
	makeVault(b, dir, 10000)
	st, err := store.Open(filepath.Join(b.TempDir(), "c.db"), store.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := Add(context.Background(), st, []store.AddedPath{{Path: dir, Generate: markdown.GenerateOff}}, Config{Now: t0}); err != nil {
		b.Fatal(err)
	}
	return dir, st
}

// BenchmarkSyncNewNote syncs the 10,000-note vault after one note was
// written: the cost a new file adds to a sync (looking for the note among
// gone files and for cards no file holds) over BenchmarkSyncUnchanged.
func BenchmarkSyncNewNote(b *testing.B) {
	dir, st := identityVault(b)
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		write(b, filepath.Join(dir, "inbox", fmt.Sprintf("new_%d.md", n)), fmt.Sprintf("Fresh question %d::fresh answer\n", n))
		b.StartTimer()
		rep, err := Sync(context.Background(), st, Config{Now: t0}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.New != 1 {
			b.Fatalf("new = %d", rep.New)
		}
	}
}

// BenchmarkSyncMovedFolder moves a folder of 200 notes (2,000 cards) to
// another name and syncs: every note must be found renamed.
func BenchmarkSyncMovedFolder(b *testing.B) {
	dir, st := identityVault(b)
	from, to := filepath.Join(dir, "topic07"), filepath.Join(dir, "moved07")
	for b.Loop() {
		b.StopTimer()
		if err := os.Rename(from, to); err != nil {
			b.Fatal(err)
		}
		from, to = to, from
		b.StartTimer()
		rep, err := Sync(context.Background(), st, Config{Now: t0}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.New != 0 || rep.Orphaned != 0 || len(rep.Files) != 200 {
			b.Fatalf("new %d, orphaned %d, files %d", rep.New, rep.Orphaned, len(rep.Files))
		}
	}
}
