package anki

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxMediaName is Anki's limit on a media file name, in bytes.
const maxMediaName = 120

// mediaFile is a local image copied into the package.
type mediaFile struct {
	name string
	path string
	size int64
	sum  [sha1.Size]byte
}

// mediaSet collects the images notes reference, giving each a safe,
// unique bare name.
type mediaSet struct {
	byPath  map[string]string // cleaned path -> name; "" when missing
	byName  map[string]*mediaFile
	files   []*mediaFile
	missing map[string]bool
}

func newMediaSet() *mediaSet {
	return &mediaSet{byPath: map[string]string{}, byName: map[string]*mediaFile{}, missing: map[string]bool{}}
}

// isRemote reports whether an image destination is not a local file.
func isRemote(dest string) bool {
	l := strings.ToLower(dest)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "data:image/")
}

// localPath turns an image destination written in a note into a file path
// relative to dir (percent-escapes decoded, query and fragment dropped).
func localPath(dir, dest string) string {
	p := dest
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = strings.TrimPrefix(p, "file://")
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// add registers the file at path and returns its name in the package;
// ok=false when it cannot be read.
func (m *mediaSet) add(path string) (name string, ok bool, err error) {
	if n, seen := m.byPath[path]; seen {
		return n, n != "", nil
	}
	f, err := openRegular(path)
	if err != nil {
		m.byPath[path] = ""
		return "", false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		m.byPath[path] = ""
		return "", false, err
	}
	h := sha1.New()
	if _, err := io.Copy(h, io.LimitReader(f, st.Size())); err != nil {
		m.byPath[path] = ""
		return "", false, err
	}
	var sum [sha1.Size]byte
	copy(sum[:], h.Sum(nil))
	name = SafeMediaName(filepath.Base(path))
	if other, taken := m.byName[name]; taken && other.sum != sum {
		ext := filepath.Ext(name)
		stem := strings.TrimSuffix(name, ext)
		suffix := "-" + hex.EncodeToString(sum[:4])
		name = truncateName(stem, maxMediaName-len(suffix)-len(ext)) + suffix + ext
	}
	if _, taken := m.byName[name]; !taken {
		mf := &mediaFile{name: name, path: path, size: st.Size(), sum: sum}
		m.byName[name] = mf
		m.files = append(m.files, mf)
	}
	m.byPath[path] = name
	return name, true, nil
}

// errNotRegular is returned for images that are devices, pipes, sockets or
// folders: reading them could block or never end.
var errNotRegular = errors.New("not a regular file")

// openRegular opens path for reading only if it is a regular file; it
// never blocks on a FIFO (the open is non-blocking and checked again
// after opening, in case the file was swapped meanwhile).
func openRegular(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = errNotRegular
		}
		return nil, err
	}
	return f, nil
}

// within reports whether path lies inside dir (both absolute and clean),
// after following symbolic links in path.
func within(path, dir string) bool {
	if dir == "" {
		return false
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// SafeMediaName makes a bare file name Anki keeps as it is: NFC, no path
// separators, no characters Anki strips ([]<>:"/?*^\| and controls) nor
// ones that need quoting in HTML or URLs (whitespace, '#', '%', '&', ';',
// quotes), no trailing '.' or space, no Windows device name, at most 120
// bytes.
func SafeMediaName(name string) string {
	name = norm.NFC.String(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r):
		case strings.ContainsRune(`[]<>:"/?*^\|#%&;'`+"`", r):
		case unicode.IsSpace(r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		s = "image"
	}
	ext := filepath.Ext(s)
	if len(ext) > 16 {
		ext = ""
	}
	stem := strings.TrimSuffix(s, ext)
	if stem == "" {
		stem = "image"
	}
	if isDeviceName(stem) {
		stem += "_"
	}
	s = truncateName(stem, maxMediaName-len(ext)) + ext
	if strings.HasSuffix(s, ".") {
		s += "_"
	}
	return s
}

func isDeviceName(stem string) bool {
	u := strings.ToUpper(stem)
	if i := strings.IndexByte(u, '.'); i >= 0 {
		u = u[:i]
	}
	switch u {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9' {
		return true
	}
	return false
}

// truncateName cuts s to at most n bytes at a rune boundary.
func truncateName(s string, n int) string {
	if n < 1 {
		n = 1
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
