//go:build !unix

package main

import "os"

// peakRSSKB is not known on this system.
func peakRSSKB(*os.ProcessState) int64 { return 0 }
