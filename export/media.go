package export

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/mnemo-app/mnemo/cards"
)

// mediaRefRE finds Markdown images (![alt](name)) and Anki sound tags
// ([sound:name]) in card text.
var mediaRefRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`!\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)|\[sound:([^\]]+)\]`)
})

// MediaNames lists the media files a card's text refers to by bare name
// (as imported packages write them), each once, in order of appearance.
// Paths, URLs and names that are not bare file names are left out.
func MediaNames(c *cards.Card) []string {
	var out []string
	seen := map[string]bool{}
	for _, text := range []string{c.Question, c.Answer, c.Text} {
		for _, m := range mediaRefRE().FindAllStringSubmatch(text, -1) {
			name := m[1] + m[2]
			if u, err := url.PathUnescape(name); err == nil {
				name = u
			}
			if !seen[name] && bareName(name) {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}

func bareName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.HasPrefix(name, ".") &&
		!strings.ContainsAny(name, `/\:`) && filepath.Base(name) == name &&
		!strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' })
}

// MediaFile returns the absolute path of name inside the media folder dir
// when name is a bare file name of a regular file there (symbolic links
// leading out of the folder are refused), so a viewer started on it can
// open nothing else.
func MediaFile(dir, name string) (string, bool) {
	if dir == "" || !bareName(name) {
		return "", false
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	p := filepath.Join(abs, name)
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", false
	}
	realDir, err := filepath.EvalSymlinks(abs)
	if err != nil || filepath.Dir(real) != realDir {
		return "", false
	}
	st, err := os.Stat(real)
	if err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return p, true
}
