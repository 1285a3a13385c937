//go:build !unix

package main

import "time"

// lockFile is a no-op where flock does not exist: check and repair then
// rely on the user not running mnemo meanwhile.
func lockFile(string, bool, time.Duration) (func(), error) { return func() {}, nil }

// processAlive cannot tell here: temporaries are then removed by age.
func processAlive(int) bool { return true }
