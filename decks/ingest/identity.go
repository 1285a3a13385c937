package ingest

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// A note's identity does not depend on its name (docs/notes-to-cards.md
// §4): a file that is new to the collection is first compared with the
// files of the same run that are gone. Same content, or enough cards in
// common, and it is that file renamed or moved (within an added folder or
// across added folders): its cards keep their IDs, schedules and history.

// minRenameOverlap is the share of cards (of the larger of the two files)
// a new file must have in common with a gone one, exactly or by edit
// similarity, to be taken for it renamed: half, so a note renamed and
// edited at once still counts, and a note split in two is the rename of
// the part that keeps most of its cards (the other part adopts the rest by
// ID all the same).
const minRenameOverlap = 0.5

// maxRenameCandidates bounds how many gone files a new file is compared
// with by edit similarity (exact card IDs and content hashes are looked up
// in maps and cost nothing): deleting a folder of a thousand notes while
// writing a thousand others must not make a sync quadratic.
const maxRenameCandidates = 16

// gonePool holds the files read before that are missing now.
type gonePool struct {
	srcs     []store.Source
	inScope  []bool // under this run's added paths: orphaned at the end if not renamed
	consumed []bool // taken for a renamed file
	byPath   map[string]int
	byHash   map[string][]int
	byCard   map[cards.ID]int
	taken    map[cards.ID]bool // cards another file adopted by ID
}

func (g *gonePool) add(s *store.Source, inScope bool) {
	if g.byPath == nil {
		g.byPath, g.byHash = map[string]int{}, map[string][]int{}
		g.byCard, g.taken = map[cards.ID]int{}, map[cards.ID]bool{}
	}
	i := len(g.srcs)
	g.srcs = append(g.srcs, *s)
	g.inScope = append(g.inScope, inScope)
	g.consumed = append(g.consumed, false)
	g.byPath[s.Path] = i
	if s.Hash != "" {
		g.byHash[s.Hash] = append(g.byHash[s.Hash], i)
	}
	for _, id := range s.Cards {
		g.byCard[id] = i
	}
}

func (g *gonePool) has(path string) bool {
	_, ok := g.byPath[path]
	return ok
}

// take marks a card of a gone file as adopted by another file.
func (g *gonePool) take(id cards.ID) {
	if _, ok := g.byCard[id]; ok {
		g.taken[id] = true
	}
}

// untaken returns ids without the cards other files adopted.
func (g *gonePool) untaken(ids []cards.ID) []cards.ID {
	if len(g.taken) == 0 {
		return ids
	}
	out := make([]cards.ID, 0, len(ids))
	for _, id := range ids {
		if !g.taken[id] {
			out = append(out, id)
		}
	}
	return out
}

// renamedFrom returns the gone file that j is, renamed or moved, or nil:
// the same content first, then the most cards in common.
func (a *applier) renamedFrom(j *job, fresh []cards.Card) (*store.Source, error) {
	g := &a.gone
	if len(g.srcs) == 0 {
		return nil, nil
	}
	for _, i := range g.byHash[j.hash] {
		if !g.consumed[i] {
			g.consumed[i] = true
			return &g.srcs[i], nil
		}
	}
	best, err := a.mostInCommon(j, fresh)
	if best < 0 && err == nil && j.src != nil && a.goneHadGenerated() {
		// A note that had generated cards and now has explicit ones shares
		// its generated cards with its old self: compare with those too.
		gen := generatedCards(j.src, markdown.ReadOptions{Path: j.f.path, Root: j.root,
			Deck: j.added.Deck, Mode: markdown.GenerateAuto, Generators: a.generators()})
		if best, err = a.mostInCommon(j, append(slices.Clip(fresh), gen...)); best >= 0 {
			j.generated = gen
		}
	}
	if best < 0 || err != nil {
		return nil, err
	}
	g.consumed[best] = true
	return &g.srcs[best], nil
}

// mostInCommon returns the gone file that shares the most cards with
// fresh, at least minRenameOverlap of them, or -1.
func (a *applier) mostInCommon(j *job, fresh []cards.Card) (int, error) {
	g := &a.gone
	exact := map[int]int{}
	for k := range fresh {
		if i, ok := g.byCard[fresh[k].ID]; ok && !g.consumed[i] && !g.taken[fresh[k].ID] {
			exact[i]++
		}
	}
	best, bestScore := -1, 0
	for _, i := range a.renameCandidates(j, exact) {
		old := g.untaken(g.srcs[i].Cards)
		score := exact[i]
		if score*2 < max(len(fresh), len(old)) { // not enough by ID alone: count edits too
			n, err := a.similarPairs(old, fresh)
			if err != nil {
				return -1, err
			}
			score = n
		}
		if score > bestScore && float64(score) >= minRenameOverlap*float64(max(len(fresh), len(old))) {
			best, bestScore = i, score
		}
	}
	return best, nil
}

func (a *applier) goneHadGenerated() bool {
	for i := range a.gone.srcs {
		if !a.gone.consumed[i] && a.gone.srcs[i].Generated > 0 {
			return true
		}
	}
	return false
}

