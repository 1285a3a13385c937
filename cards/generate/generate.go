package generate

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// The rule names recorded in Card.Origin.
const (
	OriginDefinition      = "definition"
	OriginTopicReference  = "topic-reference"
	OriginQuestionHeading = "question-heading"
	OriginLabelledList    = "labelled-list"
	OriginSentence        = "sentence"
	OriginTopicChildren   = "topic-children"
	OriginTable           = "table"
	OriginRelation        = "relation"
	OriginEquation        = "equation"
	OriginQuestionItem    = "question-item"
	OriginAbbreviation    = "abbreviation"
	OriginCloze           = "cloze"
	OriginTopicDefinition = "topic-definition"
	OriginAttribution     = "attribution"
	OriginAttribute       = "attribute"
	OriginDate            = "date"
	OriginTopicFact       = "topic-fact"
	OriginVerbSentence    = "verb-sentence"
	OriginCodeGloss       = "code-gloss"
	OriginCase            = "case"
	OriginReason          = "reason"
	OriginMemberList      = "member-list"
	OriginProsCons        = "pros-cons"
)

// AutoThreshold is the confidence at or above which a generated card is
// added to the collection unasked; cards below it are offered as
// suggestions (mnemo add --interactive, mnemo suggestions). A bad card
// costs a learner more than a missing one, so the threshold sits where the
// tuning half of the evaluation corpus keeps precision at 0.9 or above.
const AutoThreshold = 0.7

// Rules generates cards from a note's plain prose with the five rule
// families of docs §3. It is a markdown.Generator: each card has Kind basic,
// Question, Answer, Origin, Source and Context set; the reader fills in the
// rest. Candidates that fail Check, and near-duplicates of one another or of
// doc.Explicit, are left out.
func Rules(doc *markdown.Document) []cards.Card {
	kept, _ := Explain(doc)
	return kept
}

// Explain is Rules that also returns the candidates it left out, with the
// reason (a failed Check or a duplicate).
func Explain(doc *markdown.Document) (kept []cards.Card, rejected []Rejection) {
	if doc == nil || doc.Root == nil {
		return nil, nil
	}
	g := &gen{doc: doc, src: doc.Src, text: string(doc.Src), lang: detectLanguage(doc.Src)}
	g.walk()
	ok := make([]cards.Card, 0, len(g.out))
	words := make([][]string, 0, len(g.out))
	for i, c := range g.out {
		qs, as := contentStems(c.Question), contentStems(c.Answer)
		if err := check(c, qs, as); err != nil {
			rejected = append(rejected, Rejection{Card: c, Reason: err.Error()})
			continue
		}
		c.Confidence = g.confidence(c)
		// The topic is named once the card is judged: the criteria read
		// the question as the rule phrased it.
		c.Question = g.named[i].apply(c.Question)
		if g.named[i].topic == "" {
			c.Question = g.contextNamed(c)
		}
		ok = append(ok, c)
		words = append(words, union(qs, as))
	}
	kept, dropped := dedupe(ok, words, doc.Explicit)
	for i := range kept {
		// A card's text may be a slice of g.text: copy it, so the card
		// does not keep the whole note alive.
		c := &kept[i]
		c.Question, c.Answer, c.Text = strings.Clone(c.Question), strings.Clone(c.Answer), strings.Clone(c.Text)
	}
	return kept, append(rejected, dropped...)
}

// gen holds one run of the rules over one document.
type gen struct {
	doc *markdown.Document
	src []byte
	// text is src as a string: the lines rules read are slices of it, not
	// copies; lineArena holds the rawLines slices of the note.
	text      string
	lineArena []rawLine
	out       []cards.Card
	used      map[ast.Node]bool // blocks another rule already turned into a card (nil until one is)
	// htext caches heading texts for context paths; ctxStack is the
	// heading path open before top-level block ctxAt.
	htext    map[*ast.Heading]string
	ctxAt    ast.Node
	ctxStack []*ast.Heading
	// lang is the note's language; lower the words it writes in lower
	// case (built on first use).
	lang  string
	lower map[string]bool
	upper map[string]bool
	// dated holds the dates a "When ...?" card already asks, so the cloze
	// rule does not hide them again.
	dated map[datedKey]bool
	// scans remembers the last lines scanLine read (see scan); nextScan
	// is the entry to replace next.
	scans    [4]line
	nextScan int
	// plainNode, plainText and plainSents cache the plain text of the last
	// block the sentence rules read, and its sentences (nil until asked
	// for): several rules read the same block in turn.
	plainNode  ast.Node
	plainText  plainText
	plainSents []plainSentence
	// named holds, by index in out, the topic a card's question names
	// (see topicname.go).
	named map[int]topicName
}

