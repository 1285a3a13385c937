package anki

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

// Rendering Markdown is most of an export's work, and noteRow must run in
// note order on one goroutine (it numbers media and collects warnings).
// So helper goroutines render ahead the fields whose HTML depends on
// nothing but their text: no image (every image starts with "![") and
// not nested too deep. noteRow takes those from the cache and renders
// the rest itself, so the output is the same as without the helpers.

// prerenderChunk is how many notes a helper renders at a time.
const prerenderChunk = 64

// maxPrerenderHelpers caps the helper goroutines (tests set it to 0 to
// compare with the output rendered by noteRow alone).
var maxPrerenderHelpers = 4

// preField is a field's Markdown and its HTML, rendered ahead.
type preField struct {
	md, html string
}

// prerendered is the HTML of the fields of notes, rendered ahead by
// helper goroutines, a chunk of notes at a time.
type prerendered struct {
	notes  []export.Note
	fields [][2]preField // per note: its fields in the order noteRow renders them
	ready  []chan struct{}
	next   atomic.Int64 // the next chunk a helper takes
	stop   <-chan struct{}
	wg     sync.WaitGroup
}

// startPrerender starts helpers rendering the fields of notes; they stop
// early once stop is closed. Without helpers it returns nil, which holds
// nothing.
func startPrerender(notes []export.Note, stop <-chan struct{}) *prerendered {
	helpers := min(runtime.GOMAXPROCS(0), maxPrerenderHelpers, (len(notes)+prerenderChunk-1)/prerenderChunk)
	if helpers <= 0 {
		return nil
	}
	chunks := (len(notes) + prerenderChunk - 1) / prerenderChunk
	p := &prerendered{notes: notes, fields: make([][2]preField, len(notes)), ready: make([]chan struct{}, chunks), stop: stop}
	for c := range p.ready {
		p.ready[c] = make(chan struct{})
	}
	p.wg.Add(helpers)
	for range helpers {
		go p.work()
	}
	return p
}

// work renders chunks, in order, until none is left or stop is closed.
func (p *prerendered) work() {
	defer p.wg.Done()
	for {
		c := int(p.next.Add(1) - 1)
		if c >= len(p.ready) {
			return
		}
		select {
		case <-p.stop:
			return
		default:
		}
		end := min((c+1)*prerenderChunk, len(p.notes))
		for i := c * prerenderChunk; i < end; i++ {
			p.renderNote(i)
		}
		close(p.ready[c])
	}
}

func (p *prerendered) renderNote(i int) {
	for k, md := range noteFields(&p.notes[i]) {
		if md == "" || strings.Contains(md, "![") || ankitext.TooDeep(md) != nil {
			continue
		}
		if h, err := ankitext.MarkdownToHTML(md, nil); err == nil {
			p.fields[i][k] = preField{md: md, html: h}
		}
	}
}

// note waits until note i's fields are rendered and returns them, or nil
// once stop is closed.
func (p *prerendered) note(i int) *[2]preField {
	if p == nil {
		return nil
	}
	select {
	case <-p.ready[i/prerenderChunk]:
		return &p.fields[i]
	case <-p.stop:
		return nil
	}
}

// wait waits for the helpers to return.
func (p *prerendered) wait() {
	if p != nil {
		p.wg.Wait()
	}
}

// noteFields are the Markdown fields noteRow renders for n, in its order;
// a cloze note has one.
func noteFields(n *export.Note) [2]string {
	fwd := n.Forward()
	switch n.Kind {
	case export.NoteBasic, export.NoteReversed:
		if fwd.Kind == cards.KindReversed {
			return [2]string{fwd.Answer, fwd.Question}
		}
		return [2]string{fwd.Question, fwd.Answer}
	case export.NoteCloze:
		if fwd.Text == "" {
			return [2]string{fwd.Question}
		}
		return [2]string{fwd.Text}
	}
	return [2]string{}
}

// cached is md's HTML from pre, if it was rendered ahead.
func cached(pre *[2]preField, md string) (string, bool) {
	if pre == nil {
		return "", false
	}
	for _, f := range pre {
		if f.html != "" && f.md == md {
			return f.html, true
		}
	}
	return "", false
}
