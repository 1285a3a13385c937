//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNextRunRemovesAKilledRunsTemporaries plants, where each export and
// import writes its temporaries, what a run killed a moment ago leaves
// (named with its process's ID, seconds old) and what a run still going
// has: the next run of each command removes the first, keeps the second.
func TestNextRunRemovesAKilledRunsTemporaries(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	c, _ := studied(t)
	apkg, backup := filepath.Join(c.dir, "all.apkg"), filepath.Join(c.dir, "all.json")
	c.ok("export", "anki", apkg)
	c.ok("export", "json", backup)
	killed := exec.Command("true")
	if err := killed.Run(); err != nil {
		t.Skip(err)
	}
	dead, live := killed.Process.Pid, os.Getppid()
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		cli  func() *cliT
		args []string
		dirs []string // where the command's temporaries go
	}{
		{"export anki", func() *cliT { return c }, []string{"export", "anki", filepath.Join(out, "x.apkg")}, []string{out, tmp}},
		{"export json", func() *cliT { return c }, []string{"export", "json", filepath.Join(out, "x.json")}, []string{out, tmp}},
		{"import anki", func() *cliT { return c }, []string{"import", "anki", apkg}, []string{filepath.Dir(c.db), mediaDirOf(c.db), tmp}},
		{"import json", func() *cliT { return c }, []string{"import", "json", backup}, []string{filepath.Dir(c.db), tmp}},
		{"import json, new collection", func() *cliT { return newCLI(t) }, []string{"import", "json", backup}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := tc.cli()
			dirs := tc.dirs
			if dirs == nil {
				dirs = []string{filepath.Dir(cl.db), tmp}
			}
			var gone, kept []string
			for _, d := range dirs {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
				for _, name := range []string{
					fmt.Sprintf(".mnemo-export-%d-1.apkg", dead),
					fmt.Sprintf(".mnemo-export-%d-2.anki2-journal", dead),
					fmt.Sprintf(".mnemo-import-%d-3.db", dead),
				} {
					gone = append(gone, plantFile(t, filepath.Join(d, name)))
				}
				gone = append(gone, plantFile(t, filepath.Join(d, fmt.Sprintf(".mnemo-import-%d-4", dead), "a.png")))
				kept = append(kept, plantFile(t, filepath.Join(d, fmt.Sprintf(".mnemo-export-%d-5.apkg", live))))
				kept = append(kept, plantFile(t, filepath.Join(d, fmt.Sprintf(".mnemo-import-%d-6", live), "a.png")))
			}
			if _, err := os.Stat(cl.db); err == nil && tc.args[0] == "import" {
				// a restore killed after linking its file to the
				// collection's name: the same file, locked while the
				// command runs
				linked := filepath.Join(filepath.Dir(cl.db), fmt.Sprintf(".mnemo-import-%d-7.db", dead))
				if err := os.Link(cl.db, linked); err != nil {
					t.Fatal(err)
				}
				gone = append(gone, linked)
			}
			cl.ok(tc.args...)
			for _, p := range gone {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("a killed run's %s is still there", p)
				}
			}
			for _, p := range kept {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("a running process's %s was removed", p)
				}
			}
		})
	}
}

// plantFile writes a small file at p (and its folder) and returns it.
func plantFile(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
