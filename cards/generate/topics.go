package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// topicChildren makes "What are the <label>?" -> the children, from a list
// item that names a group ("3 types of exocrine cells:", "Process
// states") over a nested list of short items. A parent that is a thing
// rather than a group ("Kernel threads" over facts about them) gives no
// such card: its children are facts, read one by one.
func (g *gen) topicChildren(text string, first int, list *ast.List, n ast.Node, tp topic) bool {
	colon := strings.HasSuffix(strings.TrimSpace(text), ":")
	label, ok := cleanLabel(text)
	if !ok || excludedTopic(label) || !(colon || groupLabel(label)) {
		return false
	}
	conf := 0.72
	if colon && groupLabel(label) {
		conf = 0.8
	}
	return g.childrenCard(label, list, first, n, tp, conf, !colon)
}

// predicateItems reports items of which one reads as a predicate
// ("secrete antibodies", "on the young part of the root").
func (g *gen) predicateItems(items []string) bool {
	if g.lang != langEnglish {
		return false
	}
	for _, it := range items {
		words := strings.Fields(it)
		if _, ok := predicateOf(words); ok && len(words) >= 3 {
			return true
		}
		if len(words) >= 3 {
			if _, ok := factVerbs[strings.ToLower(words[1])]; ok {
				return true // "`len` returns the number of items": a sentence
			}
		}
	}
	return false
}

// childrenCard adds the label -> children card once the caller has judged
// the label a group: it needs a short list and a question for the label,
// and it marks the list's items used so no other rule reads them again.
//
// Without a colon the label may name a thing, not a group: then items that
// read as predicates ("Plasma cells" over "- secrete antibodies") are facts
// about it, and none of this card. A glossary of codes is never a group.
func (g *gen) childrenCard(label string, list *ast.List, first int, n ast.Node, tp topic, conf float64, noColon bool) bool {
	items, blocks, last, ok := g.shortItems(list)
	if !ok || noColon && g.predicateItems(items) || g.glossary(items) {
		return false
	}
	q, ok := g.labelQuestion(label, tp)
	if !ok {
		return false
	}
	for _, b := range blocks {
		g.markUsed(b)
	}
	g.add(OriginTopicChildren, q, strings.Join(items, "; "), first, last, n, conf)
	return true
}

// groupLabel reports whether a label names a group of things: it counts
// them ("3 types", "two kinds", "four stages"), or its head is a group
// noun ("process states", "main causes"), or it says "types of ...".
func groupLabel(label string) bool {
	words := strings.Fields(strings.ToLower(withoutCode(label)))
	for i, w := range words {
		w = strings.Trim(w, ".,;:*_()")
		if i > 0 && (classWords[words[i-1]] || refNouns[words[i-1]]) {
			continue // "Group 2", "chapter 4": a name, not a count
		}
		if numberWords[w] || w != "" && w[0] >= '0' && w[0] <= '9' {
			return true
		}
		if groupNouns[w] && (i == len(words)-1 || i+1 < len(words) && words[i+1] == "of") {
			return true
		}
	}
	return false
}