// plainSentence is one sentence of a block's plain text: its span and its
// text with line breaks as spaces.
type plainSentence struct {
	span
	text string
}

// scan is scanLine(s), remembered for the last few lines: a block's
// lines are scanned when it is read, then again by lineRules,
// inlineAbbreviations and cloze. scanLine depends on s alone, and no rule
// changes the line it gets.
func (g *gen) scan(s string) line {
	for i := range g.scans {
		if g.scans[i].s == s && s != "" {
			return g.scans[i]
		}
	}
	ln := scanLine(s)
	g.scans[g.nextScan] = ln
	g.nextScan = (g.nextScan + 1) % len(g.scans)
	return ln
}

// plain is buildPlain for block n, computed once per block.
func (g *gen) plain(n ast.Node) plainText {
	if g.plainNode != n {
		g.plainNode, g.plainText, g.plainSents = n, buildPlain(n, g.src), nil
	}
	return g.plainText
}

// sentencesOf is block n's plain text and its sentences (sentenceSpans),
// computed once per block.
func (g *gen) sentencesOf(n ast.Node) (plainText, []plainSentence) {
	pt := g.plain(n)
	if g.plainSents == nil {
		spans := sentenceSpans(pt.text)
		g.plainSents = make([]plainSentence, len(spans))
		for i, sp := range spans {
			g.plainSents[i] = plainSentence{sp, strings.ReplaceAll(pt.text[sp.start:sp.end], "\n", " ")}
		}
	}
	return pt, g.plainSents
}

// add records a candidate card with the confidence its rule gives it.
func (g *gen) add(origin, q, a string, first, last int, n ast.Node, conf float64) {
	if last < first {
		last = first
	}
	g.out = append(g.out, cards.Card{
		Kind:       cards.KindBasic,
		Question:   tidy(q),
		Answer:     dropAsides(tidy(a)),
		Origin:     origin,
		Source:     cards.Source{Path: g.doc.Path, Line: first, EndLine: last},
		Context:    g.context(n),
		Confidence: conf,
	})
}

// tidy trims a card side and folds line breaks and runs of spaces
// outside code blocks into single spaces.
func tidy(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "```") || !strings.ContainsAny(s, "\n\t") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// markUsed records that block n already gave a card.
func (g *gen) markUsed(n ast.Node) {
	if g.used == nil {
		g.used = map[ast.Node]bool{}
	}
	g.used[n] = true
}

// context is the heading path above block n, as Document.Context computes
// it (heading texts are cached for the run); for a heading, the headings
// that contain it.
func (g *gen) context(n ast.Node) []string {
	h, isHeading := n.(*ast.Heading)
	for n.Parent() != nil && n.Parent() != g.doc.Root {
		n = n.Parent()
		isHeading = false
	}
	if n.Parent() == nil {
		return g.doc.Context(n)
	}
	stack := g.headingsBefore(n)
	if isHeading {
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
	}
	path := make([]string, 0, len(stack))
	for _, x := range stack {
		if t := g.headingText(x); t != "" {
			path = append(path, t)
		}
	}
	return path
}

// headingsBefore returns the open heading path before top-level block n:
// each earlier heading pops those of its level or deeper. Cards come in
// document order, so the walk resumes where the last call stopped and the
// whole run stays linear; an earlier n restarts it.
func (g *gen) headingsBefore(n ast.Node) []*ast.Heading {
	from := g.ctxAt
	if from == nil || !g.reaches(from, n) {
		from, g.ctxStack = g.doc.Root.FirstChild(), g.ctxStack[:0]
	}
	for c := from; c != nil && c != n; c = c.NextSibling() {
		if x, ok := c.(*ast.Heading); ok {
			for len(g.ctxStack) > 0 && g.ctxStack[len(g.ctxStack)-1].Level >= x.Level {
				g.ctxStack = g.ctxStack[:len(g.ctxStack)-1]
			}
			g.ctxStack = append(g.ctxStack, x)
		}
	}
	g.ctxAt = n
	return g.ctxStack
}

