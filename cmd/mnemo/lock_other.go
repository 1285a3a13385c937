//go:build !unix

package main

import (
	"context"
	"time"
)

// lockFile is a no-op where flock does not exist: check and repair then
// rely on the user not running mnemo meanwhile.
func lockFile(context.Context, string, time.Duration) (func(bool) error, func(), error) {
	return func(bool) error { return nil }, func() {}, nil
}

// processAlive cannot tell here: temporaries are then removed by age.
func processAlive(int) bool { return true }
