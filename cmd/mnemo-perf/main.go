// Command mnemo-perf times whole mnemo processes, exec to exit, for the
// README's performance table. It builds the binaries it compares (the
// working tree, and optionally an earlier commit), makes the collections
// and vaults each case needs, then runs every case on each binary in
// turn, alternating the order, and reports the median and fastest wall
// time, the median CPU time (user + system, which a busy machine
// disturbs less than wall time) and the median peak RSS:
//
//	go run ./cmd/mnemo-perf                      # this tree only
//	go run ./cmd/mnemo-perf -before d4ece68      # before/after
//	go run ./cmd/mnemo-perf -cases due,sync -runs 21
//
// Each binary gets its own collections, made by the collection writer of
// its own tree, so a change of the file format compares like with like.
// Both are built as the README installs mnemo, with CGO_ENABLED=0 (-cgo:
// the toolchain's default).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mnemo-app/mnemo/cards/generate/gentest"
)

const now = "2026-11-27T09:00:00Z"

const isDarwin = runtime.GOOS == "darwin"

func main() {
	before := flag.String("before", "", "also build and time this git `REF` (the 'before' column)")
	runs := flag.Int("runs", 11, "timed runs of each case on each binary")
	only := flag.String("cases", "", "comma-separated `NAMES` of the cases to run (default: all; see -list)")
	list := flag.Bool("list", false, "list the cases and exit")
	work := flag.String("work", "", "`DIR` for binaries, collections and vaults (default: a new temporary folder, removed at the end)")
	flag.BoolVar(&withCgo, "cgo", false, "build as the Go toolchain does by default (with cgo where a C compiler is found: a dynamically linked binary) instead of as the README installs mnemo (CGO_ENABLED=0)")
	flag.Parse()
	if *list {
		for _, c := range allCases {
			fmt.Printf("%-14s %s\n", c.name, c.what)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *before, *runs, *only, *work); err != nil {
		fmt.Fprintln(os.Stderr, "mnemo-perf:", err)
		os.Exit(1)
	}
}

// binary is one build being timed, with the collection writer of the
// same tree.
type binary struct {
	name, mnemo, mkcollection, dir string
}

// perfCase is one row of the table.
type perfCase struct {
	name, what string
	// prepare makes what the case reads (once per binary, untimed).
	prepare func(b binary, f *fixtures) error
	// reset runs before every timed run (untimed), e.g. to remove the
	// collection a previous `add` made.
	reset func(b binary) error
	args  func(b binary, f *fixtures) []string
	stdin string
}

var allCases = []perfCase{
	{name: "version", what: "start-up: mnemo --version (<= 10 ms)",
		args: func(binary, *fixtures) []string { return []string{"--version"} }},
	{name: "due", what: "mnemo due, 100,000 cards, 5,000 due, 500 decks (<= 20 ms)",
		prepare: collection("due.db", "-due", "5000", "-new", "25000", "-decks", "500"),
		args:    onDB("due.db", "due")},
	{name: "due-json", what: "mnemo due --json, same collection",
		prepare: collection("due.db", "-due", "5000", "-new", "25000", "-decks", "500"),
		args:    onDB("due.db", "due", "--json")},
	{name: "review-new", what: "first card of review --plain, then quit: 100,000 new, 60 decks (<= 50 ms)",
		prepare: collection("new60.db", "-due", "0", "-new", "100000", "-decks", "60"),
		args:    onDB("new60.db", "review", "--plain"), stdin: "q\n"},
	{name: "review-due", what: "same, 20,000 due, 60 decks (<= 50 ms)",
		prepare: collection("due60.db", "-due", "20000", "-new", "1000", "-decks", "60"),
		args:    onDB("due60.db", "review", "--plain"), stdin: "q\n"},
	{name: "add", what: "mnemo add of the 10,000-note vault into a new collection, default mode (<= 1.5 s, <= 300 MB)",
		prepare: vault("vault10k", 10000), reset: removeDB("add.db"),
		args: func(b binary, f *fixtures) []string {
			return []string{"--db", filepath.Join(b.dir, "add.db"), "add", "-q", f.vaults["vault10k"]}
		}},
	{name: "add-rules", what: "same with --generate rules (issue 9: at most +50% over add-off)",
		prepare: vault("vault10k", 10000), reset: removeDB("add.db"),
		args: func(b binary, f *fixtures) []string {
			return []string{"--db", filepath.Join(b.dir, "add.db"), "add", "-q", "--generate", "rules", f.vaults["vault10k"]}
		}},
	{name: "add-off", what: "same with --generate off",
		prepare: vault("vault10k", 10000), reset: removeDB("add.db"),
		args: func(b binary, f *fixtures) []string {
			return []string{"--db", filepath.Join(b.dir, "add.db"), "add", "-q", "--generate", "off", f.vaults["vault10k"]}
		}},
	{name: "sync", what: "mnemo sync, 7,500 notes unchanged (<= 0.08 s)",
		prepare: func(b binary, f *fixtures) error {
			if err := vault("vault7500", 7500)(b, f); err != nil {
				return err
			}
			db := filepath.Join(b.dir, "sync.db")
			if _, err := os.Stat(db); err == nil {
				return nil
			}
			return runQuiet(b.mnemo, "--db", db, "add", "-q", f.vaults["vault7500"])
		},
		args: func(b binary, f *fixtures) []string {
			return []string{"--db", filepath.Join(b.dir, "sync.db"), "sync", "-q"}
		}},
	{name: "export", what: "mnemo export anki, 100,000 cards + 587,000 reviews (<= 4 s, <= 400 MB)",
		prepare: collection("export.db", "-due", "20000", "-new", "10000", "-reviews", "587000"),
		reset: func(b binary) error {
			return removeIfExists(filepath.Join(b.dir, "out.apkg"))
		},
		args: func(b binary, f *fixtures) []string {
			return []string{"--db", filepath.Join(b.dir, "export.db"), "export", "anki", filepath.Join(b.dir, "out.apkg")}
		}},
}

// fixtures are the vaults all binaries share (notes are read, never
// written).
type fixtures struct {
	root   string
	vaults map[string]string
}

func collection(file string, spec ...string) func(binary, *fixtures) error {
	return func(b binary, _ *fixtures) error {
		path := filepath.Join(b.dir, file)
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		args := append([]string{"-o", path, "-cards", "100000", "-now", now}, spec...)
		return runQuiet(b.mkcollection, args...)
	}
}

func vault(name string, notes int) func(binary, *fixtures) error {
	return func(_ binary, f *fixtures) error {
		if f.vaults[name] != "" {
			return nil
		}
		dir := filepath.Join(f.root, name)
		for i := range notes {
			p := filepath.Join(dir, fmt.Sprintf("topic%02d", i%50), fmt.Sprintf("note_%05d.md", i))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(gentest.VaultNote(i)), 0o644); err != nil {
				return err
			}
		}
		f.vaults[name] = dir
		return nil
	}
}

