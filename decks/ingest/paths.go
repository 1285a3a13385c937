package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// ErrNotAdded is returned (wrapped) by MovePath and RemovePath for a path
// that was never added.
var ErrNotAdded = errors.New("not an added path")

// PathInfo is an added path as `mnemo paths` lists it.
type PathInfo struct {
	Path     string                `json:"path"`
	Deck     string                `json:"deck,omitempty"`
	Generate markdown.GenerateMode `json:"generate"`
	Added    time.Time             `json:"added"`
	// Missing is set when the path is not there (moved, or another machine).
	Missing bool `json:"missing"`
	Files   int  `json:"files"` // note files read from it
	Cards   int  `json:"cards"` // their cards
}

// Elsewhere counts cards whose note lies under no added path: restored
// from a backup made on another machine, or left from a removed path.
type Elsewhere struct {
	// Root is the folder the cards were read under.
	Root     string `json:"root"`
	Cards    int    `json:"cards"`
	Orphaned int    `json:"orphaned"`
}

// ListPaths returns the added paths and the folders of cards no added path
// covers. It reads every card once.
func ListPaths(tx *store.Tx) ([]PathInfo, []Elsewhere, error) {
	added, err := tx.Paths()
	if err != nil {
		return nil, nil, err
	}
	sources, err := tx.Sources()
	if err != nil {
		return nil, nil, err
	}
	infos := make([]PathInfo, len(added))
	for i, a := range added {
		infos[i] = PathInfo{Path: a.Path, Deck: a.Deck, Generate: a.Generate, Added: a.Added, Missing: !exists(a.Path)}
		for _, s := range sources {
			if s.Path == a.Path || cards.RelTo(s.Path, a.Path) != "" {
				infos[i].Files++
				infos[i].Cards += len(s.Cards)
			}
		}
	}
	away := map[string]*Elsewhere{}
	err = tx.ForEachCard(func(c *cards.Card) error {
		if c.Source.Path == "" || underAny(c.Source.Path, added) {
			return nil
		}
		root := c.Source.Root
		if root == "" {
			root = filepath.Dir(c.Source.Path)
		}
		e := away[root]
		if e == nil {
			e = &Elsewhere{Root: root}
			away[root] = e
		}
		e.Cards++
		if c.Orphaned {
			e.Orphaned++
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	elsewhere := make([]Elsewhere, 0, len(away))
	for _, e := range away {
		elsewhere = append(elsewhere, *e)
	}
	sort.Slice(elsewhere, func(i, j int) bool { return elsewhere[i].Root < elsewhere[j].Root })
	return infos, elsewhere, nil
}

// Moved says what MovePath changed.
type Moved struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Files int    `json:"files"`
	Cards int    `json:"cards"`
}

// MovePath tells the collection that an added path now lives at to (both
// absolute and clean): the added path, its files' records and its cards'
// sources point there from now on, so the next sync finds the notes
// unchanged instead of orphaning and re-adding them.
func MovePath(tx *store.Tx, from, to string) (Moved, error) {
	m := Moved{From: from, To: to}
	added, err := tx.Paths()
	if err != nil {
		return m, err
	}
	i := indexOfPath(added, from)
	if i < 0 {
		return m, fmt.Errorf("%s: %w", from, ErrNotAdded)
	}
	if indexOfPath(added, to) >= 0 {
		return m, fmt.Errorf("%s is already an added path", to)
	}
	info, err := os.Stat(to)
	if err != nil {
		return m, fmt.Errorf("%s: %w", to, unwrapPath(err))
	}
	if !info.IsDir() && !IsMarkdown(to) {
		return m, fmt.Errorf("%s is not a Markdown file (.md or .markdown)", to)
	}
	p := added[i]
	if err := tx.DeletePath(from); err != nil {
		return m, err
	}
	p.Path = to
	if err := tx.PutPath(p); err != nil {
		return m, err
	}
	added[i] = p
	sources, err := tx.Sources()
	if err != nil {
		return m, err
	}
	for _, s := range sources {
		dest, ok := movedPath(s.Path, from, to)
		if !ok {
			continue
		}
		if err := tx.DeleteSource(s.Path); err != nil {
			return m, err
		}
		if err := moveSuggestions(tx, s.Path, dest, store.RootOf(dest, added)); err != nil {
			return m, err
		}
		s.Path, s.Root = dest, store.RootOf(dest, added)
		if err := tx.PutSource(s); err != nil {
			return m, err
		}
		m.Files++
	}
	var moved []cards.Card
	err = tx.ForEachCard(func(c *cards.Card) error {
		if dest, ok := movedPath(c.Source.Path, from, to); ok {
			c.Source.Path, c.Source.Root = dest, store.RootOf(dest, added)
			moved = append(moved, *c)
		}
		return nil
	})
	if err != nil {
		return m, err
	}
	for i := range moved {
		if err := tx.PutCard(&moved[i]); err != nil {
			return m, err
		}
	}
	m.Cards = len(moved)
	return m, nil
}

// movedPath is p with the prefix from replaced by to, if p is from or lies
// below it.
func movedPath(p, from, to string) (string, bool) {
	if p == from {
		return to, true
	}
	if rel := cards.RelTo(p, from); rel != "" {
		return filepath.Join(to, rel), true
	}
	return "", false
}

func indexOfPath(added []store.AddedPath, p string) int {
	for i := range added {
		if added[i].Path == p {
			return i
		}
	}
	return -1
}

// Removed says what RemovePath did.
type Removed struct {
	Path  string `json:"path"`
	Files int    `json:"files"` // note files forgotten
	// Kept counts the files that another added path still covers: their
	// cards stay as they are.
	Kept    int      `json:"kept"`
	Orphans []Orphan `json:"orphans"`
}

// RemovePath forgets an added path: later syncs no longer read it. The
// cards of its files are orphaned, with their history, not deleted
// ('mnemo prune' deletes orphans; adding the path again brings them back),
// except files another added path still covers.
func RemovePath(tx *store.Tx, path string, now time.Time) (Removed, error) {
	r := Removed{Path: path, Orphans: []Orphan{}}
	added, err := tx.Paths()
	if err != nil {
		return r, err
	}
	i := indexOfPath(added, path)
	if i < 0 {
		return r, fmt.Errorf("%s: %w", path, ErrNotAdded)
	}
	if err := tx.DeletePath(path); err != nil {
		return r, err
	}
	rest := append(added[:i:i], added[i+1:]...)
	sources, err := tx.Sources()
	if err != nil {
		return r, err
	}
	for _, s := range sources {
		if _, ok := movedPath(s.Path, path, path); !ok {
			continue
		}
		if underAny(s.Path, rest) {
			r.Kept++
			if err := reroot(tx, s, store.RootOf(s.Path, rest)); err != nil {
				return r, err
			}
			continue
		}
		for _, id := range s.Cards {
			c, ok, err := tx.Card(id)
			if err != nil {
				return r, err
			}
			if !ok || c.Orphaned {
				continue
			}
			c.Orphaned, c.Modified = true, now
			if err := tx.PutCard(&c); err != nil {
				return r, err
			}
			r.Orphans = append(r.Orphans, newOrphan(&c, s.Path, pathRemoved))
		}
		if err := dropSuggestions(tx, s.Path); err != nil {
			return r, err
		}
		if err := tx.DeleteSource(s.Path); err != nil {
			return r, err
		}
		r.Files++
	}
	return r, nil
}

// reroot gives a file and its cards a new root folder, when it changed.
func reroot(tx *store.Tx, s store.Source, root string) error {
	if root == s.Root {
		return nil
	}
	s.Root = root
	if err := tx.PutSource(s); err != nil {
		return err
	}
	for _, id := range s.Cards {
		c, ok, err := tx.Card(id)
		if err != nil || !ok {
			return err
		}
		c.Source.Root = root
		if err := tx.PutCard(&c); err != nil {
			return err
		}
	}
	return nil
}

// moveSuggestions re-files a note's pending suggestions under its new path.
func moveSuggestions(tx *store.Tx, from, to, root string) error {
	pending, err := tx.SuggestionsOf(from)
	if err != nil {
		return err
	}
	for _, c := range pending {
		if err := tx.DeleteSuggestion(from, c.ID); err != nil {
			return err
		}
		c.Source.Path, c.Source.Root = to, root
		if err := tx.PutSuggestion(c); err != nil {
			return err
		}
	}
	return nil
}

// dropSuggestions forgets a note's pending suggestions (its path was
// removed: nothing would ever offer them again).
func dropSuggestions(tx *store.Tx, path string) error {
	pending, err := tx.SuggestionsOf(path)
	if err != nil {
		return err
	}
	for _, c := range pending {
		if err := tx.DeleteSuggestion(path, c.ID); err != nil {
			return err
		}
	}
	return nil
}