// reaches reports whether top-level block n is from or comes after it.
func (g *gen) reaches(from, n ast.Node) bool {
	for c := from; c != nil; c = c.NextSibling() {
		if c == n {
			return true
		}
	}
	return false
}

// headingText is Document.HeadingText, cached.
func (g *gen) headingText(h *ast.Heading) string {
	if t, ok := g.htext[h]; ok {
		return t
	}
	if g.htext == nil {
		g.htext = map[*ast.Heading]string{}
	}
	t := g.doc.HeadingText(h)
	g.htext[h] = t
	return t
}

// walk visits the blocks of the document in order.
func (g *gen) walk() {
	_ = ast.Walk(g.doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			g.indentedOutline(n)
			return ast.WalkSkipChildren, nil
		case *east.Table:
			g.table(n)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			g.heading(n)
			return ast.WalkSkipChildren, nil
		case *east.DefinitionList:
			g.definitionList(n)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			if !g.used[n] {
				g.block(n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// rawLine is one line of a block's raw Markdown and its 1-based number.
type rawLine struct {
	text string
	num  int
}

// rawLines returns the lines of a block as written (trimmed).
func (g *gen) rawLines(n ast.Node) []rawLine {
	segs := n.Lines()
	if segs == nil {
		return nil
	}
	// The rules ask for a block's lines many times over: the slices share
	// one array per note, capped so that an append by a caller copies.
	if g.lineArena == nil {
		g.lineArena = make([]rawLine, 0, 32)
	}
	start := len(g.lineArena)
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		// The segment's padding and forced newline are spaces that
		// TrimSpace drops anyway.
		t := strings.TrimSpace(g.text[seg.Start:seg.Stop])
		g.lineArena = append(g.lineArena, rawLine{text: t, num: g.doc.LineOf(seg.Start)})
	}
	end := len(g.lineArena)
	return g.lineArena[start:end:end]
}

// codeLines returns the lines of a code block with their indentation.
func (g *gen) codeLines(n ast.Node) []rawLine {
	segs := n.Lines()
	if segs == nil {
		return nil
	}
	out := make([]rawLine, 0, segs.Len())
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		t := bytes.TrimRight(seg.Value(g.src), " \t\r\n")
		out = append(out, rawLine{text: string(t), num: g.doc.LineOf(seg.Start)})
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1].text) == "" {
		out = out[:len(out)-1]
	}
	return out
}

// joined is a block's raw lines joined with spaces.
func joined(ls []rawLine) string {
	switch len(ls) {
	case 0:
		return ""
	case 1:
		return ls[0].text
	}
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// block runs the line rules, the labelled-list rule and the sentence rules
// over a paragraph or a list item's text.
func (g *gen) block(n ast.Node) {
	ls := g.rawLines(n)
	if len(ls) == 0 {
		return
	}
	for _, l := range ls {
		if l.text == "?" || l.text == "??" || strings.HasPrefix(l.text, "Q:") || strings.HasPrefix(l.text, "A:") {
			return // an explicit multi-line or Q/A card: the reader's
		}
		ln := g.scan(l.text)
		if ln.hasExplicitMarkup() {
			return
		}
	}
	first, last := ls[0].num, ls[len(ls)-1].num
	defer g.inlineAbbreviations(n, ls) // after the block's own cards, which Dedupe then prefers
	if len(ls) == 1 && g.creditedWorks(ls[0].text, first, last, n) {
		return // "Title (Author): link", in a reading list or not
	}
	tp := g.topicOf(n)
	if tp.kind == topicLabel || tp.kind == topicParent {
		if excludedTopic(tp.text) {
			return // examples, alternatives, analogies: not facts about themselves
		}
	}

	// A question followed by its answer.
	if g.questionBlock(n, ls) {
		return
	}

	// "label:" followed by a list.
	if list, ok := n.NextSibling().(*ast.List); ok && strings.HasSuffix(ls[len(ls)-1].text, ":") {
		lab := ls[len(ls)-1]
		if g.prosConsLine(ls, len(ls)-1, g.itemTexts(list), n, tp) {
			return
		}
		if g.labelledList(lab.text, lab.num, list, n, tp) {
			return
		}
	}

	if item, inItem := n.Parent().(*ast.ListItem); inItem && item.FirstChild() == n {
		// A list item's text is one logical line, however it wraps.
		text := joined(ls)
		if _, _, _, ok := prosConsLabel(text); ok {
			var children []string
			if list := childList(item); list != nil {
				children = g.itemTexts(list)
			}
			if g.prosCons(text, children, g.prosConsTopic(tp, n), first, last, n) {
				return
			}
		}
		if list := childList(item); list != nil {
			g.listAcronym(text, list, first, n)
			g.memberList(text, first, list, n, tp)
		}
		if list := childList(item); list != nil && (g.listAttributes(text, list, n) || g.topicChildren(text, first, list, n, tp) ||
			g.clauseChildren(text, first, list, n)) {
			return
		}
		g.caseCitation(text, first, last, n)
		if g.datedItem(text, first, last, n) || g.caseHolding(text, first, last, n) ||
			codeGlossLine(text) && g.codeGloss(text, g.itemTexts(item.Parent()), first, last, n, tp) {
			return
		}
		expanded := tp.kind == topicParent && item.PreviousSibling() == nil && g.parentExpansion(tp.text, text, first, last, n)
		if made, _ := g.lineRules(text, first, last, n, tp); made {
			return
		}
		if !expanded && g.topicDefinition(text, first, last, n, tp) || g.codeSubject(text, first, last, n) ||
			g.attribution(text, first, last, n) || g.topicFact(text, first, last, n, tp) {
			return
		}
		g.datedSentences(n)
		g.verbSentences(n)
		g.reasonSentences(n)
		if !g.sentences(n, tp) {
			g.cloze(n)
		}
		return
	}

	if _, para := n.(*ast.Paragraph); para && g.indentedParagraph(n, ls) {
		return
	}
	if _, afterHeading := n.PreviousSibling().(*ast.Heading); afterHeading && len(ls) == 1 && opensOnArticle(ls[0].text) &&
		g.topicDefinition(ls[0].text, first, last, n, tp) {
		return // "## Mitochondria" over "An organelle that makes ATP ...": the section opens on its definition
	}

	// A paragraph: "Term: def" lines, each only where the paragraph starts
	// or continues a run of such lines (so a hard-wrapped sentence that
	// happens to put "way: ..." at a line start is left alone).
	madeAny, chain := false, true
	var prosCons uint64 // lines (by index, the first 64) that were a pros-or-cons label
	for i := range min(len(ls), 64) {
		if g.prosConsLine(ls, i, nil, n, tp) {
			prosCons |= 1 << i
			madeAny = true
		}
	}
	for i, l := range ls {
		if !chain {
			break
		}
		if i < 64 && prosCons&(1<<i) != 0 {
			continue
		}
		g.caseCitation(l.text, l.num, l.num, n)
		made, shaped := g.lineRules(l.text, l.num, l.num, n, tp)
		madeAny = madeAny || made
		// "IPA = ..." over "phonetics - ..." lines: one glossary, whose
		// "skew = ..." line that made no card does not end it.
		chain = shaped || made || relationShaped(l.text)
	}
	// Reasons are read even when a line was a definition: a glossary line
	// often goes on with "..., so ..." (reasons.go).
	g.reasonSentences(n)
	if madeAny {
		return
	}
	if len(ls) == 1 && g.attribution(ls[0].text, first, last, n) {
		return
	}
	g.proseAttribution(joined(ls), first, last, n)
	g.datedSentences(n)
	g.verbSentences(n)
	if !g.sentences(n, tp) {
		g.cloze(n)
	}
}

// lineRules tries the topic-reference, labelled comma list, definition,
// relation and equation rules on one logical line. shaped reports whether
// the line has the shape of a definition ("short term: text") whether or
// not it made a card.
func (g *gen) lineRules(s string, first, last int, n ast.Node, tp topic) (made, shaped bool) {
	s = boldColon(s)
	ln := g.scan(s)
	if q, a, ok := topicReference(&ln); ok {
		if g.lang == langEnglish {
			conf := 0.8
			if sectionPointer(a) {
				conf = 0.6 // "OSTEP chapter 28 (URL)": where to read, not what the work is
			}
			g.add(OriginTopicReference, q, a, first, last, n, conf)
		}
		return true, true
	}
	sp, ok := ln.findSep()
	if !ok {
		return g.relation(&ln, first, last, n, tp), false
	}
	left, right := strings.TrimSpace(s[:sp.at]), strings.TrimSpace(s[sp.at+sp.width:])
	shaped = left != "" && countWords(stripEmphasis(left)) <= 6
	if !shaped {
		return g.relation(&ln, first, last, n, tp), false
	}
	if sp.width == 1 && strings.IndexByte(right, ',') > 0 && g.lang == langEnglish && !illustrated(right) {
		if label, ok := cleanLabel(left); ok {
			if items, ok := commaItems(right); ok {
				if q, ok := g.labelQuestion(label, tp); ok {
					g.add(OriginLabelledList, q, strings.Join(items, "; "), first, last, n, 0.8)
					return true, true
				}
			}
		}
	}
	if g.definitionCard(left, right, sp, first, last, n, tp) {
		return true, true
	}
	return false, true
}

// definitionCard makes the definition card (and the abbreviation card) of
// one "term: definition" line.
func (g *gen) definitionCard(left, right string, sp sep, first, last int, n ast.Node, tp topic) bool {
	// The tests below are pure and each rejects the line: the cheap ones
	// on the term come first.
	if made, vocab := g.foreignPhrase(left, right, first, last, n); vocab {
		return made
	}
	term, code, ok := cleanTerm(left)
	if !ok {
		return false
	}
	if !code && (strings.ContainsAny(term, "/=>+") || endsWithNumber(term) || comparesTwo(term)) {
		return false // "Identidad / profesión", "EI -> RI", "1NF + no partial dependency", "LING 101", "X vs Y"
	}
	if !code && g.oneWordTranslation(term, right, first, last, n) {
		return true
	}
	if !validDefinition(right, sp.width == 1) || vagueAnswer(right) || g.titleLine(first, n) {
		return false
	}
	if !code && metaLabel(term) {
		return false // "Merke"
	}
	if !code && (adverbTerm(term) || partLabel(term)) || onlyLink(right) {
		return false // "Geometrically: ...", "Segunda parte: ...", "Artikel: [[Bestimmte Artikel]]"
	}
	if !code && adjectiveToTerm(term) {
		return false // "proportional to nodes: ...": a property and its complement, not a term
	}
	if !code && conditionTerm(term) {
		return false // "skip unless time": a plan with its condition, no noun phrase to ask about
	}
	if !code && dayMonth(term) {
		return false // "5-6 July: Germany gives ...": a date with its event (datedItem), not a term
	}
	if !code && strings.Contains(withoutParens(term), ", ") {
		return false // "Harlan, Stewart, White": a list of names, or a label cut at a comma, not one term
	}
	if g.lang != langEnglish && (exampleSentence(right) || clauseTerm(term)) || exclamation(right) {
		return false // "Origen: Somos de Sevilla." or "Wunsch: Wenn ich nur Zeit hätte!" illustrates, it does not define
	}
	conf := 0.85
	if symbolicAnswer(right) {
		// "elastic demand: P ↑ -> TR ↓" gives a consequence in symbols,
		// not what the term is.
		conf = 0.6
	}
	if sp.dash {
		conf = 0.75 // "Term - text" is also how titles and ranges are written
	}
	if nameLike(strings.TrimRight(right, ".")) || listAnswer(right) {
		// "Dissent: Lord Buckmaster", "Capital: Canberra": who or which,
		// not what the term is. "Beta blockers: bisoprolol, carvedilol",
		// "Wechselpräpositionen: an, auf, in, ...": members, not a definition.
		conf = 0.6
	}
	if ownSubject(right) && !statementTerm(term) || predicateOnly(right) {
		// "Conduction: the SA node is the pacemaker" says something about
		// another subject; "Silence: cannot amount to acceptance" states a
		// rule about the term. Neither answers "What is X?".
		conf = 0.6
	}
	if doubtfulTerm(left, right) || asideDefinition(right) {
		// "Connects to [[X]]", "Antonio Machado: *Campos de Castilla*",
		// "Ana: reran the tests", "Termin: no me acuerdo": a label, a name or
		// an aside, not a term and its definition.
		conf = 0.6
	}
	if tp.kind == topicParent && !groupLabel(tp.text) && !kindOfParent(left, tp.text) {
		// Under "colours at room temp", "chlorine: pale green gas" gives
		// chlorine's colour, not what chlorine is. Under "Anomalies",
		// "deletion anomaly: ..." names a kind of its parent and defines it.
		conf = 0.65
	}
	a := shortenDefinition(right)
	if code {
		if startsWithVerb(a) {
			g.add(OriginDefinition, "What does "+term+" do?", a, first, last, n, conf)
		} else {
			g.add(OriginDefinition, "What is "+term+"?", a, first, last, n, conf)
		}
		return true
	}
	core, abbr, long := splitAbbreviation(term)
	if g.lang == langEnglish {
		if q, c, ok := g.wordKindQuestion(core, abbr, a, n, tp, conf); ok {
			g.add(OriginDefinition, q, a, first, last, n, c)
			return true
		}
	}
	topic := g.topicText(tp)
	q, generic, ok := g.termQuestion(core, topic)
	if !ok {
		return false
	}
	q = synonymParen(acronymTopic(q, core, tp), core, left)
	if generic {
		conf -= 0.1
	}
	g.add(OriginDefinition, q, a, first, last, n, conf)
	if !generic {
		g.name(topicName{topic: g.namingTopic(tp, core), term: core})
	}
	if abbr != "" && g.lang != langOther {
		g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), first, last, n, 0.85)
	}
	return true
}

