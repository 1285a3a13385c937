//go:build unix

package main

import (
	"os"
	"syscall"
)

// peakRSSKB is the child's peak resident set in KB (bytes on macOS,
// where ru_maxrss counts bytes).
func peakRSSKB(st *os.ProcessState) int64 {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if isDarwin {
		return int64(ru.Maxrss) / 1024
	}
	return int64(ru.Maxrss)
}
