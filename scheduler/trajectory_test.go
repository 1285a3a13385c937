package scheduler

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

// TestTrajectories records how cards move under fixed answer sequences, each
// answer given when the card falls due: the schedule FSRS-5 produces with
// default options and fuzz off. A change here is a change in scheduling.
func TestTrajectories(t *testing.T) {
	sequences := []struct {
		name    string
		ratings string // a h g e
	}{
		{"always good", "gggggggg"},
		{"easy start", "eeeee"},
		{"struggling", "aaghgaggahgg"},
		{"lapse after graduating", "ggggaggg"},
		{"hard all the way", "hhhhhhhh"},
	}
	ratingOf := map[rune]cards.Rating{'a': cards.Again, 'h': cards.Hard, 'g': cards.Good, 'e': cards.Easy}
	var out bytes.Buffer
	s := New(noFuzz())
	for _, seq := range sequences {
		fmt.Fprintf(&out, "# %s\n", seq.name)
		c := newTestCard("t")
		now := t0
		for _, ch := range seq.ratings {
			r := ratingOf[ch]
			ret := s.Retrievability(c, now)
			rev, _ := s.Answer(&c, r, now, 0)
			fmt.Fprintf(&out, "%-9s %-5s %-10s -> %-10s R=%.4f S=%9.4f D=%.4f elapsed=%d next=%s lapses=%d\n",
				FormatInterval(now.Sub(t0)), r, rev.StateBefore, rev.StateAfter, ret,
				c.Schedule.Stability, c.Schedule.Difficulty, rev.ElapsedDays,
				FormatInterval(c.Schedule.Due.Sub(now)), c.Schedule.Lapses)
			now = c.Schedule.Due
		}
	}
	golden(t, "trajectories.golden", out.Bytes())
}

// Make sure trajectories are independent of the zone of the clock.
func TestTrajectoryZoneIndependent(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	s := New(noFuzz())
	a, b := newTestCard("z"), newTestCard("z")
	nowA, nowB := t0, t0.In(ny)
	for range 6 {
		s.Answer(&a, cards.Good, nowA, 0)
		s.Answer(&b, cards.Good, nowB, 0)
		if !a.Schedule.Due.Equal(b.Schedule.Due) || a.Schedule.Stability != b.Schedule.Stability {
			t.Fatalf("UTC %+v vs New York %+v", a.Schedule, b.Schedule)
		}
		nowA, nowB = a.Schedule.Due, b.Schedule.Due
	}
}
