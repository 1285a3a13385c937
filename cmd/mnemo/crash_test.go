//go:build unix

package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests kill mnemo commands at spread-out moments and check what
// a user would find afterwards. The short form (2 kills per command) runs
// in go test; the long form is
//
//	MNEMO_KILLS=20 go test -run 'TestKill|TestInterrupt' -v ./cmd/mnemo/
//
// and its figures are in the README's Reliability section.

func killCount() int {
	if n, err := strconv.Atoi(os.Getenv("MNEMO_KILLS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 1
	}
	return 2
}

// crashWorld is the starting point every killed command is run from: a
// collection with notes, answers and orphans, a JSON backup and an Anki
// package of it.
type crashWorld struct {
	dir, notes, db, backup, apkg string
	cards, reviews, orphans      int
}

func newCrashWorld(t *testing.T) *crashWorld {
	c := newCLI(t)
	for i := range 6 {
		var b strings.Builder
		for j := range 80 {
			fmt.Fprintf(&b, "What is item %d of topic %d? :: Answer %d.%d, with a few more words.\n\n", j, i, i, j)
		}
		c.note(fmt.Sprintf("t%d/n.md", i), b.String())
	}
	gone := c.note("gone/n.md", "Orphan one? :: yes\n\nOrphan two? :: yes\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	c.ok("sync")
	c.run(strings.Repeat("\n3\n", 30)+"q\n", "review", "--plain")
	w := &crashWorld{dir: c.dir, notes: filepath.Join(c.dir, "notes"), db: c.db,
		backup: filepath.Join(c.dir, "backup.json"), apkg: filepath.Join(c.dir, "pkg.apkg")}
	c.ok("export", "json", w.backup)
	c.ok("export", "anki", w.apkg)
	w.cards, w.reviews, w.orphans = countsOf(t, c.db)
	if w.orphans != 2 || w.reviews == 0 {
		t.Fatalf("crash world: %d cards, %d reviews, %d orphans", w.cards, w.reviews, w.orphans)
	}
	return w
}

// countsOf reads the collection at db with a child mnemo: cards, reviews
// and orphaned cards (-1 each when it cannot be read).
func countsOf(t testing.TB, db string) (cardsN, reviewsN, orphansN int) {
	r := runChild(t, db, "", time.Minute, "cards", "--json")
	var list []struct {
		Reps     int  `json:"reps"`
		Orphaned bool `json:"orphaned"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil {
		return -1, -1, -1
	}
	for _, c := range list {
		reviewsN += c.Reps
		if c.Orphaned {
			orphansN++
		}
	}
	return len(list), reviewsN, orphansN
}

// killCase is one command to kill: how to run it on a fresh copy of the
// world, and what must hold after it was killed.
type killCase struct {
	name string
	run  func(w *crashWorld, db, out string) (args []string, stdin string)
	// fresh runs the command on a collection that does not exist yet
	// (imports restore into a new collection).
	fresh bool
	// check returns what is wrong with the state after a kill, or "".
	check func(w *crashWorld, db, out string, r childResult, after [3]int) string
}

var acknowledged = regexp.MustCompile(`(?m)^rated `)

func killCases() []killCase {
	allOrNothing := func(what string, want func(w *crashWorld) []int) func(*crashWorld, string, string, childResult, [3]int) string {
		return func(w *crashWorld, _, _ string, _ childResult, after [3]int) string {
			for _, n := range want(w) {
				if after[0] == n || (n == 0 && after[0] == -1) {
					return ""
				}
			}
			return fmt.Sprintf("%s: %d cards, want one of %v", what, after[0], want(w))
		}
	}
	wholeFile := func(w *crashWorld, _, out string, _ childResult, after [3]int) string {
		if after[0] != w.cards || after[1] != w.reviews {
			return fmt.Sprintf("an export changed the collection: %v", after)
		}
		b, err := os.ReadFile(out)
		if os.IsNotExist(err) {
			return ""
		}
		if strings.HasSuffix(out, ".json") && !json.Valid(b) {
			return "a half-written JSON backup at the target"
		}
		if strings.HasSuffix(out, ".apkg") {
			if _, err := zip.NewReader(strings.NewReader(string(b)), int64(len(b))); err != nil {
				return "a half-written package at the target"
			}
		}
		return ""
	}
	return []killCase{
		{name: "add", run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"add", filepath.Join(w.dir, "extra")}, ""
		}, check: allOrNothing("add", func(w *crashWorld) []int { return []int{w.cards, w.cards + 300} })},
		{name: "sync", run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"sync", "--force"}, ""
		}, check: allOrNothing("sync", func(w *crashWorld) []int { return []int{w.cards} })},
		{name: "review", run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"review", "--plain"}, strings.Repeat("\n3\n", 200) + "q\n"
		}, check: func(w *crashWorld, _, _ string, r childResult, after [3]int) string {
			acked := len(acknowledged.FindAllString(r.stdout, -1))
			if after[1] < w.reviews+acked || after[1] > w.reviews+acked+1 {
				return fmt.Sprintf("review: %d answers acknowledged, the log went from %d to %d", acked, w.reviews, after[1])
			}
			return ""
		}},
		{name: "rate", run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"rate", firstCardID(w), "good"}, ""
		}, check: func(w *crashWorld, _, _ string, r childResult, after [3]int) string {
			if after[1] != w.reviews && after[1] != w.reviews+1 {
				return fmt.Sprintf("rate: reviews went from %d to %d", w.reviews, after[1])
			}
			return ""
		}},
		{name: "import json", fresh: true, run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"import", "json", w.backup}, ""
			// the backup holds every card, orphans too (export json)
		}, check: allOrNothing("import json", func(w *crashWorld) []int { return []int{0, w.cards} })},
		{name: "import anki", fresh: true, run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"import", "anki", w.apkg}, ""
		}, check: allOrNothing("import anki", func(w *crashWorld) []int { return []int{0, w.cards - w.orphans} })},
		{name: "export anki", run: func(w *crashWorld, db, out string) ([]string, string) {
			return []string{"export", "anki", out + ".apkg"}, ""
		}, check: func(w *crashWorld, db, out string, r childResult, after [3]int) string {
			return wholeFile(w, db, out+".apkg", r, after)
		}},
		{name: "export json", run: func(w *crashWorld, db, out string) ([]string, string) {
			return []string{"export", "json", out + ".json"}, ""
		}, check: func(w *crashWorld, db, out string, r childResult, after [3]int) string {
			return wholeFile(w, db, out+".json", r, after)
		}},
		{name: "prune", run: func(w *crashWorld, db, _ string) ([]string, string) {
			return []string{"prune", "--yes"}, ""
		}, check: func(w *crashWorld, _, _ string, r childResult, after [3]int) string {
			if !((after[0] == w.cards && after[2] == w.orphans) || (after[0] == w.cards-w.orphans && after[2] == 0)) {
				return fmt.Sprintf("prune: %d cards, %d orphans after the kill", after[0], after[2])
			}
			return ""
		}},
	}
}

var firstCardIDCache = map[string]string{}

// firstCardID is a card of the world's collection, for rate.
func firstCardID(w *crashWorld) string { return firstCardIDCache[w.db] }

// startChild starts mnemo with args on db, its stdin fed from stdin.
func startChild(t *testing.T, db, stdin string, args ...string) (*exec.Cmd, *strings.Builder, *strings.Builder) {
	bin, env := mnemoBin(t)
	cmd := exec.Command(bin, args...)
	cmd.Env = childEnv(env, db)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errOut
}

// TestKillNineLosesNothing kills each long command with SIGKILL at moments
// spread over its run time, then checks the collection (mnemo check), the
// command's all-or-nothing promise, that no acknowledged answer was lost,
// and that the next run of the same command succeeds.
func TestKillNineLosesNothing(t *testing.T) {
	w := newCrashWorld(t)
	extra := filepath.Join(w.dir, "extra")
	for i := range 3 {
		var b strings.Builder
		for j := range 100 {
			fmt.Fprintf(&b, "Extra %d.%d? :: yes %d\n\n", i, j, j)
		}
		if err := os.MkdirAll(extra, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(extra, fmt.Sprintf("x%d.md", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runChild(t, w.db, "", time.Minute, "cards", "--json")
	var list []struct {
		ID       string `json:"id"`
		Orphaned bool   `json:"orphaned"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) == 0 {
		t.Fatalf("cards: %v", err)
	}
	for _, c := range list {
		if !c.Orphaned {
			firstCardIDCache[w.db] = c.ID
			break
		}
	}
	base, err := os.ReadFile(w.db)
	if err != nil {
		t.Fatal(err)
	}
	kills := killCount()
	var problems []string
	leftovers := map[string]int{}
	for _, kc := range killCases() {
		// How long the command takes when left alone sets the kill moments.
		dir := t.TempDir()
		db := filepath.Join(dir, "c.db")
		if !kc.fresh {
			writeFile(t, db, base)
		}
		args, stdin := kc.run(w, db, filepath.Join(dir, "out"))
		start := time.Now()
		if r := runChild(t, db, stdin, 5*time.Minute, args...); r.code != 0 {
			t.Fatalf("%s, not killed: exit %d\n%s", kc.name, r.code, r.stderr)
		}
		full := time.Since(start)
		for k := range kills {
			dir := t.TempDir()
			db := filepath.Join(dir, "c.db")
			if !kc.fresh {
				writeFile(t, db, base)
			}
			out := filepath.Join(dir, "out")
			args, stdin := kc.run(w, db, out)
			cmd, stdout, stderr := startChild(t, db, stdin, args...)
			time.Sleep(full * time.Duration(2*k+1) / time.Duration(2*kills))
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			res := childResult{stdout: stdout.String(), stderr: stderr.String()}
			var after [3]int
			if _, err := os.Stat(db); err == nil {
				if chk := runChild(t, db, "", time.Minute, "check"); chk.code != 0 {
					problems = append(problems, fmt.Sprintf("%s kill %d: check after the kill: exit %d\n%s%s", kc.name, k, chk.code, chk.stdout, chk.stderr))
					continue
				}
				after[0], after[1], after[2] = countsOf(t, db)
			} else {
				after = [3]int{-1, -1, -1}
			}
			if p := kc.check(w, db, out, res, after); p != "" {
				problems = append(problems, fmt.Sprintf("%s kill %d (after %v): %s", kc.name, k, full*time.Duration(2*k+1)/time.Duration(2*kills), p))
			}
			// The next run succeeds; whatever the kill left is gone after it.
			if again := runChild(t, db, stdin, 5*time.Minute, args...); again.code != 0 && kc.name != "prune" {
				problems = append(problems, fmt.Sprintf("%s kill %d: the next run failed: exit %d\n%s", kc.name, k, again.code, again.stderr))
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				switch {
				case strings.Contains(e.Name(), ".new-") || strings.Contains(e.Name(), ".repair-"):
					// The collection's own temporaries: the next run removes them.
					problems = append(problems, fmt.Sprintf("%s kill %d: %s left after the next run", kc.name, k, e.Name()))
				case strings.HasPrefix(e.Name(), ".mnemo-"):
					// An export's or import's (TMPDIR is dir): the next
					// run removes those of the killed process.
					leftovers[kc.name]++
					problems = append(problems, fmt.Sprintf("%s kill %d: %s left after the next run", kc.name, k, e.Name()))
				}
			}
		}
		t.Logf("%-12s %d kills over %v", kc.name, kills, full.Round(time.Millisecond))
	}
	t.Logf("%d commands x %d kills: %d problems; export temporaries (.mnemo-*) left after the next run, by command: %v",
		len(killCases()), kills, len(problems), leftovers)
	if len(problems) > 0 {
		t.Fatalf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestInterruptAddSync sends SIGINT and SIGTERM to add and sync (of 1,200
// notes, re-read with --force) midway:
// each exits 130 with nothing written. The time from the signal to the
// exit is logged (the README's Reliability figures), not asserted.
func TestInterruptAddSync(t *testing.T) {
	c := newCLI(t)
	for i := range 1200 {
		c.note(fmt.Sprintf("big/n%04d.md", i), strings.Repeat(fmt.Sprintf("Question %d about a thing? :: An answer.\n\n", i), 40))
	}
	c.ok("add", filepath.Join(c.dir, "notes", "big"))
	base, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	baseCards, _, _ := countsOf(t, c.db)
	for _, tt := range []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"add SIGINT", syscall.SIGINT, []string{"add", "--force", filepath.Join(c.dir, "notes", "big")}},
		{"sync SIGTERM", syscall.SIGTERM, []string{"sync", "--force"}},
		{"sync SIGINT", syscall.SIGINT, []string{"sync", "--force"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			writeFile(t, db, base)
			cmd, _, stderr := startChild(t, db, "", tt.args...)
			time.Sleep(150 * time.Millisecond)
			sent := time.Now()
			_ = cmd.Process.Signal(tt.sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("still running 30 s after the signal")
			}
			took := time.Since(sent)
			code := cmd.ProcessState.ExitCode()
			if code == 0 {
				t.Skipf("finished before the signal (%v)", took)
			}
			if code != 130 || !strings.Contains(stderr.String(), "interrupted") {
				t.Fatalf("exit %d after the signal\n%s", code, stderr.String())
			}
			if n, _, _ := countsOf(t, db); n != baseCards {
				t.Fatalf("%d cards after the interrupted command, want %d", n, baseCards)
			}
			t.Logf("%s: exit 130 %v after the signal", tt.name, took.Round(time.Millisecond))
		})
	}
}
