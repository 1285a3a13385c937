package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// table makes one card per cell of a table whose first column names the
// rows: "What is the <column header> of <row name>?" -> the cell. A
// two-column table headed like "Term | Definition" asks "What is <row
// name>?". Tables of links, numbers only or check marks give nothing.
func (g *gen) table(t *east.Table) {
	if g.lang == langSpanish {
		g.tableES(t)
		return
	}
	if g.lang != langEnglish {
		return
	}
	header, rows := g.tableRows(t)
	if len(header) < 2 || len(rows) == 0 {
		return
	}
	if g.conditionRows(header, rows, t) {
		return
	}
	if tinyCells(rows) {
		return // a truth table or a grid of marks
	}
	defTable := len(header) == 2 && definitionHeader(header[1])
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		key := row[0]
		key.text = strings.TrimRight(stripEmphasis(key.text), ": ")
		if !tableKey(key.text) {
			continue
		}
		for j := 1; j < len(row) && j < len(header); j++ {
			cell := row[j]
			if !tableValue(cell.text) {
				continue
			}
			if len(rows) >= 3 {
				g.superlativeCards(header[0], key, cell, t)
			}
			col := strings.TrimSpace(dropParens(stripEmphasis(header[j])))
			if skipColumn(col) {
				g.exampleCards(header[0], col, key, cell, t)
				continue
			}
			var q string
			if defTable {
				var ok bool
				if q, _, ok = g.termQuestion(key.text, ""); !ok {
					continue
				}
			} else {
				if col == "" || countWords(col) > 5 || !hasLetter(col) {
					continue
				}
				// Row names in a table are often names ("Mercury", "Penicillins"):
				// keep a capitalised one as written.
				name := key.text
				if r, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(r) || g.writtenLower(strings.ToLower(firstWord(name))) {
					name, _ = g.nounPhrase(key.text)
					if strings.HasPrefix(name, "a ") || strings.HasPrefix(name, "an ") {
						name = "the " + name[strings.IndexByte(name, ' ')+1:]
					}
				}
				verb := "is"
				if isPluralWord(lastWord(col)) {
					verb = "are"
				}
				q = "What " + verb + " the " + lowerTitleWord(col) + " of " + name + "?"
				if verb == "are" && isNumberText(cell.text) && !hasLetter(cell.text) {
					// A count under a plural header ("Moons"): "How many moons
					// does Mars have?", not "What are the moons of Mars?".
					q = "How many " + lowerTitleWord(col) + " does " + name + " have?"
				}
			}
			conf := 0.75
			if !hasLetter(cell.text) {
				conf = 0.6 // a bare number needs its unit and context to mean much
			}
			g.add(OriginTable, q, cell.text, key.line, key.line, t, conf)
		}
	}
}

// tinyCells reports a table whose value cells are mostly one character.
func tinyCells(rows [][]tableCell) bool {
	n, tiny := 0, 0
	for _, r := range rows {
		for _, c := range r[min(1, len(r)):] {
			n++
			if len([]rune(c.text)) <= 1 {
				tiny++
			}
		}
	}
	return n > 0 && tiny*2 >= n
}

// tableCell is the plain text of one cell and its line.
type tableCell struct {
	text string
	line int
}

// tableRows reads a table into its header texts and its body rows.
func (g *gen) tableRows(t *east.Table) (header []string, rows [][]tableCell) {
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		cells := g.tableCells(r)
		if _, ok := r.(*east.TableHeader); ok {
			for _, c := range cells {
				header = append(header, c.text)
			}
			continue
		}
		rows = append(rows, cells)
	}
	return header, rows
}