// titleLine reports whether line is the note's first line of text: there
// "Course 101: Topic" or "Chem revision - groups" is the note's title.
func (g *gen) titleLine(line int, b ast.Node) bool {
	if _, ok := b.(*ast.Paragraph); !ok || b.Parent() != g.doc.Root || b.NextSibling() == nil {
		return false // only a paragraph of its own with more note after it
	}
	for n := 1; n < line; n++ {
		if t := strings.TrimSpace(string(g.doc.Line(n))); t != "" && t != "---" && !g.inFrontMatter(n) {
			return false
		}
	}
	return true
}

// inFrontMatter reports whether line n lies in the note's YAML front matter.
func (g *gen) inFrontMatter(n int) bool {
	if strings.TrimSpace(string(g.doc.Line(1))) != "---" {
		return false
	}
	for i := 2; i <= g.doc.LineCount(); i++ {
		if strings.TrimSpace(string(g.doc.Line(i))) == "---" {
			return n <= i
		}
	}
	return false
}

// endsWithNumber reports a term like "LING 101", "Cardio 2" or "Week 3":
// a course or a part, not a concept. "Group 1" or "Type 2" (a word
// that classes things, then its number) is a concept.
func endsWithNumber(term string) bool {
	var buf [32]string
	f := fieldsInto(buf[:0], term)
	if len(f) == 2 && classWords[strings.ToLower(stripEmphasis(f[0]))] {
		return false
	}
	return len(f) > 1 && startsWithDigit(f[len(f)-1])
}

