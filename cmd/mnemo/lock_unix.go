//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
)

// lockFile takes the lock bbolt uses on the collection file (flock:
// shared for readers, exclusive for a writer), waiting up to timeout, so
// check reads a file no mnemo is writing. relock turns the lock into an
// exclusive one (repair replaces a file nobody has open) or back. A done
// ctx (Ctrl-C) ends the wait at once with its error.
func lockFile(ctx context.Context, path string, timeout time.Duration) (relock func(exclusive bool) error, unlock func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	relock = func(exclusive bool) error {
		how := syscall.LOCK_SH
		if exclusive {
			how = syscall.LOCK_EX
		}
		deadline := time.Now().Add(timeout)
		for {
			err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
			if err == nil {
				return nil
			}
			if !errors.Is(err, syscall.EWOULDBLOCK) {
				return err
			}
			if time.Now().After(deadline) {
				return store.ErrLocked
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for the collection's lock: %w", ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	if err := relock(false); err != nil {
		f.Close()
		return nil, nil, err
	}
	return relock, func() { f.Close() }, nil
}

// processAlive reports whether a process with that ID exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
