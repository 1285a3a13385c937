package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
)

// MaxFileSize is the largest note mnemo reads; bigger files are skipped
// with a warning (a 10 MiB Markdown note is almost certainly not a note).
const MaxFileSize = 10 << 20

// IsMarkdown reports whether name has a Markdown extension.
func IsMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// isDrawing reports whether name is an Excalidraw drawing saved as
// Markdown ("x.excalidraw.md"): its text is drawing data, not a note, and
// Obsidian Spaced Repetition skips it too.
func isDrawing(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".excalidraw.md")
}

// found is one note file found under an added path.
type found struct {
	path string // absolute, cleaned
	root string // the added folder (or the file itself)
	info fs.FileInfo
}

// walk lists the Markdown files below root (or root itself when it is a
// file), following symlinked folders once and reporting loops. Problems
// with single entries become skips; only a missing or unreadable root is
// an error.
func walk(root string) (files []found, skips []Skip, err error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		if !IsMarkdown(root) {
			return nil, nil, fmt.Errorf("%s is not a Markdown file (.md or .markdown)", root)
		}
		if !info.Mode().IsRegular() {
			return nil, nil, fmt.Errorf("%s is not a regular file (a pipe, device or socket)", root)
		}
		return []found{{path: root, root: root, info: info}}, nil, nil
	}
	visited := map[string]bool{}
	var visit func(dir string) error
	visit = func(dir string) error {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			skips = append(skips, Skip{Path: dir, Reason: err.Error()})
			return nil
		}
		if visited[real] {
			skips = append(skips, Skip{Path: dir, Reason: "symlink loop: this folder was already read through another path"})
			return nil
		}
		visited[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			skips = append(skips, Skip{Path: dir, Reason: fmt.Sprintf("cannot read folder: %v", unwrapPath(err))})
			return nil
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			if strings.HasPrefix(name, ".") { // .git, .obsidian, .trash
				continue
			}
			if e.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(p)
				if err != nil {
					skips = append(skips, Skip{Path: p, Reason: fmt.Sprintf("broken or looping symlink: %v", unwrapPath(err))})
					continue
				}
				if target.IsDir() {
					if err := visit(p); err != nil {
						return err
					}
					continue
				}
				if IsMarkdown(name) && !isDrawing(name) && target.Mode().IsRegular() {
					files = append(files, found{path: p, root: root, info: target})
				}
				continue
			}
			if e.IsDir() {
				if err := visit(p); err != nil {
					return err
				}
				continue
			}
			if !IsMarkdown(name) || isDrawing(name) || !e.Type().IsRegular() {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				skips = append(skips, Skip{Path: p, Reason: unwrapPath(err).Error()})
				continue
			}
			files = append(files, found{path: p, root: root, info: fi})
		}
		return nil
	}
	if err := visit(root); err != nil {
		return nil, nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, skips, nil
}

// unwrapPath drops the *PathError wrapper, whose path the caller already shows.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// openRegular opens a note for reading without ever blocking: the open is
// non-blocking (opening a FIFO with no writer would wait forever) and the
// file must still be a regular file once open, whatever the walk saw.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errors.New("not a regular file (a pipe, device or socket): skipped")
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// readNote reads a note file whole into a buffer of the size the open file
// has, plus one byte: one read for the text and one that sees its end
// (io.ReadAll starts at 512 bytes and grows: four reads and three copies
// for a 4 KB note). A file that grew meanwhile is read on all the same.
// It stops after MaxFileSize+1 bytes: a longer result is over the limit.
func readNote(path string) ([]byte, error) {
	f, info, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, min(max(info.Size(), 0), MaxFileSize)+1)
	for len(buf) <= MaxFileSize {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(cap(buf), MaxFileSize+1-len(buf)))
		}
		n, err := f.Read(buf[len(buf):min(cap(buf), MaxFileSize+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}
