package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDryRunCreatesNoCollection: `add --dry-run` before any collection
// exists reports what it would add and leaves no collection file behind;
// with a collection, a dry run adds no card to it.
func TestDryRunCreatesNoCollection(t *testing.T) {
	c := newCLI(t)
	c.note("geo.md", "Capital of France::Paris\nCapital of Italy::Rome\n")
	out := c.ok("add", filepath.Join(c.dir, "notes"), "--dry-run")
	if !strings.Contains(out, "2 new") {
		t.Errorf("dry run does not report the cards it would add:\n%s", out)
	}
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Fatalf("add --dry-run created the collection (stat: %v)", err)
	}
	c.ok("add", filepath.Join(c.dir, "notes"))
	before := c.ok("cards", "--json")
	c.note("geo.md", "Capital of France::Paris\nCapital of Italy::Rome\nCapital of Spain::Madrid\n")
	if out := c.ok("sync", "--dry-run"); !strings.Contains(out, "1 new") {
		t.Errorf("sync --dry-run does not report the new card:\n%s", out)
	}
	if after := c.ok("cards", "--json"); after != before {
		t.Errorf("sync --dry-run changed the cards:\nbefore %s\nafter %s", before, after)
	}
}
