package anki

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/mnemo-app/mnemo/export/ankitext"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// planRows gives every note and card its id (creation times in ms, unique,
// never in the future) and fills e.rows, the cards in note order, and
// e.rowAt. It needs no rendering, so the notes can be rendered one at a
// time afterwards. It returns the note ids, parallel to notes.
func (e *exporter) planRows(notes []export.Note) []int64 {
	crtMS := e.clock.crt().UnixMilli()
	want := make([]int64, len(notes))
	n := 0
	for i := range notes {
		want[i] = math.MaxInt64
		for _, c := range notes[i].Cards {
			if !c.Added.IsZero() && c.Added.UnixMilli() < want[i] {
				want[i] = c.Added.UnixMilli()
			}
		}
		if want[i] == math.MaxInt64 {
			want[i] = crtMS
		}
		n += len(notes[i].Cards)
	}
	noteIDs := allocIDs(want, e.nowMS)
	e.rows = make([]cardRow, 0, n)
	e.rowAt = make([]int32, len(e.col.Cards))
	cwant := make([]int64, 0, n)
	for i := range notes {
		for _, c := range notes[i].Cards {
			e.rowAt[e.indexOf[c.ID]] = int32(len(e.rows))
			e.rows = append(e.rows, cardRow{card: c, nid: noteIDs[i]})
			if c.Added.IsZero() {
				cwant = append(cwant, noteIDs[i])
			} else {
				cwant = append(cwant, c.Added.UnixMilli())
			}
		}
	}
	for i, id := range allocIDs(cwant, e.nowMS) {
		e.rows[i].id = id
	}
	return noteIDs
}

// noteColumns are the columns of a note row but its id.
type noteColumns struct {
	guid string
	mid  int64
	mod  int64
	tags string
	flds string // the fields joined by U+001F
	sfld string // the sort field (field 0) stripped of HTML
	csum int64
}

// maxDeepWarnings is how many fields nested too deep are named one by
// one; the rest get one summary, so a hostile collection cannot print
// millions of lines.
const maxDeepWarnings = 10

// renderedNote is a note's columns, or why it could not be rendered.
type renderedNote struct {
	noteColumns
	err error
}