func onDB(file string, args ...string) func(binary, *fixtures) []string {
	return func(b binary, _ *fixtures) []string {
		return append([]string{"--db", filepath.Join(b.dir, file), "--now", now}, args...)
	}
}

// removeDB removes a collection and whatever a run left beside it.
func removeDB(file string) func(binary) error {
	return func(b binary) error {
		matches, err := filepath.Glob(filepath.Join(b.dir, file+"*"))
		if err != nil {
			return err
		}
		for _, m := range matches {
			if err := os.RemoveAll(m); err != nil {
				return err
			}
		}
		return nil
	}
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func runQuiet(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return nil
}

func run(ctx context.Context, before string, runs int, only, work string) error {
	cases, err := selectCases(only)
	if err != nil {
		return err
	}
	if work == "" {
		work, err = os.MkdirTemp("", "mnemo-perf-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	var bins []binary
	if before != "" {
		b, err := buildRef(work, "before", before)
		if err != nil {
			return err
		}
		bins = append(bins, b)
	}
	after, err := build(work, "after", ".")
	if err != nil {
		return err
	}
	bins = append(bins, after)

	f := &fixtures{root: work, vaults: map[string]string{}}
	fmt.Printf("machine: %s, %d cores, load average %s\n", cpuModel(), runtime.NumCPU(), loadAverage())
	if withCgo {
		fmt.Println("built with the toolchain's default cgo setting")
	} else {
		fmt.Println("built with CGO_ENABLED=0, as the README installs mnemo (static binaries)")
	}
	fmt.Printf("%d runs of each case on each binary, alternating; wall median / fastest, CPU (user+sys) median, peak RSS median\n\n", runs)
	fmt.Println("| case | binary | wall median | wall fastest | CPU median | peak RSS |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, c := range cases {
		results := make([][]sample, len(bins))
		for _, b := range bins {
			if c.prepare != nil {
				if err := c.prepare(b, f); err != nil {
					return fmt.Errorf("%s: preparing %s: %w", c.name, b.name, err)
				}
			}
			if _, err := timeOnce(ctx, c, b, f); err != nil { // warm the page cache
				return fmt.Errorf("%s on %s: %w", c.name, b.name, err)
			}
		}
		for r := range runs {
			order := make([]int, len(bins))
			for i := range order {
				order[i] = i
			}
			if r%2 == 1 {
				slices.Reverse(order)
			}
			for _, i := range order {
				s, err := timeOnce(ctx, c, bins[i], f)
				if err != nil {
					return fmt.Errorf("%s on %s: %w", c.name, bins[i].name, err)
				}
				results[i] = append(results[i], s)
			}
		}
		for i, b := range bins {
			fmt.Printf("| %s | %s | %s |\n", c.name, b.name, summarize(results[i]))
		}
	}
	fmt.Printf("\nload average at the end: %s\n", loadAverage())
	return nil
}

func selectCases(only string) ([]perfCase, error) {
	if only == "" {
		return allCases, nil
	}
	var out []perfCase
	for name := range strings.SplitSeq(only, ",") {
		i := slices.IndexFunc(allCases, func(c perfCase) bool { return c.name == strings.TrimSpace(name) })
		if i < 0 {
			return nil, fmt.Errorf("no case %q (see -list)", name)
		}
		out = append(out, allCases[i])
	}
	return out, nil
}

// sample is one timed process.
type sample struct {
	wall, cpu time.Duration
	rssKB     int64
}

func timeOnce(ctx context.Context, c perfCase, b binary, f *fixtures) (sample, error) {
	if c.reset != nil {
		if err := c.reset(b); err != nil {
			return sample{}, err
		}
	}
	cmd := exec.CommandContext(ctx, b.mnemo, c.args(b, f)...)
	cmd.Stdin = strings.NewReader(c.stdin)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	st := cmd.ProcessState
	s := sample{wall: wall, cpu: st.UserTime() + st.SystemTime()}
	s.rssKB = peakRSSKB(st)
	return s, nil
}

func summarize(s []sample) string {
	walls := make([]time.Duration, len(s))
	cpus := make([]time.Duration, len(s))
	rss := make([]int64, len(s))
	for i, x := range s {
		walls[i], cpus[i], rss[i] = x.wall, x.cpu, x.rssKB
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return fmt.Sprintf("%s | %s | %s | %d MB", ms(walls[len(walls)/2]), ms(walls[0]), ms(cpus[len(cpus)/2]), rss[len(rss)/2]/1024)
}

func ms(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// withCgo builds with the toolchain's default; otherwise CGO_ENABLED=0, as
// the README installs mnemo: a static binary, which starts without the
// dynamic loader (about 1 ms; mnemo needs no C, its SQLite is Go).
var withCgo bool

// build compiles mnemo and the collection writer of the tree at src.
func build(work, name, src string) (binary, error) {
	dir := filepath.Join(work, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return binary{}, err
	}
	b := binary{name: name, dir: dir, mnemo: filepath.Join(dir, "mnemo"), mkcollection: filepath.Join(dir, "mkcollection")}
	for out, pkg := range map[string]string{b.mnemo: "./cmd/mnemo", b.mkcollection: "./decks/store/storetest/mkcollection"} {
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Dir = src
		if !withCgo {
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		}
		if msg, err := cmd.CombinedOutput(); err != nil {
			return binary{}, fmt.Errorf("building %s of %s: %v\n%s", pkg, name, err, msg)
		}
	}
	return b, nil
}

// buildRef builds a commit from a temporary git worktree.
func buildRef(work, name, ref string) (binary, error) {
	src := filepath.Join(work, "src-"+name)
	if out, err := exec.Command("git", "worktree", "add", "--detach", src, ref).CombinedOutput(); err != nil {
		return binary{}, fmt.Errorf("git worktree add %s: %v\n%s", ref, err, out)
	}
	defer exec.Command("git", "worktree", "remove", "--force", src).Run()
	return build(work, name, src)
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
