package review

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// editorCommand splits the editor command and appends +LINE, "--" and the
// path. The "--" ends the editor's options, so a path that starts with "-"
// or "+" (vi runs "+:!cmd" as a command) can only ever be a file name.
func editorCommand(editor, path string, line int) (name string, args []string) {
	f := strings.Fields(editor)
	if len(f) == 0 {
		f = []string{"vi"}
	}
	args = append(args, f[1:]...)
	if line > 0 {
		args = append(args, "+"+strconv.Itoa(line))
	}
	return f[0], append(args, "--", path)
}

// checkEditable refuses to hand the editor a path that is not a Markdown
// note inside one of the added note folders (roots). A card's source path
// can come from an imported package or backup, written by anyone: it is
// only opened when it names one of the user's own notes.
func checkEditable(path string, roots []string) error {
	shown := termtext.Line(path)
	switch {
	case path == "":
		return fmt.Errorf("this card has no source note to edit")
	case !filepath.IsAbs(path) || filepath.Clean(path) != path || termtext.HasControl(path):
		return fmt.Errorf("not opening %q in the editor: not a plain absolute path", shown)
	case !isMarkdown(path):
		return fmt.Errorf("not opening %s in the editor: not a Markdown note", shown)
	}
	for _, r := range roots {
		r = filepath.Clean(r)
		if path == r || strings.HasPrefix(path, r+string(filepath.Separator)) || r == string(filepath.Separator) {
			return nil
		}
	}
	return fmt.Errorf("not opening %s in the editor: it is not inside a folder added with 'mnemo add'", shown)
}

func isMarkdown(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return true
	}
	return false
}