// renderNotes renders notes in order and sends them to out, up to the
// first error, then closes out. It stops early once stop is closed.
func (e *exporter) renderNotes(notes []export.Note, out chan<- renderedNote, stop <-chan struct{}) {
	defer close(out)
	defer func() {
		if n := e.deep - maxDeepWarnings; n > 0 {
			e.warnf("%d more fields nested too deep were exported as plain text", n)
		}
	}()
	first := 0 // index in e.rows of the note's first card
	for i := range notes {
		n := &notes[i]
		nc, err := e.noteRow(n, e.rows[first:first+len(n.Cards)], e.pre.note(i))
		first += len(n.Cards)
		select {
		case out <- renderedNote{nc, err}:
		case <-stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// noteRow renders note n, whose cards are rows (in the same order), and
// sets the cards' ords. pre holds the fields rendered ahead, if any.
func (e *exporter) noteRow(n *export.Note, rows []cardRow, pre *[2]preField) (noteColumns, error) {
	fwd := n.Forward()
	nc := noteColumns{guid: ankitext.NoteGUID(string(n.ID)), tags: e.cleanTags(n.Cards)}
	e.imgCard = fwd
	md := func(s string) (string, error) {
		if h, ok := cached(pre, s); ok {
			return h, nil
		}
		if err := ankitext.TooDeep(s); err != nil {
			if e.deep++; e.deep <= maxDeepWarnings {
				e.warnf("card %s: %v; exported as plain text", fwd.ID, err)
			}
			return ankitext.PlainHTML(s), nil
		}
		h, err := ankitext.MarkdownToHTML(s, e.img)
		if err != nil {
			return "", fmt.Errorf("render card %s: %w", fwd.ID, err)
		}
		return h, nil
	}
	var front, back string
	var err error
	switch n.Kind {
	case export.NoteBasic, export.NoteReversed:
		nc.mid = BasicModelID
		if n.Kind == export.NoteReversed {
			nc.mid = ReversedModelID
		}
		q, a := fwd.Question, fwd.Answer
		if fwd.Kind == cards.KindReversed {
			q, a = a, q
		}
		if front, err = md(q); err != nil {
			return nc, err
		}
		if back, err = md(a); err != nil {
			return nc, err
		}
		for j, c := range n.Cards {
			rows[j].ord = 0
			if c.Kind == cards.KindReversed {
				rows[j].ord = 1
			}
		}
	case export.NoteCloze:
		nc.mid = ClozeModelID
		txt := fwd.Text
		if txt == "" {
			e.warnf("cloze card %s has no Text; its question is exported instead", fwd.ID)
			txt = fwd.Question
		}
		if front, err = md(txt); err != nil {
			return nc, err
		}
		nums := ClozeNumbers(txt)
		for j, c := range n.Cards {
			if c.Text != "" && c.Text != fwd.Text {
				e.warnf("cloze card %s has a different text than its sibling %s; the sibling's is used", c.ID, fwd.ID)
			}
			o := c.Ord
			if o < 1 {
				e.warnf("cloze card %s has ord %d; exported as c1", c.ID, o)
				o = 1
			}
			if !slices.Contains(nums, o) {
				e.warnf("cloze card %s: the text has no {{c%d::...}}; Anki will show it as an empty card", c.ID, o)
			}
			rows[j].ord = o - 1
		}
	}
	nc.sfld = ankitext.StripHTMLPreservingMediaFilenames(front) // sortf is field 0
	b := append(e.buf[:0], nc.sfld...)
	nc.csum = int64(ankitext.ChecksumBytes(b))
	// the fields, joined by U+001F: front, back, context, source; the
	// Source field keeps Card.Note even for a card split off its group
	b = append(b[:0], front...)
	b = append(b, '\x1f')
	b = append(b, back...)
	b = append(b, '\x1f')
	b = append(b, html.EscapeString(fwd.ContextString())...)
	b = append(b, '\x1f')
	b = appendSourceField(b, fwd.Note, fwd.Source, rowIDs(n.Cards, rows))
	b = e.appendCardTags(b, n.Cards, rows, nc.tags)
	e.buf = b
	if bytes.Count(b, []byte{'\x1f'}) != 3 {
		return nc, fmt.Errorf("card %s contains the control character U+001F", fwd.ID)
	}
	nc.flds = string(b)
	for _, c := range n.Cards {
		if m := c.Modified.Unix(); !c.Modified.IsZero() && m > nc.mod {
			nc.mod = m
		}
	}
	if nowSec := e.col.Now.Unix(); nc.mod == 0 || nc.mod > nowSec {
		nc.mod = nowSec
	}
	return nc, nil
}

// appendCardTags adds, before the end of the Source field's mnemo span,
// the tags of each card whose tags are not exactly the note's (Anki keeps
// tags per note): ";t<ord>=tag,tag", each tag query-escaped.
func (e *exporter) appendCardTags(b []byte, cs []*cards.Card, rows []cardRow, noteTags string) []byte {
	note := strings.Fields(noteTags)
	var extra []byte
	for j, c := range cs {
		own := e.noteTags([]*cards.Card{c})
		if slices.Equal(own, note) {
			continue
		}
		extra = append(extra, ";t"...)
		extra = strconv.AppendInt(extra, int64(rows[j].ord), 10)
		extra = append(extra, '=')
		for k, t := range own {
			if k > 0 {
				extra = append(extra, ',')
			}
			extra = append(extra, url.QueryEscape(t)...)
		}
	}
	if len(extra) == 0 {
		return b
	}
	const end = "</span>"
	return append(append(b[:len(b)-len(end)], extra...), end...)
}

// ordID is a card's Anki ord and mnemo ID, as the Source field lists them.
type ordID struct {
	ord int
	id  cards.ID
}

// rowIDs lists the ords and IDs of a note's cards by ord; when two cards
// share an ord the later one is kept.
func rowIDs(cs []*cards.Card, rows []cardRow) []ordID {
	ids := make([]ordID, 0, len(cs))
	for j, c := range cs {
		ids = append(ids, ordID{rows[j].ord, c.ID})
	}
	slices.SortStableFunc(ids, func(a, b ordID) int { return cmp.Compare(a.ord, b.ord) })
	out := ids[:0]
	for i, x := range ids {
		if i+1 < len(ids) && ids[i+1].ord == x.ord {
			continue
		}
		out = append(out, x)
	}
	return out
}

// SourceField is the Source field of a note: where its cards come from,
// then the mnemo note and card IDs (by Anki card ord) that an import
// reads back.
func SourceField(noteID cards.ID, src cards.Source, ids map[int]cards.ID) string {
	byOrd := make([]ordID, 0, len(ids))
	for o, id := range ids {
		byOrd = append(byOrd, ordID{o, id})
	}
	slices.SortFunc(byOrd, func(a, b ordID) int { return cmp.Compare(a.ord, b.ord) })
	return string(appendSourceField(nil, noteID, src, byOrd))
}

// appendSourceField appends the Source field of SourceField to b; ids are
// sorted by ord, each ord once.
func appendSourceField(b []byte, noteID cards.ID, src cards.Source, ids []ordID) []byte {
	if src.Path != "" {
		b = append(b, html.EscapeString(src.Path)...)
		if src.Line > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(src.Line), 10)
			if src.EndLine > src.Line {
				b = append(b, '-')
				b = strconv.AppendInt(b, int64(src.EndLine), 10)
			}
		}
		b = append(b, "<br>"...)
	}
	b = append(b, `<span class="mnemo-id">mnemo:note=`...)
	b = append(b, html.EscapeString(string(noteID))...)
	for _, x := range ids {
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(x.ord), 10)
		b = append(b, '=')
		b = append(b, html.EscapeString(string(x.id))...)
	}
	return append(b, "</span>"...)
}

