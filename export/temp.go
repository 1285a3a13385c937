package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/internal/fsync"
)

// TempPrefixes start the names of the temporary files and folders exports
// and imports write (beside their target, in the media folder or in the
// system's temporary folder).
var TempPrefixes = []string{".mnemo-export-", ".mnemo-import-"}

// CreateTemp creates a temporary file in dir (the system's temporary
// folder when empty) named prefix + this process's ID + "-" + random +
// suffix, and locks it (see LockTemp). The ID in the name lets CleanTemp
// in a later run tell a killed run's file (its process is gone) from a
// running one's at any age, even before the lock is taken.
func CreateTemp(dir, prefix, suffix string) (*os.File, error) {
	f, err := os.CreateTemp(dir, TempPattern(prefix)+suffix)
	if err != nil {
		return nil, err
	}
	LockTemp(f)
	return f, nil
}

// MkdirTemp is CreateTemp for a folder (which cannot be locked: the
// process ID in its name alone says whether it is in use).
func MkdirTemp(dir, prefix string) (string, error) {
	return os.MkdirTemp(dir, TempPattern(prefix))
}

// TempPattern is the os.CreateTemp pattern of a temporary file or folder
// this process owns, for one that must not be locked (a collection bbolt
// locks itself): prefix, the process ID, '-', then the random part.
func TempPattern(prefix string) string { return fmt.Sprintf("%s%d-*", prefix, os.Getpid()) }

// ownerPID is the process ID in a name CreateTemp or MkdirTemp made
// (after the prefix, digits ending in '-'), or ok=false for a name without
// one (written by an older mnemo).
func ownerPID(name, prefix string) (pid int, ok bool) {
	rest := strings.TrimPrefix(name, prefix)
	i := strings.IndexByte(rest, '-')
	if i <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:i])
	return pid, err == nil && pid > 0
}

// CleanTemp removes, in dir, the temporary files and folders killed
// exports and imports left behind (kill -9 gives no chance to clean up, so
// the next run does). One whose name carries its process's ID goes as soon
// as that process is gone, unless a lock says some process still writes
// it; one without an ID (an older mnemo's) goes once no lock holds it and
// it is a minute old (a folder: an hour). A running process's file is never
// removed: its ID is alive, or its lock is held.
func CleanTemp(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		prefix := tempPrefix(e.Name())
		if prefix == "" {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := os.Lstat(p)
		if err != nil {
			continue
		}
		if stale(p, fi, prefix, now) {
			if fi.IsDir() {
				_ = os.RemoveAll(p)
			} else {
				_ = os.Remove(p)
			}
		}
	}
}

// stale reports whether the temporary file or folder at p belongs to no
// running process.
func stale(p string, fi os.FileInfo, prefix string, now time.Time) bool {
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		return false
	}
	pid, named := ownerPID(fi.Name(), prefix)
	gone, known := false, false
	if named {
		gone, known = processGone(pid)
		gone = gone && pid != os.Getpid()
	}
	// A restore links its finished file to the collection's name before it
	// removes its own: killed in between, the lock seen on it is the
	// collection's (one file, two names), and dropping the name loses
	// nothing.
	if gone && fi.Mode().IsRegular() && linkCount(fi) > 1 {
		return true
	}
	if fi.Mode().IsRegular() && inUse(p) {
		return false
	}
	if known {
		return gone
	}
	age := now.Sub(fi.ModTime())
	if fi.IsDir() {
		return age > time.Hour
	}
	return age > time.Minute
}

func tempPrefix(name string) string {
	for _, p := range TempPrefixes {
		if strings.HasPrefix(name, p) {
			return p
		}
	}
	return ""
}

// Install gives the finished temporary file f the name path: its data
// reaches the disk first, then the rename, then the folder entry, so a
// power cut leaves either the old file at path or the complete new one,
// never an empty or half-written file under the final name. f is closed.
func Install(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return fsync.Dir(filepath.Dir(path))
}