var numberWords = setOf("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"several", "multiple")

var groupNouns = setOf("types", "kinds", "classes", "categories", "stages", "phases", "states", "steps",
	"parts", "components", "levels", "layers", "forms", "causes", "symptoms", "signs", "features",
	"properties", "principles", "rules", "laws", "methods", "techniques", "strategies", "members",
	"elements", "organs", "functions", "factors", "effects", "benefits", "advantages",
	"disadvantages", "risks", "complications", "characteristics", "modes", "models", "families",
	"groups", "kingdoms", "branches", "sections", "regions", "lobes", "bones", "muscles", "cells",
	"tissues", "enzymes", "hormones", "vitamins", "molecules", "bonds", "reactions", "operations",
	"primitives", "operators", "keywords", "commands", "tools", "patterns", "approaches", "goals",
	"requirements", "criteria", "tenses", "cases", "moods", "genders", "conjugations", "articles",
	"pronouns", "prepositions", "amendments", "branches", "powers", "rights", "causes", "events",
	"outcomes", "consequences", "treatments", "drugs", "classes", "sorts", "varieties", "policies",
	"algorithms", "properties", "stages", "examples", "uses", "applications", "ingredients",
	// the facets of a drug or a disease card
	"indications", "contraindications", "considerations", "brands", "interactions", "precautions",
	"differentials", "investigations", "limitations", "drawbacks", "strengths", "weaknesses")

// topicDefinition makes "What is <topic>?" from the first item under a
// heading or parent item that names a term, when that item reads as a
// definition: it starts with "a" or "an" ("## Process" over "- a program
// in execution"). It reports whether it made the card.
func (g *gen) topicDefinition(text string, first, last int, n ast.Node, tp topic) bool {
	if g.lang != langEnglish || tp.kind != topicHeading && tp.kind != topicParent {
		return false
	}
	item := n.Parent()
	if item.PreviousSibling() != nil {
		return false // only the list's first item defines
	}
	w := firstWord(text)
	article := w == "a" || w == "an"
	// Under a parent item that names a term ("- Eq" over "- types whose
	// values can be tested for equality"), the first child describes it
	// even without an article; under a heading only "a/an ..." does.
	heading := wholeEmphasis(tp.text) && sectionTitle(tp.text) // "**Causes of Containment**": a heading in list form
	describes := tp.kind == topicParent && !heading && countWords(text) >= 2 && !pronouns[w] && !termStartStop[w] &&
		!clauseStarts[w] && !startsWithDigit(text)
	if !article && !describes || countWords(text) > MaxAnswerWords || strings.Contains(text, ": ") ||
		len(scanLine(text).links) > 0 || strings.HasSuffix(text, "?") {
		return false
	}
	// Only now the heading path: the tests above do not need it (resolve
	// turns a heading topic without headings into topicNone, for which
	// describes is false too) and reject most items.
	g.resolve(&tp)
	if tp.kind == topicNone {
		return false
	}
	words := strings.Fields(stripEmphasis(text))
	if _, pred := predicateOf(words); pred || participle(w) || hasOwnVerb(words) || article && taggedVerb(text) {
		return false // "managed by ...", "introduced glasnost", "A resolver asks ...": facts, not a definition
	}
	if tp.kind == topicParent {
		if _, pred := predicateOf(strings.Fields(stripEmphasis(tp.text))); pred {
			return false // the parent is itself a fact ("produces bile")
		}
		if !article && countWords(text) <= 3 && kindOfParent(text, tp.text) {
			return false // "Judgements:" over "Analytic judgements": the first kind, not a definition
		}
		if !article && strings.HasSuffix(strings.TrimSpace(stripEmphasis(tp.text)), ":") {
			return false // "national income:" over "compensation of employees": the first of its parts
		}
	}
	conf := 0.8
	if !article {
		conf = 0.7
	}
	raw := tp.text
	if tp.kind == topicHeading {
		raw = stripEnumeration(raw)
	}
	if strings.ContainsAny(raw, "=>→") {
		return false // the parent is itself a fact ("QRS complex = ...")
	}
	term, code, ok := cleanTerm(strings.TrimRight(raw, ": "))
	if !ok || code || isGeneric(term) || countWords(term) > 4 || excludedTopic(term) || foreignScript(term) ||
		adverbTerm(term) || partLabel(term) || onlyLink(text) {
		// "を with movement verbs", "Geometrically", "Segunda parte" over
		// their first item, or a link as the item: no term and its definition.
		return false
	}
	core, abbr, _ := splitAbbreviation(term)
	if abbr != "" {
		// "Process Control Block (PCB)": an expansion in capitals is
		// still a common noun ("a process control block").
		term = core
		if allCapitalised(core) && isAbbreviationOf(abbr, core) {
			term = strings.ToLower(core)
		}
	}
	q, _, ok := g.termQuestion(term, "")
	if !ok {
		return false
	}
	if abbr != "" {
		q = strings.TrimSuffix(q, "?") + " (" + abbr + ")?"
	}
	g.add(OriginTopicDefinition, q, capFirst(endSentence(text)), first, last, n, conf)
	return true
}

// hasOwnVerb reports a text that is a sentence with its own subject: a
// fact verb or "is/are" among its first words after a noun ("A recursive
// resolver asks other servers").
func hasOwnVerb(words []string) bool {
	for i := 1; i < len(words) && i <= 4; i++ {
		lw := strings.ToLower(words[i])
		if relativePronouns[lw] {
			return false // "An organelle that makes ATP": the relative clause's verb
		}
		if _, ok := factVerbs[lw]; ok || lw == "is" || lw == "are" {
			return true
		}
	}
	return false
}

// taggedVerb reports whether the tagger finds a finite verb in text: "A
// recursive resolver asks other servers" is a sentence, not a noun phrase
// defining the heading. Only first items that open with "a/an" get here.
func taggedVerb(text string) bool {
	nl, err := nlp()
	if err != nil {
		return false
	}
	raw := nl.tok.Tokenize(withoutParens(text))
	nl.tagger.TagTokens(raw)
	for i, r := range raw {
		if i > 0 && (r.Tag == "WDT" || r.Tag == "WP" || r.Tag == "WP$") {
			return false // "An organelle that makes ATP": the verb is the relative clause's
		}
		if i > 0 && (r.Tag == "VBZ" || r.Tag == "VBP" || r.Tag == "VBD" || r.Tag == "MD") {
			return true
		}
	}
	return false
}

// clauseStarts open a child that is a condition or a comment, not a
// description of its parent.
var clauseStarts = setOf("if", "when", "while", "because", "since", "unless", "see", "note", "todo",
	"e.g", "eg", "i.e", "ie", "vs", "not", "no", "yes", "maybe", "also", "but", "so", "then")

// clauseChildren makes "What do <parent>?" -> the children from a parent
// item that is a clause waiting for its object ("threads of the same
// process share", "each thread has its own") over a list of short items.
func (g *gen) clauseChildren(text string, first int, list *ast.List, n ast.Node) bool {
	if g.lang != langEnglish {
		return false
	}
	s := strings.TrimRight(strings.TrimSpace(stripEmphasis(text)), ": ")
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 10 || len(scanLine(s).links) > 0 || strings.ContainsAny(s, "?;()") {
		return false
	}
	subj, verb, tail := "", "", ""
	for i := len(words) - 1; i >= 1 && i >= len(words)-3; i-- {
		if v, ok := clauseVerbs[strings.ToLower(words[i])]; ok {
			subj, verb, tail = strings.Join(words[:i], " "), v, strings.Join(words[i+1:], " ")
			break
		}
	}
	if subj == "" || !(tail == "" || tail == "its own" || tail == "their own" || tail == "of") {
		return false
	}
	if w := strings.ToLower(words[0]); pronouns[w] || termStartStop[w] && w != "each" && w != "every" && w != "all" {
		return false
	}
	items, blocks, last, ok := g.shortItems(list)
	if !ok {
		items, blocks, last, ok = g.commaChild(list)
	}
	if !ok {
		return false
	}
	do := "do"
	if verb != strings.ToLower(words[len(strings.Fields(subj))]) {
		do = "does" // "has" -> "does ... have"
	}
	q := "What " + do + " " + lowerTitleWord(subj) + " " + verb
	if tail == "its own" || tail == "their own" {
		q += " of " + tail
	} else if tail != "" {
		q += " " + tail
	}
	for _, b := range blocks {
		g.markUsed(b)
	}
	g.add(OriginTopicChildren, q+"?", strings.Join(items, "; "), first, last, n, 0.8)
	return true
}

// commaChild reads a list of one item that is itself a comma list
// ("threads of the same process share" over "- code, heap, open files").
func (g *gen) commaChild(list *ast.List) (items []string, blocks []ast.Node, last int, ok bool) {
	it := list.FirstChild()
	if it == nil || it.NextSibling() != nil || it.ChildCount() != 1 {
		return nil, nil, 0, false
	}
	tb := it.FirstChild()
	ls := g.rawLines(tb)
	if len(ls) != 1 {
		return nil, nil, 0, false
	}
	if items, ok = commaItems(ls[0].text); !ok || len(items) < 2 {
		return nil, nil, 0, false
	}
	return items, []ast.Node{tb}, ls[0].num, true
}

// clauseVerbs maps the verbs that end a parent clause to their base form.
var clauseVerbs = map[string]string{
	"share": "share", "shares": "share", "include": "include", "includes": "include",
	"contain": "contain", "contains": "contain", "has": "have", "have": "have",
	"need": "need", "needs": "need", "require": "require", "requires": "require",
	"cause": "cause", "causes": "cause", "involve": "involve", "involves": "involve",
	"produce": "produce", "produces": "produce", "consist": "consist", "consists": "consist",
	"store": "store", "stores": "store", "use": "use", "uses": "use",
}

// attributionVerbs credit a thing to its maker: a thing named in an item: "X (made by Y)",
// "X, offered by Y", "X by Y" with Y a name at the end of the text.
var attributionVerbs = [...]string{"made by", "created by", "written by", "offered by", "developed by",
	"invented by", "proposed by", "introduced by", "built by", "published by", "maintained by", "founded by"}

// attribution makes "Who made X?" -> Y from an item or line that credits
// its thing to someone: "An interactive demo of sparse autoencoders (made
// by Neuronpedia)". Y must be a short name (capitalised words).
func (g *gen) attribution(text string, first, last int, n ast.Node) bool {
	if !strings.Contains(text, "by ") || g.lang != langEnglish || len(scanLine(text).links) > 0 {
		return false
	}
	s := strings.TrimSpace(stripEmphasis(text))
	s = strings.TrimRight(s, ".")
	for _, v := range attributionVerbs {
		i := strings.LastIndex(s, v)
		if i <= 0 {
			continue
		}
		thing := strings.TrimSpace(s[:i])
		who := strings.TrimSpace(s[i+len(v):])
		paren := strings.HasSuffix(thing, "(")
		if paren {
			if !strings.HasSuffix(who, ")") {
				return false
			}
			thing = strings.TrimSpace(strings.TrimSuffix(thing, "("))
			who = strings.TrimSpace(strings.TrimSuffix(who, ")"))
		} else {
			thing = strings.TrimSpace(strings.TrimRight(thing, ","))
		}
		if !nameLike(who) || countWords(thing) < 2 || countWords(thing) > 14 || strings.ContainsAny(thing, "():;") {
			return false
		}
		w := strings.Fields(thing)
		switch strings.ToLower(w[0]) {
		case "a", "an", "the", "some":
			w[0] = "the"
		default:
			if pronouns[strings.ToLower(w[0])] || termStartStop[strings.ToLower(w[0])] {
				return false
			}
			w = append([]string{"the"}, lowerTitleWord(w[0]))
			w = append(w, strings.Fields(thing)[1:]...)
		}
		verb := strings.Fields(v)[0]
		g.add(OriginAttribution, "Who "+verb+" "+strings.Join(w, " ")+"?", who, first, last, n, 0.75)
		return true
	}
	return false
}

// nameLike reports a short run of capitalised words: a person, a group, a
// company ("Neel Nanda", "ARENA", "Neuronpedia").
func nameLike(s string) bool {
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	for _, x := range w {
		if !capitalised(x) && !smallWords[x] && !nameParticles[x] {
			return false
		}
	}
	return capitalised(w[0]) && !nameStop[strings.ToLower(w[0])]
}

// nameParticles join the parts of a name: "José de San Martín", "Ludwig
// van Beethoven".
var nameParticles = setOf("de", "del", "la", "van", "von", "der", "da", "di", "du", "le", "y", "bin", "ibn")

// proseAttribution makes "Who made the X?" -> Y from "the X by Y is/are
// ..." inside a paragraph, where X is a title (it has capitalised words)
// and Y a name: "the Transformer Circuits posts by Anthropic are great".
func (g *gen) proseAttribution(text string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish || !strings.Contains(text, " by ") {
		return false
	}
	ln := scanLine(text)
	plain := ln.bareText()
	for i := strings.Index(plain, " by "); i > 0; i = nextIndex(plain, " by ", i) {
		the := strings.LastIndex(plain[:i], "the ")
		if the < 0 || i-the > 60 {
			continue
		}
		thing := plain[the:i]
		rest := strings.Fields(plain[i+4:])
		var who []string
		for _, w := range rest {
			core := strings.TrimRight(w, ",.;:")
			if !capitalised(core) || len(who) == 3 {
				break
			}
			who = append(who, core)
			if core != w {
				break
			}
		}
		if len(who) == 0 || len(who) >= len(rest) {
			continue
		}
		next := strings.ToLower(strings.Trim(rest[len(who)], ",.;:"))
		if !(next == "is" || next == "are" || next == "was" || next == "were") {
			continue
		}
		caps := 0
		for _, w := range strings.Fields(thing)[1:] {
			if capitalised(w) {
				caps++
			}
		}
		if caps == 0 || countWords(thing) > 7 || strings.ContainsAny(thing, "(),;:") {
			continue
		}
		g.add(OriginAttribution, "Who made "+thing+"?", strings.Join(who, " "), first, last, n, 0.7)
		return true
	}
	return false
}

func nextIndex(s, sub string, after int) int {
	j := strings.Index(s[after+1:], sub)
	if j < 0 {
		return -1
	}
	return after + 1 + j
}

// allCapitalised reports words that each start with a capital.
func allCapitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		if !capitalised(w) {
			return false
		}
	}
	return s != ""
}

var relativePronouns = setOf("that", "which", "who", "whose", "whom", "where")

// wholeEmphasis reports an item written all in bold or italics. With a
// title's shape ("**Kennan's Telegram**", "**Causes of Containment**" over
// their facts, see sectionTitle) it is a heading in list form, whose first
// child defines it only as a heading's would, opening on "a" or "an";
// "_automatic processing_" over its definition is an emphasised term.
func wholeEmphasis(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ":")
	for _, m := range [...]string{"**", "__", "*", "_"} {
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) && !strings.Contains(s[len(m):len(s)-len(m)], m) {
			return true
		}
	}
	return false
}

// opensOnArticle reports a text whose first word is the article "a" or
// "an" itself ("An, auf, hinter" lists German prepositions).
func opensOnArticle(s string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	switch w {
	case "A", "An", "a", "an":
		return true
	}
	return false
}