// tableES is the table rule for Spanish notes: "¿Cuál es el <column> de
// <row>?", and "¿Cómo se llama ...?" for a column of names. A row named by
// a bare number or numeral ("I", "IV") carries its column header: "el
// grado IV".
func (g *gen) tableES(t *east.Table) {
	header, rows := g.tableRows(t)
	if len(header) < 2 || len(rows) == 0 || tinyCells(rows) {
		return
	}
	if g.conditionRows(header, rows, t) {
		return
	}
	keyHeader := strings.ToLower(strings.TrimSpace(dropParens(stripEmphasis(header[0]))))
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		key := row[0]
		key.text = strings.TrimRight(stripEmphasis(key.text), ": ")
		if !tableKey(key.text) && !romanNumeral(key.text) {
			continue
		}
		name := key.text
		if (len([]rune(name)) <= 4 || !hasLetter(name)) && countWords(keyHeader) == 1 && hasLetter(keyHeader) {
			name = articleES(keyHeader) + " " + keyHeader + " " + name // "el grado IV"
		}
		for j := 1; j < len(row) && j < len(header); j++ {
			cell := row[j]
			col := strings.ToLower(strings.TrimSpace(dropParens(stripEmphasis(header[j]))))
			if !tableValue(cell.text) || skipColumn(col) || countWords(col) != 1 || !hasLetter(col) {
				continue
			}
			var q string
			if col == "nombre" {
				q = "¿Cómo se llama " + name + "?"
			} else {
				q = "¿Cuál es " + articleES(col) + " " + col + " de " + name + "?"
				q = strings.Replace(q, " de el ", " del ", 1)
			}
			g.add(OriginTable, q, cell.text, key.line, key.line, t, 0.72)
		}
	}
}

// romanNumeral reports "I", "IV", "VII": a row number that tableKey takes
// for the pronoun "I".
func romanNumeral(s string) bool {
	return s != "" && len(s) <= 5 && strings.Trim(s, "IVXL") == ""
}

// articleES is the definite article of a singular Spanish noun, by its
// ending (feminine -a, -ión, -dad, -tud).
func articleES(noun string) string {
	for _, suf := range [...]string{"a", "ión", "dad", "tud", "umbre"} {
		if strings.HasSuffix(noun, suf) && !strings.HasSuffix(noun, "ma") {
			return "la"
		}
	}
	return "el"
}

func (g *gen) tableCells(row ast.Node) []tableCell {
	var out []tableCell
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		pt := buildPlain(c, g.src)
		line := 0
		if len(pt.offs) > 0 {
			line = g.doc.LineOf(pt.offs[0].s)
		}
		text := strings.TrimSpace(pt.text)
		if hasLink(c) {
			text = "" // a link's text is a title or "pdf", not a fact
		}
		out = append(out, tableCell{text, line})
	}
	// Empty cells have no text node: give them the row's line.
	line := 0
	for _, c := range out {
		if c.line > 0 {
			line = c.line
			break
		}
	}
	for i := range out {
		out[i].line = line
	}
	return out
}

