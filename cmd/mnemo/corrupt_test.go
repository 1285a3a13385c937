package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mnemoBin is the binary the child-process tests run: $MNEMO_TEST_BIN (to
// measure another build, e.g. an older mnemo) or this test binary, which
// stands in for mnemo (TestMain in script_test.go), so a panic or a signal
// shows as it would to a user.
func mnemoBin(t testing.TB) (bin string, env []string) {
	if b := os.Getenv("MNEMO_TEST_BIN"); b != "" {
		return b, nil
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe, []string{childRunMain + "=1"}
}

// childEnv is the environment of a child mnemo on db: its temporary files
// go beside db, into the test's folder, so a killed child's leftovers are
// counted there and never pile up in the machine's /tmp.
func childEnv(extra []string, db string) []string {
	return append(os.Environ(), append(extra, "MNEMO_DB="+db, "MNEMO_NOW=2026-11-27T09:00:00Z", "NO_COLOR=1",
		"TMPDIR="+filepath.Dir(db))...)
}

// childResult is how one child mnemo ended.
type childResult struct {
	code            int
	signal          string // the signal that killed it, if one did
	stdout, stderr  string
	timedOut, crash bool // crash: a panic or runtime fatal error on stderr
}

func runChild(t testing.TB, db, stdin string, timeout time.Duration, args ...string) childResult {
	t.Helper()
	bin, env := mnemoBin(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = childEnv(env, db)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := childResult{stdout: out.String(), stderr: errOut.String(), timedOut: ctx.Err() != nil}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
		if !ee.Exited() {
			r.signal = ee.String()
		}
	case err != nil:
		t.Fatal(err)
	}
	r.crash = strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "fatal error:") ||
		strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "SIGBUS") || strings.Contains(r.stderr, "SIGSEGV")
	return r
}

// mutationCount is 60 in go test, or $MNEMO_MUTATIONS (the long form:
// MNEMO_MUTATIONS=500 go test -run TestCorruptCollections ./cmd/mnemo/).
func mutationCount(t *testing.T) int {
	if s := os.Getenv("MNEMO_MUTATIONS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("MNEMO_MUTATIONS=%q", s)
		}
		return n
	}
	if testing.Short() {
		return 15
	}
	return 60
}

// baseCollection adds notes with a few hundred cards and answers some, so
// the file has branch pages, reviews and every bucket in use.
func baseCollection(t *testing.T) string {
	c := newCLI(t)
	for i := range 8 {
		var b strings.Builder
		fmt.Fprintf(&b, "# Topic %d\n\n", i)
		for j := range 60 {
			fmt.Fprintf(&b, "What is item %d of topic %d, in a few words? :: It is answer %d.%d\n\n", j, i, i, j)
		}
		c.note(fmt.Sprintf("topic%d/n%d.md", i, i), b.String())
	}
	c.ok("add", filepath.Join(c.dir, "notes"))
	out, _, _ := c.run(strings.Repeat("\n3\n", 40)+"q\n", "review", "--plain")
	if !strings.Contains(out, "rated good") {
		t.Fatalf("the base collection has no reviews:\n%s", out)
	}
	return c.db
}

// usedSize is the part of a BoltDB file its meta pages say is in use (the
// file itself grows in chunks beyond it).
func usedSize(b []byte) int {
	if len(b) < 4096+64 {
		return len(b)
	}
	ps := int(binary.LittleEndian.Uint32(b[16+8:]))
	hwm := max(binary.LittleEndian.Uint64(b[16+40:]), binary.LittleEndian.Uint64(b[ps+16+40:]))
	return min(len(b), ps*int(hwm))
}

// mutate damages a copy of base in one of three ways: random bytes
// flipped, one page zeroed, or the file truncated.
func mutate(base []byte, rng *rand.Rand) ([]byte, string) {
	b := bytes.Clone(base)
	used := usedSize(b)
	switch rng.IntN(3) {
	case 0:
		n := 1 + rng.IntN(16)
		for range n {
			b[rng.IntN(used)] ^= byte(1 + rng.IntN(255))
		}
		return b, fmt.Sprintf("%d bytes flipped", n)
	case 1:
		page := rng.IntN(used / 4096)
		clear(b[page*4096 : (page+1)*4096])
		return b, fmt.Sprintf("page %d zeroed", page)
	default:
		n := rng.IntN(used)
		return b[:n], fmt.Sprintf("truncated to %d bytes", n)
	}
}

