//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
)

// lockFile takes the lock bbolt uses on the collection file (flock:
// shared for readers, exclusive for a writer), waiting up to timeout, so
// check reads a file no mnemo is writing and repair replaces one nobody
// has open.
func lockFile(path string, exclusive bool, timeout time.Duration) (unlock func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, store.ErrLocked
			}
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// processAlive reports whether a process with that ID exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
