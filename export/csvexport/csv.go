package csvexport

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

// Header is the block of header lines Write starts with; the columns are
// note type, deck, tags, GUID, then the note's two fields.
const Header = "#separator:Comma\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:3\n#guid column:4\n"

// The stock Anki note types the rows use.
const (
	BasicType    = "Basic"
	ReversedType = "Basic (and reversed card)"
	ClozeType    = "Cloze"
)

// Row is one note as written: the columns after the header.
type Row struct {
	NoteType, Deck, Tags, GUID string
	Fields                     [2]string
}

// Rows turns col's cards into one row per note (siblings grouped as in an
// .apkg export, with the same GUIDs). Fields are HTML: Front/Back or
// Text/Back Extra, the heading context appended to the back. A CSV file
// carries no media, so local images are left out; remote ones are kept.
func Rows(col export.Collection) ([]Row, error) {
	notes, _ := export.GroupNotes(col.Cards)
	rows := make([]Row, 0, len(notes))
	img := func(dest string) (string, bool) {
		l := strings.ToLower(dest)
		return dest, strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
	}
	for i := range notes {
		n := &notes[i]
		fwd := n.Forward()
		row := Row{Deck: fwd.Deck, GUID: ankitext.NoteGUID(string(n.ID)), Tags: tags(n.Cards)}
		if row.Deck == "" {
			row.Deck = ankitext.DefaultDeckName
		}
		var first, second string
		switch n.Kind {
		case export.NoteCloze:
			row.NoteType = ClozeType
			first = fwd.Text
			if first == "" {
				first = fwd.Question
			}
		default:
			row.NoteType = BasicType
			if n.Kind == export.NoteReversed {
				row.NoteType = ReversedType
			}
			first, second = fwd.Question, fwd.Answer
			if fwd.Kind == cards.KindReversed {
				first, second = second, first
			}
		}
		var err error
		if row.Fields[0], err = ankitext.MarkdownToHTML(first, img); err != nil {
			return nil, fmt.Errorf("card %s: %w", fwd.ID, err)
		}
		if row.Fields[1], err = ankitext.MarkdownToHTML(second, img); err != nil {
			return nil, fmt.Errorf("card %s: %w", fwd.ID, err)
		}
		if ctx := fwd.ContextString(); ctx != "" {
			if row.Fields[1] != "" {
				row.Fields[1] += "<br>"
			}
			row.Fields[1] += `<div class="mnemo-context">` + html.EscapeString(ctx) + "</div>"
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// tags joins the notes' tags with spaces (a space inside a tag becomes
// '_', as Anki tags cannot hold one).
func tags(cs []*cards.Card) string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		for _, t := range c.Tags {
			t = strings.Join(strings.Fields(t), "_")
			if t != "" && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return strings.Join(out, " ")
}

// Write writes col in Anki's text-import format: Header, then one CSV
// record per note.
func Write(w io.Writer, col export.Collection) error {
	rows, err := Rows(col)
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	if _, err := io.WriteString(w, Header); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	cw := csv.NewWriter(w)
	for _, r := range rows {
		if err := cw.Write([]string{plainCell(r.NoteType), plainCell(r.Deck), plainCell(r.Tags), plainCell(r.GUID),
			htmlCell(r.Fields[0]), htmlCell(r.Fields[1])}); err != nil {
			return fmt.Errorf("csv export: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	return nil
}

// startsFormula reports whether a spreadsheet would read cell as a formula
// (or as a command, in some): it starts with = + - @, a tab or a CR.
func startsFormula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

// htmlCell keeps an HTML field from starting a formula by writing its
// first character as an HTML entity: Anki shows the same text.
func htmlCell(cell string) string {
	if !startsFormula(cell) {
		return cell
	}
	return fmt.Sprintf("&#%d;", cell[0]) + cell[1:]
}

// plainCell keeps a plain-text cell (deck, tags) from starting a formula
// with a leading apostrophe, as spreadsheets expect.
func plainCell(cell string) string {
	if !startsFormula(cell) {
		return cell
	}
	return "'" + cell
}
