package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// cardJSON is the stable JSON shape of a card (README: "JSON shapes").
type cardJSON struct {
	ID         cards.ID     `json:"id"`
	Kind       cards.Kind   `json:"kind"`
	Deck       string       `json:"deck"`
	Question   string       `json:"question"`
	Answer     string       `json:"answer"`
	Tags       []string     `json:"tags"`
	Context    string       `json:"context"`
	Source     cards.Source `json:"source"`
	Origin     string       `json:"origin,omitempty"`
	Confidence float64      `json:"confidence,omitempty"`
	State      cards.State  `json:"state"`
	Suspended  bool         `json:"suspended"`
	Orphaned   bool         `json:"orphaned"`
	Due        *time.Time   `json:"due"`
	Stability  float64      `json:"stability"`
	Difficulty float64      `json:"difficulty"`
	Reps       uint64       `json:"reps"`
	Lapses     uint64       `json:"lapses"`
	LastReview *time.Time   `json:"last_review"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toJSON(c *cards.Card) cardJSON {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return cardJSON{
		ID: c.ID, Kind: c.Kind, Deck: c.Deck, Question: c.Question, Answer: c.Answer,
		Tags: tags, Context: c.ContextString(), Source: c.Source, Origin: c.Origin, Confidence: c.Confidence,
		State: c.Schedule.State, Suspended: c.Suspended || c.Orphaned, Orphaned: c.Orphaned,
		Due: timePtr(c.Schedule.Due), Stability: c.Schedule.Stability, Difficulty: c.Schedule.Difficulty,
		Reps: c.Schedule.Reps, Lapses: c.Schedule.Lapses, LastReview: timePtr(c.Schedule.LastReview),
	}
}

func cardsJSON(cs []cards.Card) []cardJSON {
	out := make([]cardJSON, len(cs))
	for i := range cs {
		out[i] = toJSON(&cs[i])
	}
	return out
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(termtext.JSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonArray streams a JSON array one element at a time, so a listing of
// 100,000 cards never exists as one document in memory. The output is
// byte for byte what writeJSON prints for the whole slice.
type jsonArray struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	prefix string // the indentation of the line the array starts on
	n      int
}

func newJSONArray(w io.Writer) *jsonArray { return newNestedJSONArray(w, "") }

// newNestedJSONArray streams an array that is a value inside an object
// whose lines are indented by prefix.
func newNestedJSONArray(w io.Writer, prefix string) *jsonArray {
	a := &jsonArray{w: bufio.NewWriterSize(w, 64<<10), prefix: prefix}
	a.enc = json.NewEncoder(&a.buf)
	a.enc.SetIndent(prefix+"  ", "  ")
	a.enc.SetEscapeHTML(false)
	return a
}

// add writes one element.
func (a *jsonArray) add(v any) error {
	a.buf.Reset()
	if err := a.enc.Encode(v); err != nil {
		return err
	}
	sep := ",\n"
	if a.n == 0 {
		sep = "[\n"
	}
	a.n++
	a.w.WriteString(sep + a.prefix + "  ")
	_, err := a.w.Write(termtext.EscapeJSON(bytes.TrimSuffix(a.buf.Bytes(), []byte("\n"))))
	return err
}

// end ends the array and flushes it, without a newline after it.
func (a *jsonArray) end() error {
	if a.n == 0 {
		a.w.WriteString("[]")
	} else {
		a.w.WriteString("\n" + a.prefix + "]")
	}
	return a.w.Flush()
}

// close ends a top-level array.
func (a *jsonArray) close() error {
	if err := a.end(); err != nil {
		return err
	}
	_, err := a.w.WriteString("\n")
	return errors.Join(err, a.w.Flush())
}

// jsonObject streams a JSON object field by field; arrays in it stream
// element by element. The output is byte for byte what writeJSON prints
// for the same object built in memory.
type jsonObject struct {
	w   io.Writer
	n   int
	err error
}

func newJSONObject(w io.Writer) *jsonObject { return &jsonObject{w: w} }

func (o *jsonObject) key(k string) {
	if o.err != nil {
		return
	}
	sep := ",\n  "
	if o.n == 0 {
		sep = "{\n  "
	}
	o.n++
	name, _ := json.Marshal(k)
	_, o.err = fmt.Fprintf(o.w, "%s%s: ", sep, name)
}

// field writes one field whose value is encoded whole.
func (o *jsonObject) field(k string, v any) {
	o.key(k)
	if o.err != nil {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if o.err = enc.Encode(v); o.err == nil {
		_, o.err = o.w.Write(termtext.EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
	}
}

// array writes one field whose value is an array of n elements, elem(i)
// giving each in turn.
func (o *jsonObject) array(k string, n int, elem func(i int) any) {
	o.key(k)
	if o.err != nil {
		return
	}
	arr := newNestedJSONArray(o.w, "  ")
	for i := 0; i < n && o.err == nil; i++ {
		o.err = arr.add(elem(i))
	}
	if o.err == nil {
		o.err = arr.end()
	}
}

// close ends the object and returns the first error.
func (o *jsonObject) close() error {
	if o.err == nil {
		if o.n == 0 {
			_, o.err = io.WriteString(o.w, "{}\n")
		} else {
			_, o.err = io.WriteString(o.w, "\n}\n")
		}
	}
	return o.err
}

// printf prints to a terminal (or a pipe): the formatted text goes through
// termtext.Clean, so note text, deck names and paths in it cannot drive
// the terminal. Every line that may hold such text is printed with it.
func printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, termtext.Clean(fmt.Sprintf(format, args...)))
}

// table prints aligned columns; every cell is cleaned to one safe line. Widths are measured in terminal cells, so
// CJK text and emoji (two cells per character) line up. A table buffers
// its rows until flush, unless its widths are known up front
// (newStreamingTable), when each row is printed as it comes.
type table struct {
	w         io.Writer
	rows      [][]string
	widths    []int
	streaming bool
}

func newTable(w io.Writer) *table { return &table{w: w} }

// newStreamingTable prints rows at once, padded to widths (see fitWidths).
func newStreamingTable(w io.Writer, widths []int) *table {
	return &table{w: w, widths: widths, streaming: true}
}

func (t *table) row(cols ...any) {
	r := make([]string, len(cols))
	for i, c := range cols {
		switch c := c.(type) {
		case string:
			r[i] = termtext.Line(c)
		case int: // counts, in tables of hundreds of rows: no fmt
			r[i] = strconv.Itoa(c)
		default:
			r[i] = termtext.Line(fmt.Sprint(c))
		}
	}
	if t.streaming {
		t.write(r)
		return
	}
	t.rows = append(t.rows, r)
}

func (t *table) flush() {
	for _, r := range t.rows {
		t.widths = fitWidths(t.widths, r...)
	}
	// One write for the whole table, not one per row: `mnemo due` prints
	// hundreds of rows, a system call each.
	w := t.w
	buf := bufio.NewWriter(w)
	t.w = buf
	for _, r := range t.rows {
		t.write(r)
	}
	buf.Flush()
	t.w, t.rows = w, nil
}

func (t *table) write(r []string) {
	var line strings.Builder
	for i, c := range r {
		line.WriteString(c)
		if i < len(r)-1 {
			pad := 2
			if i < len(t.widths) {
				pad += max(t.widths[i]-cellWidth(c), 0)
			}
			line.WriteString(strings.Repeat(" ", pad))
		}
	}
	line.WriteByte('\n')
	io.WriteString(t.w, line.String())
}

// cellWidth is the number of terminal cells s takes: runewidth's count,
// which for printable ASCII, most cells, is one a byte.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return runewidth.StringWidth(s)
		}
	}
	return len(s)
}

// fitWidths widens widths to fit a row's cells.
func fitWidths(widths []int, cols ...string) []int {
	for i, c := range cols {
		if i == len(widths) {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], cellWidth(c))
	}
	return widths
}

// shorten cuts s to n terminal cells on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	return runewidth.Truncate(s, n, "…")
}

// relPath shows path relative to the working folder when it is below it.
func relPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	return relPathFrom(wd, path)
}

// relPathFrom is relPath for a known working folder (listings of many
// cards ask for it once).
func relPathFrom(wd, path string) string {
	if wd == "" {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// dueLabel says when a card is due, relative to now.
func dueLabel(c *cards.Card, now time.Time) string {
	switch {
	case c.Orphaned:
		return "orphaned"
	case c.Suspended:
		return "suspended"
	case c.Schedule.State == cards.StateNew:
		return "new"
	case !c.Schedule.Due.After(now):
		return "due now"
	}
	d := c.Schedule.Due.Sub(now)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("in %dm", int(math.Ceil(d.Minutes())))
	case d < 24*time.Hour:
		return fmt.Sprintf("in %dh", int(d.Hours()))
	default:
		return "in " + fmt.Sprint(int(d.Hours()/24)) + "d"
	}
}