// TestCorruptCollections damages a collection in many ways and runs
// commands that open, list, review and check it in a child process: none may end
// in a panic, a signal, a hang or a Go stack trace; every one exits 0
// (what was readable, with warnings) or 1 (with a message and a hint).
func TestCorruptCollections(t *testing.T) {
	base, err := os.ReadFile(baseCollection(t))
	if err != nil {
		t.Fatal(err)
	}
	n := mutationCount(t)
	dir := t.TempDir()
	var bad []string
	codes := map[int]int{}
	crashes := 0
	runs := [][]string{{"cards"}, {"due"}, {"review", "--plain"}, {"check"}}
	for i := range n {
		rng := rand.New(rand.NewPCG(uint64(i), 15))
		b, how := mutate(base, rng)
		db := filepath.Join(dir, fmt.Sprintf("m%03d.db", i))
		if err := os.WriteFile(db, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range runs {
			r := runChild(t, db, "3\nq\n", 20*time.Second, args...)
			codes[r.code]++
			if r.crash || r.signal != "" {
				crashes++
			}
			if r.crash || r.signal != "" || r.timedOut || (r.code != 0 && r.code != 1) {
				bad = append(bad, fmt.Sprintf("case %d (%s): mnemo %s: exit %d %s timeout=%v\n%s",
					i, how, strings.Join(args, " "), r.code, r.signal, r.timedOut, firstLines(r.stderr, 6)))
			}
		}
	}
	t.Logf("%d damaged collections, %d runs: exit codes %v, %d panics or signals, %d failures in all", n, len(runs)*n, codes, crashes, len(bad))
	if len(bad) > 0 {
		t.Fatalf("%d of %d runs crashed, hung or exited oddly:\n%s", len(bad), len(runs)*n, strings.Join(bad[:min(len(bad), 10)], "\n"))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// corruptCard makes the record of card id undecodable in the file at db:
// a card record is its ID as key followed by the value, a version byte,
// the ID's length and the ID again.
func corruptCard(t *testing.T, db, id string) {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for v := byte(1); v <= 9 && i < 0; v++ { // whatever the codec version
		i = bytes.Index(b, append(append([]byte(id), v, byte(len(id))), id...))
	}
	if i < 0 {
		t.Fatalf("no record of card %s in %s", id, db)
	}
	b[i+len(id)] = 0x7f
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCheckAndRepair: one bad card record is skipped with a warning naming
// it by cards, review and export; check reports it (exit 1, with a hint);
// check --repair salvages the rest into the collection's place and keeps
// the damaged file as .bak; a second check finds nothing.
func TestCheckAndRepair(t *testing.T) {
	c := newCLI(t)
	c.note("geo.md", "Capital of Kenya? :: Nairobi\n\nCapital of Peru? :: Lima\n\nCapital of Chad? :: N'Djamena\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	if out := c.ok("check"); !strings.Contains(out, "ok: no problems found") {
		t.Fatalf("check of a sound collection:\n%s", out)
	}
	if out := c.ok("check", "--repair"); !strings.Contains(out, "nothing to repair") || strings.Contains(out, "problem:") {
		t.Fatalf("check --repair of a sound collection:\n%s", out)
	}
	if _, err := os.Stat(c.db + ".bak"); err == nil {
		t.Fatal("a sound collection was replaced")
	}
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil || len(list) != 3 {
		t.Fatalf("cards --json: %v %v", err, list)
	}
	bad := list[1].ID
	corruptCard(t, c.db, bad)

	for _, args := range [][]string{{"cards"}, {"review", "--plain"}, {"export", "json", filepath.Join(c.dir, "out.json")}} {
		out, errOut, code := c.run("q\n", args...)
		if code != 0 || !strings.Contains(errOut, fmt.Sprintf("warning: skipped card record %q does not decode", bad)) {
			t.Errorf("mnemo %s with one bad record: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
	}
	out, errOut, code := c.run("", "check")
	if code != 1 || !strings.Contains(out, fmt.Sprintf("problem: card record %q does not decode", bad)) ||
		!strings.Contains(errOut, "hint: run 'mnemo check --repair'") {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = c.run("", "check", "--repair")
	if code != 0 || !strings.Contains(out, "kept 2 cards") || !strings.Contains(out, "lost: 1\n") ||
		!strings.Contains(out, "kept as "+c.db+".bak") {
		t.Fatalf("check --repair: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(c.db + ".bak"); err != nil {
		t.Fatalf("no .bak: %v", err)
	}
	if out := c.ok("check"); !strings.Contains(out, "ok: no problems found") {
		t.Fatalf("check after the repair:\n%s", out)
	}
	out, errOut, _ = c.run("", "cards")
	if strings.Contains(errOut, "warning") || strings.Count(out, "Capital") != 2 {
		t.Fatalf("cards after the repair:\n%s%s", out, errOut)
	}
	// The repaired collection takes the next sync: the lost card comes
	// back from its note.
	c.ok("sync")
	if out := c.ok("cards"); strings.Count(out, "Capital") != 3 {
		t.Fatalf("sync did not restore the lost card:\n%s", out)
	}
}

// TestEmptyOrForeignCollectionIsRefused: a 0-byte or foreign file at the
// collection's path is refused by every command, never overwritten.
func TestEmptyOrForeignCollectionIsRefused(t *testing.T) {
	for _, tt := range []struct{ name, content, want string }{
		{"empty", "", "is empty (0 bytes)"},
		{"foreign", "SQLite format 3\x00 not really", "is not a BoltDB file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLI(t)
			c.note("a.md", "Q :: A\n")
			if err := os.WriteFile(c.db, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"add", filepath.Join(c.dir, "notes")}, {"cards"}, {"due"}, {"check"}, {"check", "--repair"}} {
				out, errOut, code := c.run("", args...)
				if code != 1 || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "hint:") {
					t.Errorf("mnemo %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
				}
			}
			if b, _ := os.ReadFile(c.db); string(b) != tt.content {
				t.Fatal("the file was changed")
			}
		})
	}
}