// classWords number the members of a classification.
var classWords = setOf("group", "type", "class", "grade", "stage", "phase", "level", "period", "gruppe",
	"typ", "klasse", "stufe", "grupo", "tipo", "clase", "grado", "etapa", "fase", "nivel", "groupe")

// exampleSentence reports an answer that is short example sentences
// ("Estoy cansado.", "Son las tres. Hoy es lunes."): each capitalised like
// a sentence, ending in a full stop, at most 7 words, and holding a
// common finite verb (German capitalises nouns, so a capital alone says
// little), where a short definition is a noun phrase
// ("Einverständnis mit dem Angebot, ohne Änderungen.") or starts in lower
// case ("la chose qui pense."). Parenthesised remarks are left out.
func exampleSentence(a string) bool {
	a = strings.TrimSpace(withoutParens(a))
	if !strings.HasSuffix(a, ".") {
		return false
	}
	for _, s := range strings.SplitAfter(a, ". ") {
		s = strings.TrimSpace(s)
		r, _ := utf8.DecodeRuneInString(s)
		n := countWords(s)
		if !unicode.IsUpper(r) || n > 7 || !hasCopula(s) {
			return false
		}
	}
	return true
}

// hasCopula reports a common finite verb (be, have) of the languages with
// templates.
func hasCopula(s string) bool {
	found := false
	eachWord(s, func(_ int, low []byte, _ string) bool {
		found = copulas[string(low)]
		return !found
	})
	return found
}

