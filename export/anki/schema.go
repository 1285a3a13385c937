package anki

// schema11 is Anki's schema-11 DDL (rslib/src/storage/schema11.sql, the
// same as genanki's apkg_schema.py).
const schema11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
  factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
`

// indexes11 are created after the rows are in: building an index once is
// faster than maintaining it row by row.
const indexes11 = `
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

// The fixed ids of mnemo's note types. They never change between exports,
// so a re-import updates notes instead of reporting conflicts.
const (
	BasicModelID    int64 = 1719412071201
	ReversedModelID int64 = 1719412071202
	ClozeModelID    int64 = 1719412071203
)

// The unique names of mnemo's note types (a stock name such as "Basic"
// would turn into "Basic+" in the user's collection).
const (
	BasicModelName    = "Basic (mnemo)"
	ReversedModelName = "Basic and reversed (mnemo)"
	ClozeModelName    = "Cloze (mnemo)"
)

// Field names of mnemo's note types.
var (
	basicFields = []string{"Front", "Back", "Context", "Source"}
	clozeFields = []string{"Text", "Back Extra", "Context", "Source"}
)

const modelCSS = `.card {
  font-family: arial;
  font-size: 20px;
  text-align: center;
  color: black;
  background-color: white;
}
.cloze {
  font-weight: bold;
  color: blue;
}
.nightMode .cloze {
  color: lightblue;
}
.mnemo-context {
  font-size: 14px;
  color: gray;
  margin-bottom: 1em;
}
.mnemo-source {
  font-size: 12px;
  color: gray;
  margin-top: 1em;
}
pre {
  text-align: left;
}
`

const (
	latexPre = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n" +
		"\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"
	latexPost = "\\end{document}"
)

const (
	contextHTML = "{{#Context}}<div class=\"mnemo-context\">{{Context}}</div>{{/Context}}\n"
	sourceHTML  = "\n{{#Source}}<div class=\"mnemo-source\">{{Source}}</div>{{/Source}}"
	// answerRule is the literal separator Anki and Mnemosyne look for.
	answerRule = "\n\n<hr id=answer>\n\n"
)

type jsonField struct {
	Name        string `json:"name"`
	Ord         int    `json:"ord"`
	Sticky      bool   `json:"sticky"`
	RTL         bool   `json:"rtl"`
	Font        string `json:"font"`
	Size        int    `json:"size"`
	Description string `json:"description"`
	PlainText   bool   `json:"plainText"`
	Collapsed   bool   `json:"collapsed"`
	Media       []any  `json:"media"`
}

type jsonTemplate struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	QFmt  string `json:"qfmt"`
	AFmt  string `json:"afmt"`
	BQFmt string `json:"bqfmt"`
	BAFmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
	BFont string `json:"bfont"`
	BSize int    `json:"bsize"`
}

type jsonModel struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Type      int            `json:"type"`
	Mod       int64          `json:"mod"`
	USN       int            `json:"usn"`
	Sortf     int            `json:"sortf"`
	Did       int64          `json:"did"`
	Tmpls     []jsonTemplate `json:"tmpls"`
	Flds      []jsonField    `json:"flds"`
	CSS       string         `json:"css"`
	LatexPre  string         `json:"latexPre"`
	LatexPost string         `json:"latexPost"`
	LatexSVG  bool           `json:"latexsvg"`
	Req       [][]any        `json:"req"`
	Tags      []string       `json:"tags"`
	Vers      []any          `json:"vers"`
}

func fieldsJSON(names []string) []jsonField {
	out := make([]jsonField, len(names))
	for i, n := range names {
		out[i] = jsonField{Name: n, Ord: i, Font: "Arial", Size: 20, Media: []any{}}
	}
	return out
}

// models returns mnemo's three note types, keyed by id as Anki wants.
func models(mod int64) map[string]jsonModel {
	basicFront := jsonTemplate{Name: "Card 1", Ord: 0,
		QFmt: contextHTML + "{{Front}}",
		AFmt: "{{FrontSide}}" + answerRule + "{{Back}}" + sourceHTML}
	basicBack := jsonTemplate{Name: "Card 2", Ord: 1,
		QFmt: contextHTML + "{{Back}}",
		AFmt: "{{FrontSide}}" + answerRule + "{{Front}}" + sourceHTML}
	cloze := jsonTemplate{Name: "Cloze", Ord: 0,
		QFmt: contextHTML + "{{cloze:Text}}",
		AFmt: contextHTML + "{{cloze:Text}}" + answerRule + "{{Back Extra}}" + sourceHTML}
	mk := func(id int64, name string, typ int, tmpls []jsonTemplate, flds []string, req [][]any) jsonModel {
		return jsonModel{ID: id, Name: name, Type: typ, Mod: mod, Did: 1, Tmpls: tmpls, Flds: fieldsJSON(flds),
			CSS: modelCSS, LatexPre: latexPre, LatexPost: latexPost, Req: req, Tags: []string{}, Vers: []any{}}
	}
	ms := []jsonModel{
		mk(BasicModelID, BasicModelName, 0, []jsonTemplate{basicFront}, basicFields,
			[][]any{{0, "any", []int{0}}}),
		mk(ReversedModelID, ReversedModelName, 0, []jsonTemplate{basicFront, basicBack}, basicFields,
			[][]any{{0, "any", []int{0}}, {1, "any", []int{1}}}),
		mk(ClozeModelID, ClozeModelName, 1, []jsonTemplate{cloze}, clozeFields,
			[][]any{{0, "any", []int{0}}}),
	}
	out := make(map[string]jsonModel, len(ms))
	for _, m := range ms {
		out[itoa(m.ID)] = m
	}
	return out
}
