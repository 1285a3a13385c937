//go:build unix

package export

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// deadPID is the ID of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	return cmd.Process.Pid
}

// TestCleanTempByOwner: a temporary file or folder named with its
// process's ID goes as soon as that process is gone, however young, and
// stays while it runs or while a lock holds it; one without an ID (an
// older mnemo's) keeps the age rule.
func TestCleanTempByOwner(t *testing.T) {
	dead, live := deadPID(t), os.Getppid()
	dir := t.TempDir()
	cases := []struct {
		name   string
		dir    bool
		locked bool
		want   bool // still there after CleanTemp
	}{
		{fmt.Sprintf(".mnemo-export-%d-123.apkg", dead), false, false, false},
		{fmt.Sprintf(".mnemo-export-%d-123.anki2-journal", dead), false, false, false},
		{fmt.Sprintf(".mnemo-import-%d-55", dead), true, false, false},
		{fmt.Sprintf(".mnemo-import-%d-56.db", dead), false, true, true}, // a lock says it is written
		{fmt.Sprintf(".mnemo-export-%d-123.apkg", live), false, false, true},
		{fmt.Sprintf(".mnemo-import-%d-57", live), true, false, true},
		{fmt.Sprintf(".mnemo-export-%d-58", os.Getpid()), false, false, true},
		{".mnemo-export-4242.apkg", false, false, true}, // no ID and a second old: maybe running
		{".mnemo-import-4243", true, false, true},
		{"notes.md", false, false, true},
	}
	for _, tc := range cases {
		p := filepath.Join(dir, tc.name)
		if tc.dir {
			if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if tc.locked {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			LockTemp(f)
		}
	}
	// a killed restore's file, linked to the collection's name before it
	// could remove its own: the lock on it is the open collection's
	col := filepath.Join(dir, "collection.db")
	if err := os.WriteFile(col, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, fmt.Sprintf(".mnemo-import-%d-59.db", dead))
	if err := os.Link(col, linked); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(col)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	LockTemp(f)
	CleanTemp(dir, time.Now())
	if _, err := os.Stat(linked); err == nil {
		t.Errorf("a killed restore's second name of the open collection is still there")
	}
	if _, err := os.Stat(col); err != nil {
		t.Errorf("the collection went with it: %v", err)
	}
	for _, tc := range cases {
		if _, err := os.Stat(filepath.Join(dir, tc.name)); (err == nil) != tc.want {
			t.Errorf("%s: there %v, want %v", tc.name, err == nil, tc.want)
		}
	}
}

func TestCreateTempNamesItsOwner(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateTemp(dir, ".mnemo-export-", ".apkg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := MkdirTemp(dir, ".mnemo-import-")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{f.Name(), d} {
		name := filepath.Base(p)
		if pid, ok := ownerPID(name, tempPrefix(name)); !ok || pid != os.Getpid() {
			t.Errorf("%s: owner %d, %v; want %d", name, pid, ok, os.Getpid())
		}
	}
	if !inUse(f.Name()) {
		t.Errorf("CreateTemp's file is not locked")
	}
}
