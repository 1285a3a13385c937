package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cardRow is the part of `cards --json` these tests look at.
type cardRow struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Reps     int    `json:"reps"`
	Orphaned bool   `json:"orphaned"`
	Source   struct {
		Path string `json:"path"`
		Root string `json:"root"`
	} `json:"source"`
}

func (c *cliT) cards() map[string]cardRow {
	c.t.Helper()
	var rows []cardRow
	if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &rows); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]cardRow{}
	for _, r := range rows {
		if _, dup := out[r.Question]; dup {
			c.t.Errorf("two cards ask %q", r.Question)
		}
		out[r.Question] = r
	}
	return out
}

// history is the number of reviews `show` lists for a card.
func (c *cliT) history(id string) int {
	c.t.Helper()
	var shown struct {
		History []json.RawMessage `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("show", id, "--json")), &shown); err != nil {
		c.t.Fatal(err)
	}
	return len(shown.History)
}

// studyAll answers every card once, so identity can be seen to keep history.
func (c *cliT) studyAll() map[string]cardRow {
	c.t.Helper()
	for _, r := range c.cards() {
		c.ok("rate", r.ID, "good")
	}
	return c.cards()
}

// sameIdentity checks that every card of before is still there (under its
// possibly reworded question), same ID, its review kept, not orphaned, and
// that there are no other cards but the questions in added.
func (c *cliT) sameIdentity(before map[string]cardRow, reworded map[string]string, added ...string) {
	c.t.Helper()
	after := c.cards()
	if len(after) != len(before)+len(added) {
		c.t.Errorf("%d cards, want %d (no duplicates): %v", len(after), len(before)+len(added), after)
	}
	for q, b := range before {
		if r, ok := reworded[q]; ok {
			q = r
		}
		a := after[q]
		if a.ID != b.ID || a.Orphaned || a.Reps != 1 {
			c.t.Errorf("card %q: %+v, was %+v", q, a, b)
			continue
		}
		if n := c.history(a.ID); n != 1 {
			c.t.Errorf("card %q has %d reviews in its history, want 1", q, n)
		}
	}
}

type syncJSON struct {
	Files []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
		From   string `json:"from"`
	} `json:"files"`
	Orphans []struct {
		ID     string `json:"id"`
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
		Hint   string `json:"hint"`
	} `json:"orphans"`
	New      int `json:"new"`
	Orphaned int `json:"orphaned"`
}

func (c *cliT) syncJSON(args ...string) syncJSON {
	c.t.Helper()
	var rep syncJSON
	out := c.ok(append([]string{"sync", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		c.t.Fatalf("sync --json: %v\n%s", err, out)
	}
	return rep
}

const cellsNote = "# Cells\n\nPowerhouse of the cell::the mitochondrion\n\nWhat do ribosomes make?::proteins\n\nLargest organ of the human body::the skin\n"

func TestRenamesAndMovesKeepCardsThroughTheCLI(t *testing.T) {
	cases := []struct {
		name     string
		do       func(c *cliT) (from, to string)
		reworded map[string]string
		added    []string
	}{
		{"rename", func(c *cliT) (string, string) {
			from, to := filepath.Join(c.dir, "notes", "bio.md"), filepath.Join(c.dir, "notes", "biology.md")
			must(c.t, os.Rename(from, to))
			return from, to
		}, nil, nil},
		{"move across added folders", func(c *cliT) (string, string) {
			from, to := filepath.Join(c.dir, "notes", "bio.md"), filepath.Join(c.dir, "more", "science", "cells.md")
			must(c.t, os.MkdirAll(filepath.Dir(to), 0o755))
			must(c.t, os.Rename(from, to))
			return from, to
		}, nil, nil},
		{"rename and edit in one sync", func(c *cliT) (string, string) {
			from := filepath.Join(c.dir, "notes", "bio.md")
			edited := strings.Replace(cellsNote, "What do ribosomes make?", "What do the ribosomes make?", 1) + "\nSmallest unit of life::the cell\n"
			to := c.note("cells.md", edited)
			must(c.t, os.Remove(from))
			return from, to
		}, map[string]string{"What do ribosomes make?": "What do the ribosomes make?"}, []string{"Smallest unit of life"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			c.note("bio.md", cellsNote)
			more := filepath.Join(c.dir, "more")
			must(t, os.MkdirAll(more, 0o755))
			c.ok("add", filepath.Join(c.dir, "notes"), more)
			before := c.studyAll()
			from, to := tc.do(c)

			out := c.ok("sync", "--dry-run")
			if want := "renamed " + from + " -> " + to; !strings.Contains(out, want) {
				t.Errorf("sync --dry-run output lacks %q:\n%s", want, out)
			}
			rep := c.syncJSON()
			renamed := 0
			for _, f := range rep.Files {
				if f.Status == "renamed" {
					renamed++
					if f.From != from || f.Path != to {
						t.Errorf("sync --json file: %+v, want %s -> %s", f, from, to)
					}
				}
			}
			if renamed != 1 || rep.Orphaned != 0 || len(rep.Orphans) != 0 || rep.New != len(tc.added) {
				t.Errorf("sync --json: %+v", rep)
			}
			c.sameIdentity(before, tc.reworded, tc.added...)
			if out := c.ok("sync"); !strings.Contains(out, "0 new, 0 updated, 0 orphaned") {
				t.Errorf("second sync: %s", out)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRestoreOnAnotherMachine: a JSON backup restored into a fresh
// collection, with the notes under another folder, takes every card back
// when that folder is added: same IDs, same history, no duplicates.
func TestRestoreOnAnotherMachine(t *testing.T) {
	laptop := newCLI(t)
	laptop.note("bio/cells.md", cellsNote)
	laptop.note("lang/french.md", "un::one\n\ndeux:::two\n\n{{c1::Paris}} is the capital of {{c2::France}}\n")
	laptop.ok("add", filepath.Join(laptop.dir, "notes"))
	before := laptop.studyAll()
	backup := filepath.Join(laptop.dir, "backup.json")
	laptop.ok("export", "json", backup)

	desktop := newCLI(t) // another collection, another home folder
	desktop.now = laptop.now
	desktop.ok("import", "json", backup)
	vault := filepath.Join(desktop.dir, "Documents", "vault")
	copyTree(t, filepath.Join(laptop.dir, "notes"), vault)
	must(t, os.RemoveAll(filepath.Join(laptop.dir, "notes"))) // the old path exists on no machine now

	// Before the notes are added, `paths` says where the cards came from.
	if out := desktop.ok("paths"); !strings.Contains(out, "read under "+filepath.Join(laptop.dir, "notes")) || !strings.Contains(out, "mnemo add FOLDER") {
		t.Errorf("paths before adding:\n%s", out)
	}
	out := desktop.ok("add", vault)
	if !strings.Contains(out, " 0 new,") || !strings.Contains(out, "0 orphaned") {
		t.Errorf("add on the new machine: %s", out)
	}
	desktop.sameIdentity(before, nil)
	for q, r := range desktop.cards() {
		if r.Source.Root != vault || !strings.HasPrefix(r.Source.Path, vault+string(filepath.Separator)) {
			t.Errorf("%q points at %+v, want a note under %s", q, r.Source, vault)
		}
	}
	if out := desktop.ok("sync"); !strings.Contains(out, "0 new, 0 updated, 0 orphaned") {
		t.Errorf("sync after restore: %s", out)
	}
	var paths pathsJSON
	if err := json.Unmarshal([]byte(desktop.ok("paths", "--json")), &paths); err != nil {
		t.Fatal(err)
	}
	if len(paths.Paths) != 1 || paths.Paths[0].Path != vault || paths.Paths[0].Cards != len(before) || len(paths.Elsewhere) != 0 {
		t.Errorf("paths --json after restore: %+v", paths)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dest := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dest, b, 0o644)
	})
	must(t, err)
}

func TestPathsMoveAndRemove(t *testing.T) {
	c := newCLI(t)
	c.note("bio.md", cellsNote)
	notes := filepath.Join(c.dir, "notes")
	c.ok("add", notes)
	before := c.studyAll()
	moved := filepath.Join(c.dir, "Documents", "notes")
	must(t, os.MkdirAll(filepath.Dir(moved), 0o755))
	must(t, os.Rename(notes, moved))

	if out := c.ok("paths"); !strings.Contains(out, notes+" (missing)") {
		t.Errorf("paths does not show the missing folder:\n%s", out)
	}
	if _, errOut, code := c.run("", "paths", "move", filepath.Join(c.dir, "nope"), moved); code != 1 || !strings.Contains(errOut, "is not an added path") || !strings.Contains(errOut, "hint: ") {
		t.Errorf("move of an unknown path: exit %d, %s", code, errOut)
	}
	if out := c.ok("paths", "move", notes, moved); !strings.Contains(out, "1 file, 3 cards") {
		t.Errorf("paths move: %s", out)
	}
	if out := c.ok("sync"); !strings.Contains(out, "1 files read (1 unchanged)") || !strings.Contains(out, "0 orphaned") {
		t.Errorf("sync after paths move: %s", out)
	}
	c.sameIdentity(before, nil)

	out := c.ok("paths", "remove", moved)
	for _, want := range []string{"3 cards orphaned (kept with their history", "its added path was removed", "hint: 'mnemo add' the path again"} {
		if !strings.Contains(out, want) {
			t.Errorf("paths remove output lacks %q:\n%s", want, out)
		}
	}
	for q, r := range c.cards() {
		if !r.Orphaned || r.Reps != 1 {
			t.Errorf("%q after paths remove: %+v", q, r)
		}
	}
	var paths pathsJSON
	if err := json.Unmarshal([]byte(c.ok("paths", "list", "--json")), &paths); err != nil {
		t.Fatal(err)
	}
	if len(paths.Paths) != 0 || len(paths.Elsewhere) != 1 || paths.Elsewhere[0].Orphaned != 3 {
		t.Errorf("paths --json after remove: %+v", paths)
	}
	if out := c.ok("sync"); !strings.Contains(out, "0 files read") {
		t.Errorf("sync after remove still reads the path: %s", out)
	}
	c.ok("add", moved)
	c.sameIdentity(before, nil)
}

// TestAutoGenerationKeepsReviewedCards: a prose note's generated cards
// that were reviewed stay when the note gains a markup card; the others
// are orphaned, and sync says which, where and why.
func TestAutoGenerationKeepsReviewedCards(t *testing.T) {
	c := newCLI(t)
	p := c.note("prose.md", "# Glossary\n\n- **Mitochondrion**: the organelle that makes most of the energy of a cell\n- **Ribosome**: the molecular machine that builds proteins from amino acids\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	gen := c.cards()
	if len(gen) != 2 {
		t.Fatalf("generated cards: %v", gen)
	}
	var reviewed, other cardRow
	for _, r := range gen {
		if strings.Contains(strings.ToLower(r.Question), "mitochondrion") {
			reviewed = r
		} else {
			other = r
		}
	}
	c.ok("rate", reviewed.ID, "good")
	must(t, os.WriteFile(p, []byte("# Glossary\n\n- **Mitochondrion**: the organelle that makes most of the energy of a cell\n- **Ribosome**: the molecular machine that builds proteins from amino acids\n\nATP::adenosine triphosphate\n"), 0o644))
	bump(t, p)

	out := c.ok("sync", "--dry-run")
	if want := "orphaned " + other.ID + " " + p + ":"; !strings.Contains(out, want) || !strings.Contains(out, "now has explicit cards") || !strings.Contains(out, "hint: 'mnemo sync --generate rules'") {
		t.Errorf("sync output does not explain the orphan (want %q):\n%s", want, out)
	}
	rep := c.syncJSON()
	if len(rep.Orphans) != 1 || rep.Orphans[0].ID != other.ID || rep.Orphans[0].Path != p || rep.Orphans[0].Line == 0 || rep.Orphans[0].Hint == "" {
		t.Errorf("sync --json orphans: %+v", rep.Orphans)
	}
	after := c.cards()
	if r := after[reviewed.Question]; r.ID != reviewed.ID || r.Orphaned || r.Reps != 1 {
		t.Errorf("reviewed generated card: %+v", r)
	}
	if r := after[other.Question]; !r.Orphaned {
		t.Errorf("unreviewed generated card: %+v", r)
	}
	if _, ok := after["ATP"]; !ok || len(after) != 3 {
		t.Errorf("cards after: %v", after)
	}
}

// bump moves a file's mtime forward so sync re-reads it.
func bump(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Stat(p)
	must(t, err)
	must(t, os.Chtimes(p, fi.ModTime().Add(2e9), fi.ModTime().Add(2e9)))
}