// skipColumn reports a column whose cells are examples or remarks.
func skipColumn(h string) bool {
	l := strings.ToLower(h)
	for _, w := range [...]string{"example", "e.g", "note", "comment", "remark", "mnemonic", "source", "link", "beispiel", "ejemplo", "nota", "bemerkung"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// definitionHeader reports whether a column header says its cells define
// the row's term.
func definitionHeader(h string) bool {
	switch strings.ToLower(strings.TrimSpace(stripEmphasis(h))) {
	case "definition", "meaning", "description", "explanation", "what it is", "what it does", "purpose":
		return true
	}
	return false
}

// tableKey checks a row's name: a short term with letters.
func tableKey(s string) bool {
	if s == "" || !hasLetter(s) || countWords(s) > 6 || len(scanLine(s).links) > 0 {
		return false
	}
	return !pronouns[firstWord(s)]
}

// tableValue checks a cell worth asking for: some letters or a number, no
// link, not a check mark or yes/no.
func tableValue(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || s == "—" || s == "?" || len(scanLine(s).links) > 0 || isOnlyURL(s) {
		return false
	}
	switch strings.ToLower(s) {
	case "yes", "no", "none", "nothing", "unknown", "y", "n", "x", "✓", "✔", "✗", "✘", "true", "false", "n/a", "na", "tbd", "-", "–":
		return false
	}
	return countWords(s) <= MaxDefinitionWords
}

// hasLink reports whether an inline container holds a link or an image.
func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// exampleCards asks the way back from an example to its class, in a table
// whose first column names classes ("Class | Example | ..."): "Which class
// does amoxicillin belong to?" -> "Penicillins". An example is not a fact
// about its row, but which class it belongs to is.
func (g *gen) exampleCards(keyHeader, col string, key, cell tableCell, t ast.Node) {
	kh := strings.ToLower(strings.TrimSpace(dropParens(stripEmphasis(keyHeader))))
	if !classHeaders[kh] || !strings.HasPrefix(strings.ToLower(col), "example") && !strings.HasPrefix(strings.ToLower(col), "e.g") {
		return
	}
	for _, ex := range strings.Split(cell.text, ",") {
		ex = strings.TrimSpace(stripEmphasis(ex))
		if ex == "" || countWords(ex) > 3 || !hasLetter(ex) || strings.ContainsAny(ex, "()/;:") || len(scanLine(ex).links) > 0 {
			continue
		}
		g.add(OriginTable, "Which "+kh+" does "+ex+" belong to?", capFirst(key.text), key.line, key.line, t, 0.75)
	}
}

// classHeaders head a first column of classes whose rows have examples.
var classHeaders = setOf("class", "drug class", "type", "group", "family", "category", "kind", "order",
	"genus", "phylum", "genre", "style", "period", "school", "class of drug")

// superlativeCards ask the way back from a superlative in a row of a
// comparison table: "Mercury | smallest planet, closest to the Sun" ->
// "Which is the smallest planet?" -> "Mercury (closest to the Sun)". A
// superlative picks one row out of all, so the row's name is the answer.
// Facts after a ";" are separate; after a "," they join the answer.
func (g *gen) superlativeCards(keyHeader string, key, cell tableCell, t ast.Node) {
	kind := strings.ToLower(strings.TrimSpace(dropParens(stripEmphasis(keyHeader))))
	if countWords(kind) != 1 || !hasLetter(kind) || !isSingleWord(kind) {
		return
	}
	kind = singular(kind)
	name := strings.TrimSpace(stripEmphasis(key.text))
	for _, fact := range strings.Split(cell.text, ";") {
		parts := strings.Split(fact, ", ")
		first := strings.TrimSpace(parts[0])
		words := strings.Fields(first)
		if len(words) < 2 || !superlative(strings.ToLower(words[0])) {
			continue
		}
		phrase, rest := superlativePhrase(words)
		asides := []string{}
		if rest != "" {
			asides = append(asides, rest)
		}
		for _, p := range parts[1:] {
			if p = strings.TrimSpace(p); p != "" {
				asides = append(asides, p)
			}
		}
		q := superlativeQuestion(kind, phrase)
		a := name
		if len(asides) > 0 {
			a += " (" + strings.Join(asides, ", ") + ")"
		}
		g.add(OriginTable, q, a, key.line, key.line, t, 0.75)
	}
}

// superlativePhrase splits "hottest surface (~465 °C) because of ..." into
// the phrase ("hottest surface") and the rest.
func superlativePhrase(words []string) (phrase, rest string) {
	end := len(words)
	for i, w := range words[1:] {
		lw := strings.ToLower(w)
		if strings.HasPrefix(w, "(") || lw == "because" || lw == "due" || lw == "since" || lw == "as" || lw == "=" {
			end = i + 1
			break
		}
	}
	rest = strings.TrimSpace(strings.Join(words[end:], " "))
	if strings.HasPrefix(rest, "(") {
		// "(~465 °C) because of ..." -> "~465 °C, because of ..."
		rest = strings.TrimSuffix(strings.Replace(rest[1:], ") ", ", ", 1), ")")
	}
	return strings.Join(words[:end], " "), rest
}

// superlativeQuestion is "Which is the smallest planet?", "Which planet has
// the lowest density?" or "Which planet is closest to the Sun?".
func superlativeQuestion(kind, phrase string) string {
	words := strings.Fields(phrase)
	last := singular(strings.ToLower(words[len(words)-1]))
	switch {
	case last == kind:
		return "Which is the " + phrase + "?"
	case len(words) > 1 && (placePreps[strings.ToLower(words[1])] || words[1] == "to" || words[1] == "from"):
		return "Which " + kind + " is " + phrase + "?"
	case len(words) == 2 && (words[0] == "most" || words[0] == "least"):
		return "Which " + kind + " is the " + phrase + "?"
	}
	return "Which " + kind + " has the " + phrase + "?"
}

// superlative reports an English superlative: "smallest", "best", or
// "most"/"least" before an adjective.
func superlative(w string) bool {
	switch w {
	case "best", "worst", "most", "least":
		return true
	}
	return strings.HasSuffix(w, "est") && len(w) > 5 && !notSuperlatives[w]
}

var notSuperlatives = setOf("interest", "forest", "request", "protest", "contest", "honest", "modest",
	"harvest", "manifest", "digest", "suggest", "arrest", "invest", "conquest", "inquest", "earnest",
	"tempest", "behest", "bequest", "attest", "detest", "infest", "ingest", "congest")

// conditionRows reads a table of words whose other columns are the
// conditions they are used in: "Adjetivo | con ser | con estar", "Word |
// with a | with the". One card per row asks for the word's meaning under
// every condition: "¿Qué significa «listo» con ser y con estar?" ->
// "con ser: inteligente; con estar: preparado". A cell alone would lose
// the contrast the table is about. It reports whether the table had that
// shape.
func (g *gen) conditionRows(header []string, rows [][]tableCell, t ast.Node) bool {
	if len(header) < 3 || !wordClassHeaders[strings.ToLower(strings.TrimSpace(stripEmphasis(header[0])))] {
		return false
	}
	conds := make([]string, len(header)-1)
	prep := ""
	for i, h := range header[1:] {
		h = strings.TrimSpace(stripEmphasis(h))
		p, rest, ok := strings.Cut(h, " ")
		if !ok || !conditionPreps[strings.ToLower(p)] || countWords(rest) > 3 || prep != "" && !strings.EqualFold(p, prep) {
			return false
		}
		prep, conds[i] = p, h
	}
	var template func(word string) string
	and := map[string]string{langEnglish: " and ", langSpanish: " y ", langGerman: " und ", langFrench: " et "}[g.lang]
	joinedConds := strings.Join(conds[:len(conds)-1], ", ") + and + conds[len(conds)-1]
	switch g.lang {
	case langEnglish:
		template = func(w string) string { return "What does \u201c" + w + "\u201d mean " + joinedConds + "?" }
	case langSpanish:
		template = func(w string) string { return "¿Qué significa «" + w + "» " + joinedConds + "?" }
	case langGerman:
		template = func(w string) string { return "Was bedeutet „" + w + "“ " + joinedConds + "?" }
	case langFrench:
		template = func(w string) string { return "Que signifie « " + w + " » " + joinedConds + " ?" }
	default:
		return false
	}
	for _, row := range rows {
		if len(row) != len(header) {
			continue
		}
		word := strings.TrimSpace(stripEmphasis(row[0].text))
		if word == "" || countWords(word) > 3 {
			continue
		}
		parts := make([]string, 0, len(conds))
		for i, c := range row[1:] {
			if !tableValue(c.text) {
				parts = nil
				break
			}
			parts = append(parts, lowerFirst(conds[i])+": "+c.text)
		}
		if len(parts) == 0 {
			continue
		}
		g.add(OriginTable, template(word), capFirst(strings.Join(parts, "; ")), row[0].line, row[0].line, t, 0.75)
	}
	return true
}

// wordClassHeaders head a first column of words (in the four languages).
var wordClassHeaders = setOf("word", "term", "adjective", "verb", "noun", "expression", "phrase",
	"palabra", "adjetivo", "verbo", "sustantivo", "expresión", "término",
	"wort", "adjektiv", "verb", "nomen", "ausdruck", "begriff",
	"mot", "adjectif", "verbe", "nom", "expression", "terme")

// conditionPreps open a header that names a condition: "con ser", "with
// a plural", "mit Dativ", "avec être".
var conditionPreps = setOf("with", "con", "mit", "avec", "in", "en", "im", "bei", "after", "before", "nach", "vor", "después", "antes")
