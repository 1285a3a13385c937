package export

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// TempPrefixes start the names of the temporary files and folders exports
// and imports write (beside their target, in the media folder or in the
// system's temporary folder).
var TempPrefixes = []string{".mnemo-export-", ".mnemo-import-"}

// CleanTemp removes, in dir, the temporary files and folders a killed
// export or import left behind: those older than a minute that no running
// process holds a lock on. A kill -9 gives no chance to clean up, so the
// next run does.
func CleanTemp(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !hasTempPrefix(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := os.Lstat(p)
		if err != nil || now.Sub(fi.ModTime()) < time.Minute {
			continue
		}
		switch {
		case fi.Mode().IsRegular() && !inUse(p):
			_ = os.Remove(p)
		case fi.IsDir() && now.Sub(fi.ModTime()) > time.Hour: // folders cannot say whether they are in use
			_ = os.RemoveAll(p)
		}
	}
}

func hasTempPrefix(name string) bool {
	for _, p := range TempPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
