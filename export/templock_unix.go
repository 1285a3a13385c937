//go:build unix

package export

import (
	"errors"
	"os"
	"syscall"
)

// LockTemp takes an exclusive advisory lock on a temporary file this
// process is writing, so CleanTemp in another process leaves it alone.
// The lock goes with the file's descriptor.
func LockTemp(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// inUse reports whether another process holds a lock on the file at path
// (a running export's temporary file, a restore's collection).
func inUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// processGone reports whether no process with that ID exists (known is
// always true here).
func processGone(pid int) (gone, known bool) {
	err := syscall.Kill(pid, 0)
	return errors.Is(err, syscall.ESRCH), true
}

// linkCount is how many names the file has.
func linkCount(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}
