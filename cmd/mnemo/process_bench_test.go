package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards/generate/gentest"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
)

// Whole commands on 100,000-card collections, the README's performance
// table: in process (BenchmarkCommand, the work of one command) and as a
// whole process of the built binary (BenchmarkProcess: start-up, package
// init, opening the collection and the command).

// benchCommands are the timed commands, each on its collection.
var benchCommands = []struct {
	name string
	spec storetest.CollectionSpec
	args []string
}{
	{"due", storetest.CollectionSpec{Cards: 100000, Due: 5000, New: 25000, Decks: 500}, []string{"due"}},
	{"due-json", storetest.CollectionSpec{Cards: 100000, Due: 5000, New: 25000, Decks: 500}, []string{"due", "--json"}},
	// Reviews on 60 decks (6 top-level decks) and on 500 (50 top-level
	// decks, so the default limits admit 10,000 reviews).
	{"review-first-card/new=100000,decks=60", storetest.CollectionSpec{Cards: 100000, New: 100000, Decks: 60}, []string{"review", "--plain"}},
	{"review-first-card/due=20000,decks=60", storetest.CollectionSpec{Cards: 100000, Due: 20000, New: 1000, Decks: 60}, []string{"review", "--plain"}},
	{"review-first-card/new=100000,decks=500", storetest.CollectionSpec{Cards: 100000, New: 100000, Decks: 500}, []string{"review", "--plain"}},
	{"review-first-card/due=20000,decks=500", storetest.CollectionSpec{Cards: 100000, Due: 20000, New: 1000, Decks: 500}, []string{"review", "--plain"}},
}

var benchDBs sync.Map // spec -> path, one collection per spec and test binary

func benchDB(b *testing.B, spec storetest.CollectionSpec) string {
	b.Helper()
	spec.Now = benchNow
	if p, ok := benchDBs.Load(spec); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "mnemo-bench-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "collection.db")
	if err := storetest.WriteCollection(path, spec); err != nil {
		b.Fatal(err)
	}
	benchDBs.Store(spec, path)
	return path
}

func cleanBenchDBs() {
	benchDBs.Range(func(_, p any) bool {
		os.RemoveAll(filepath.Dir(p.(string)))
		return true
	})
}

func benchArgs(db string, args []string) []string {
	return append([]string{"--db", db, "--now", benchNow.Format(time.RFC3339)}, args...)
}

// BenchmarkCommand runs each command in process; review reads "q" (quit
// after the first card). Besides wall time it reports CPU time per
// command (cpu-ms/op): on a shared machine wall time mostly measures the
// neighbours.
func BenchmarkCommand(b *testing.B) {
	defer cleanBenchDBs()
	for _, bc := range benchCommands {
		b.Run(bc.name, func(b *testing.B) {
			args := append([]string{"mnemo"}, benchArgs(benchDB(b, bc.spec), bc.args)...)
			cpu0 := cpuTime()
			for b.Loop() {
				var out, errOut bytes.Buffer
				if code := run(context.Background(), args, strings.NewReader("q\n"), &out, &errOut, func(string) string { return "" }); code != 0 {
					b.Fatalf("exit %d: %s", code, errOut.String())
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkProcess times the mnemo binary, built for the benchmark, from
// exec to exit: `mnemo --version` (start-up alone) and the commands above.
func BenchmarkProcess(b *testing.B) {
	defer cleanBenchDBs()
	bin := filepath.Join(b.TempDir(), "mnemo")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Skipf("cannot build mnemo: %v\n%s", err, out)
	}
	exe := func(b *testing.B, args ...string) {
		var cpu time.Duration
		for b.Loop() {
			cmd := exec.Command(bin, args...)
			cmd.Stdin = strings.NewReader("q\n")
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
			cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
	b.Run("version", func(b *testing.B) { exe(b, "--version") })
	for _, bc := range benchCommands {
		b.Run(bc.name, func(b *testing.B) { exe(b, benchArgs(benchDB(b, bc.spec), bc.args)...) })
	}
}

// Start-up is part of every command: the binary must not link packages
// whose init is expensive. chroma (through glamour) built every lexer and
// style at start-up, 20-30 ms on each command, `mnemo --version` included.
func TestNoCostlyInit(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information")
	}
	for _, m := range info.Deps {
		for _, banned := range []string{"github.com/alecthomas/chroma", "github.com/charmbracelet/glamour"} {
			if strings.HasPrefix(m.Path, banned) {
				t.Errorf("mnemo links %s: its package init slows every command", m.Path)
			}
		}
	}
}

// BenchmarkProcessRead times whole mnemo processes reading notes: `mnemo
// add` of the 10,000-note benchmark vault (decks/ingest's) into a new
// collection, in the default mode and with --generate off (targets: <=
// 1.5 s, <= 300 MB), and an unchanged `mnemo sync` of a 7,500-note vault
// (target: <= 80 ms). Besides wall time it reports CPU time (cpu-ms/op)
// and the largest peak RSS of the runs (MB-peak).
func BenchmarkProcessRead(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "mnemo")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Skipf("cannot build mnemo: %v\n%s", err, out)
	}
	dir := b.TempDir()
	vault10k, vault7k := filepath.Join(dir, "vault10k"), filepath.Join(dir, "vault7500")
	writeVault(b, vault10k, 10000)
	writeVault(b, vault7k, 7500)
	db := filepath.Join(dir, "collection.db")
	exe := func(b *testing.B, fresh bool, args ...string) {
		var cpu time.Duration
		var peak int64
		for b.Loop() {
			if fresh {
				b.StopTimer()
				if err := os.Remove(db); err != nil && !os.IsNotExist(err) {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
			cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			peak = max(peak, maxRSS(cmd.ProcessState))
		}
		b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak")
	}
	b.Run("add/default", func(b *testing.B) { exe(b, true, "add", "-q", vault10k) })
	b.Run("add/generate=off", func(b *testing.B) { exe(b, true, "add", "-q", "--generate", "off", vault10k) })
	b.Run("sync-unchanged", func(b *testing.B) {
		if err := os.Remove(db); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
		if out, err := exec.Command(bin, "--db", db, "add", "-q", vault7k).CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		exe(b, false, "sync", "-q")
	})
}

// writeVault writes n notes of the benchmark vault below dir, as
// decks/ingest's benchmarks do: topicNN/note_NNNNN.md.
func writeVault(b *testing.B, dir string, n int) {
	b.Helper()
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("topic%02d", i%50), fmt.Sprintf("note_%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(gentest.VaultNote(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// maxRSS is a finished process's peak resident set in bytes (Linux
// reports kilobytes).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}
