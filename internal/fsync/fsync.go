// Package fsync makes renames and new links durable.
package fsync

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Dir makes the renames and links done in dir durable: without it, a power
// cut can lose a file's new name although its data reached the disk. Not
// every system can sync a folder (Windows cannot open one for it); that is
// not an error.
func Dir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