// renameCandidates lists the gone files worth comparing with j, most
// likely first: those sharing cards by ID, then those with j's file name
// (moved), then those in j's folder (renamed).
func (a *applier) renameCandidates(j *job, exact map[int]int) []int {
	g := &a.gone
	var out []int
	for i := range exact {
		out = append(out, i)
	}
	slices.SortFunc(out, func(x, y int) int { // most cards in common, then path order
		if exact[x] != exact[y] {
			return exact[y] - exact[x]
		}
		return x - y
	})
	name, dir := filepath.Base(j.f.path), filepath.Dir(j.f.path)
	for _, same := range []func(p string) bool{
		func(p string) bool { return filepath.Base(p) == name },
		func(p string) bool { return filepath.Dir(p) == dir },
	} {
		for i := range g.srcs {
			if len(out) >= maxRenameCandidates {
				return out
			}
			if !g.consumed[i] && same(g.srcs[i].Path) && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out
}

// similarPairs counts the cards of a gone file (old) that the fresh cards
// match, by ID or by edit similarity.
func (a *applier) similarPairs(old []cards.ID, fresh []cards.Card) (int, error) {
	if len(old) == 0 || len(fresh) == 0 {
		return 0, nil
	}
	isOld := make(map[cards.ID]bool, len(old))
	for _, id := range old {
		isOld[id] = true
	}
	n := 0
	var rest []cards.Card
	for k := range fresh {
		if isOld[fresh[k].ID] {
			n++
			delete(isOld, fresh[k].ID)
		} else {
			rest = append(rest, fresh[k])
		}
	}
	var olds []cards.Card
	for _, id := range old {
		if !isOld[id] {
			continue
		}
		c, ok, err := a.tx.Card(id)
		if err != nil {
			return 0, err
		}
		if ok {
			olds = append(olds, c)
		}
	}
	return n + len(markdown.Reconcile(olds, rest)), nil
}

// indexLoose finds the cards no file record claims (orphans, and cards
// restored from a backup whose notes were never read on this machine) and
// indexes them by their path below their added folder, so a note found
// there under another folder can take them back (restore on another
// machine). Claimed cards are skipped before they are decoded. srcs are
// all file records, read before this run wrote any.
func (a *applier) indexLoose(srcs []store.Source) error {
	a.loose = map[string][]cards.ID{}
	n := 0
	for i := range srcs {
		n += len(srcs[i].Cards)
	}
	if a.tx.CardCount() <= n {
		return nil // every card has its file: the usual case, and no map to build
	}
	claimed := make(map[string]bool, n)
	for i := range srcs {
		for _, id := range srcs[i].Cards {
			claimed[string(id)] = true
		}
	}
	return a.tx.ForEachCardIf(func(id []byte) bool { return !claimed[string(id)] }, func(c *cards.Card) error {
		if rel := c.Source.Rel(); rel != "" {
			a.loose[rel] = append(a.loose[rel], c.ID)
			return nil
		}
		// No root (a backup from before roots were recorded): its added
		// folder is unknown, so index every tail of the path ("cells.md",
		// "bio/cells.md", ...); a note matches the one its own path gives.
		p := filepath.ToSlash(c.Source.Path)
		for i := len(p) - 1; i > 0; i-- {
			if p[i-1] == '/' {
				a.loose[p[i:]] = append(a.loose[p[i:]], c.ID)
			}
		}
		return nil
	})
}

// looseFor returns the unclaimed cards last read from a note at j's path
// below its added folder, whatever that folder was called then.
func (a *applier) looseFor(j *job) ([]cards.Card, error) {
	ids := a.loose[filepath.ToSlash(cards.RelTo(j.f.path, j.root))]
	var out []cards.Card
	for _, id := range ids {
		c, ok, err := a.tx.Card(id)
		if err != nil {
			return nil, err
		}
		if ok && !a.held(&c) { // not taken by a file read before in this run
			out = append(out, c)
		}
	}
	return out, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Orphan is a card a run took out of the queue because its text or its
// note is gone. It keeps its history: a later sync that finds the text
// again brings it back, and only 'mnemo prune' deletes it.
type Orphan struct {
	ID       cards.ID `json:"id"`
	Question string   `json:"question"`
	// Path and Line say where the card was last read from.
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Reviews uint64 `json:"reviews"`
	Reason  string `json:"reason"`
	Hint    string `json:"hint"`
}

type orphanReason int

const (
	textGone orphanReason = iota
	noteDeleted
	autoExplicit
	generateOff
	pathRemoved
)

var orphanReasons = [...]struct{ reason, hint string }{
	textGone: {"its text is no longer in the note",
		"put the text back and run 'mnemo sync' to bring the card back with its history; 'mnemo prune' deletes orphaned cards"},
	noteDeleted: {"the note was deleted",
		"if you moved it out of the added folders, 'mnemo add' its new place: its cards come back with their history"},
	autoExplicit: {"a generated card never reviewed, and the note now has explicit cards: --generate auto makes cards from prose only in notes without any (generated cards with reviews stay)",
		"'mnemo sync --generate rules' keeps generated cards beside explicit ones"},
	generateOff: {"a generated card, and generation is off for this path",
		"'mnemo sync --generate auto' brings generated cards back with their history"},
	pathRemoved: {"its added path was removed",
		"'mnemo add' the path again to bring its cards back with their history; 'mnemo prune' deletes orphaned cards"},
}

func newOrphan(c *cards.Card, path string, r orphanReason) Orphan {
	return Orphan{ID: c.ID, Question: c.Question, Path: path, Line: c.Source.Line, Reviews: c.Schedule.Reps,
		Reason: orphanReasons[r].reason, Hint: orphanReasons[r].hint}
}