var copulas = setOf("is", "are", "was", "were", "has", "have", "ist", "sind", "bin", "bist", "seid",
	"war", "waren", "hat", "haben", "wird", "es", "son", "soy", "eres", "somos", "está", "están",
	"estoy", "estás", "estamos", "era", "fue", "hay", "tiene", "est", "sont", "suis", "sommes",
	"êtes", "était", "ont")

// ownSubject reports a definition's right side that is a sentence with a
// subject of its own: an article, a few words and a verb "is"/"are"
// before any relative pronoun ("the sinoatrial node is the pacemaker"),
// or a bare plural and "are" ("roots are the zeros of f'").
func ownSubject(right string) bool {
	switch firstWord(right) {
	case "the", "a", "an":
	default:
		return barePluralSubject(right)
	}
	own := false
	eachWord(right, func(i int, low []byte, _ string) bool {
		switch string(low) {
		case "is", "are", "was", "were":
			own = i > 0
			return false
		case "that", "which", "who", "whose", "where", "when":
			return false
		}
		return i < 6
	})
	return own
}

// barePluralSubject reports a right side that opens on a lower-case
// plural and "are": a property of the term stated about something else.
func barePluralSubject(right string) bool {
	f := strings.Fields(strings.TrimSpace(right))
	if len(f) < 3 || f[1] != "are" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	return unicode.IsLower(r) && strings.HasSuffix(f[0], "s") && !strings.HasSuffix(f[0], "ss")
}

