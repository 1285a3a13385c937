//go:build !unix

package export

import "os"

// LockTemp does nothing on this system.
func LockTemp(*os.File) {}

// inUse cannot tell on this system; files only age out.
func inUse(string) bool { return false }

// processGone cannot tell on this system: temporaries age out instead.
func processGone(int) (gone, known bool) { return false, false }

// linkCount cannot tell on this system.
func linkCount(os.FileInfo) uint64 { return 1 }
