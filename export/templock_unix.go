//go:build unix

package export

import (
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