// statementTerm reports a term that names a statement (a rule, a law, a
// principle), whose definition is that statement with its own subject:
// "postal rule: an acceptance sent by post is effective when posted".
func statementTerm(term string) bool {
	return statementNouns[strings.ToLower(lastWord(term))]
}

var statementNouns = setOf("rule", "law", "principle", "theorem", "lemma", "axiom", "postulate",
	"hypothesis", "paradox", "doctrine", "effect", "conjecture", "fallacy", "argument", "maxim")

// predicateOnly reports a right side that opens on a modal ("cannot
// normally amount to acceptance"): a rule about the term, not what it is.
func predicateOnly(right string) bool {
	return modals[firstWord(right)]
}

var modals = setOf("must", "mustn't", "may", "might", "should", "shouldn't", "will", "won't", "would", "never")

// boldColon moves a colon written inside the bold ("**Term:** text") to
// after it, where the definition rules look for it.
func boldColon(s string) string {
	for _, m := range [...]string{"**", "__"} {
		if !strings.HasPrefix(s, m) {
			continue
		}
		end := strings.Index(s[2:], m)
		if end < 1 {
			return s
		}
		end += 2
		inner := strings.TrimRight(s[2:end], " ")
		if strings.HasSuffix(inner, ":") && !strings.HasSuffix(inner, "::") {
			return m + strings.TrimSuffix(inner, ":") + m + ":" + s[end+2:]
		}
	}
	return s
}