// isTagSpace reports whether r separates words inside a card tag: Anki
// splits tags on U+0020 and U+3000, and tabs and newlines cannot be kept.
func isTagSpace(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\t' || r == '\n' || r == '\r'
}

// noteTags returns the cleaned tags of a note's cards in order: whitespace
// inside a tag becomes '_', empty tags and duplicates are dropped. The
// result is scratch space, valid until the next call.
func (e *exporter) noteTags(cs []*cards.Card) []string {
	out := e.tags[:0]
	var seen map[string]bool // only for notes with many tags
	for _, c := range cs {
		for _, t := range c.Tags {
			if strings.IndexFunc(t, isTagSpace) >= 0 {
				t = strings.Join(strings.FieldsFunc(t, isTagSpace), "_")
			}
			if t == "" {
				continue
			}
			if seen != nil {
				if seen[t] {
					continue
				}
				seen[t] = true
			} else if slices.Contains(out, t) {
				continue
			} else if len(out) >= 32 {
				seen = make(map[string]bool, 2*len(out))
				for _, x := range out {
					seen[x] = true
				}
				seen[t] = true
			}
			out = append(out, t)
		}
	}
	e.tags = out
	return out
}

// cleanTags turns card tags into Anki's " a b " form (see noteTags).
func (e *exporter) cleanTags(cs []*cards.Card) string {
	out := e.noteTags(cs)
	if len(out) == 0 {
		return ""
	}
	b := append(e.buf[:0], ' ')
	for _, t := range out {
		b = append(append(b, t...), ' ')
	}
	e.buf = b
	return string(b)
}

// tagSet is the col.tags map: every word of every note's tags, split on
// white space as Anki reads the notes' tags column.
func (e *exporter) tagSet(notes []export.Note) map[string]int {
	set := map[string]int{}
	for i := range notes {
		for _, t := range e.noteTags(notes[i].Cards) {
			if strings.IndexFunc(t, unicode.IsSpace) < 0 {
				set[t] = 0
				continue
			}
			for _, w := range strings.Fields(t) {
				set[w] = 0
			}
		}
	}
	return set
}

// resolveImage turns an image destination of e.imgCard into the name of
// its file in the package, or leaves a remote image as it is.
func (e *exporter) resolveImage(dest string) (string, bool) {
	if isRemote(dest) {
		return dest, true
	}
	c := e.imgCard
	dir := filepath.Dir(c.Source.Path)
	if e.opts.MediaDir != nil {
		dir = e.opts.MediaDir(c)
	}
	refuse := func(why string) (string, bool) {
		key := "refused\x00" + dest
		if !e.media.missing[key] {
			e.media.missing[key] = true
			e.warnf("%s:%d: image %q %s; left out of card %s", c.Source.Path, c.Source.Line, dest, why, c.ID)
		}
		return "", false
	}
	if strings.HasPrefix(strings.ToLower(dest), "file:") {
		return refuse("is a file:// URL (write a path relative to the note)")
	}
	var p string
	if e.opts.MediaStore != "" && isBareName(dest) {
		if q := filepath.Join(e.opts.MediaStore, dest); fileExists(q) {
			p = q
		}
	}
	if p == "" {
		p = localPath(dir, dest)
		if !e.mayRead(c, p, dir) {
			return refuse("is outside the folder the note was added from")
		}
	}
	name, ok, err := e.media.add(p)
	if !ok {
		if !e.media.missing[p] {
			e.media.missing[p] = true
			e.warnf("%s:%d: image %q cannot be read (%v); left out of card %s", c.Source.Path, c.Source.Line, dest, errText(err), c.ID)
		}
		return "", false
	}
	return name, true
}

// mayRead reports whether an image at p may be copied into the package:
// it must lie inside the added folder that holds the note (without added
// folders, inside the note's own folder dir) or inside the media store.
func (e *exporter) mayRead(c *cards.Card, p, dir string) bool {
	if within(p, e.opts.MediaStore) {
		return true
	}
	if len(e.opts.MediaRoots) == 0 {
		return within(p, dir)
	}
	note := c.Source.Path
	if !filepath.IsAbs(note) {
		note = filepath.Join(dir, filepath.Base(note))
	}
	for _, root := range e.opts.MediaRoots {
		if root == note || fileExists(root) { // a single added note: its folder
			root = filepath.Dir(root)
		}
		if within(note, root) && within(p, root) {
			return true
		}
	}
	return false
}

func isBareName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\`) && s != "." && s != ".."
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func errText(err error) string {
	if err == nil {
		return "already missing"
	}
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}