// definitionList turns each term of a Markdown definition list and its
// first description into a definition card.
func (g *gen) definitionList(dl *east.DefinitionList) {
	for c := dl.FirstChild(); c != nil; c = c.NextSibling() {
		term, ok := c.(*east.DefinitionTerm)
		if !ok {
			continue
		}
		desc, ok := term.NextSibling().(*east.DefinitionDescription)
		if !ok {
			continue
		}
		tl := g.rawLines(term)
		var dl []rawLine
		if p := desc.FirstChild(); p != nil {
			dl = g.rawLines(p)
		}
		if len(tl) == 0 || len(dl) == 0 {
			continue
		}
		g.definitionCard(joined(tl), joined(dl), sep{width: 1}, tl[0].num, dl[len(dl)-1].num, term, g.topicOf(term))
	}
}

// kindOfParent reports whether a child's term shares a content word with
// its parent item ("deletion anomaly" under "Anomalies", "trivial FD"
// under "Functional dependency (FD)"): the child is a kind of the parent,
// so its right side defines it.
func kindOfParent(term, parent string) bool {
	ps := contentStems(parent)
	for _, w := range contentStems(term) {
		for _, p := range ps {
			if w == p {
				return true
			}
		}
	}
	return false
}

// clauseTerm reports a left side that is a clause, not a term, in a
// language whose terms the rules cannot tag: it starts with a lower-case
// word and holds an article or a pronoun inside ("liefert den Großteil",
// "tiene que ver con el"). A German or Spanish term is a noun, with an
// adjective at most before it ("alkoholische Gärung").
func clauseTerm(term string) bool {
	w := strings.Fields(stripEmphasis(term))
	if len(w) >= 3 {
		for _, x := range w[1:] {
			if lx := strings.ToLower(x); lx == "se" || lx == "sich" {
				return true // "Aca se definen los derechos": a clause with its reflexive verb
			}
		}
	}
	if len(w) < 2 || !unicode.IsLower([]rune(w[0])[0]) {
		return false
	}
	for _, x := range w[1:] {
		if foreignArticles[strings.ToLower(x)] {
			return true
		}
	}
	return false
}

var foreignArticles = setOf("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
	"einer", "el", "la", "los", "las", "un", "una", "unos", "unas", "le", "les", "une", "sich", "se")

// sectionPointer reports a reference title that points into a work ("OSTEP
// chapter 7, Scheduling", "Book, p. 12") instead of naming one.
func sectionPointer(title string) bool {
	w := strings.Fields(title)
	for i := 1; i < len(w); i++ {
		if refNouns[strings.ToLower(strings.Trim(w[i-1], ".,;:"))] && startsWithDigit(w[i]) {
			return true
		}
	}
	return false
}

// listAnswer reports a right side that is only a comma list: three or
// more items of at most three words, or two single words ("bisoprolol,
// carvedilol"). It lists members, it does not define.
func listAnswer(right string) bool {
	parts := strings.Split(strings.TrimRight(right, "."), ",")
	most := 3
	if len(parts) == 2 {
		most = 1
	}
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if n := countWords(p); n == 0 || n > most {
			return false
		}
	}
	return true
}

// illustrated reports a right side that holds an example or a comparison
// ("pH < 7, e.g. HCl, H2SO4"): a description, not a list of items.
func illustrated(right string) bool {
	right = withoutCode(right) // "`Box<T>`" is a name
	l := strings.ToLower(right)
	return strings.ContainsAny(right, "<>=≤≥") || strings.Contains(l, "e.g") || strings.Contains(l, "z.b") ||
		strings.Contains(l, "p. ej") || strings.Contains(l, "par ex") || strings.Contains(l, "i.e")
}

// comparesTwo reports a term that sets two things against each other
// ("genotype vs phenotype"): the right side compares, it defines neither.
func comparesTwo(term string) bool {
	for _, w := range strings.Fields(strings.ToLower(term)) {
		switch w {
		case "vs", "vs.", "versus", "v.", "gegen", "contra":
			return true
		}
	}
	return false
}

// exclamation reports a right side that ends as an exclamation or a
// question: an example or a remark, never a definition.
func exclamation(right string) bool {
	r := strings.TrimRight(right, " )\"'”»")
	return strings.HasSuffix(r, "!") || strings.HasSuffix(r, "?")
}
