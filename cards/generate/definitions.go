package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// topicReference reads "**topic** : Title : URL" (also without the bold,
// and "**topic** : [Title](URL)") → "Which work covers topic?" →
// "Title (URL)". A bare "Title : URL" line is a reference, not a card.
func topicReference(ln *line) (q, a string, ok bool) {
	s := ln.s
	if strings.IndexByte(s, ':') < 0 {
		return "", "", false // both separators below hold a colon (a fast path)
	}
	first, width := ln.index(" : ", 0), 3
	if b := ln.index(": ", 0); b > 0 && (first < 0 || b < first) && (s[b-1] == '*' || s[b-1] == '_') {
		first, width = b, 2
	}
	if first <= 0 {
		return "", "", false
	}
	topicRaw := strings.TrimSpace(s[:first])
	var title, url string
	if last := ln.lastIndex(" : "); last >= first+width {
		title = strings.TrimSpace(s[first+width : last])
		u, _, ok := singleURL(s[last+3:])
		if !ok {
			return "", "", false
		}
		tl := scanLine(title)
		if len(tl.links) > 0 || tl.proseWords() == 0 || isTruncated(title) {
			return "", "", false
		}
		url = u
	} else {
		if !strings.HasPrefix(topicRaw, "**") && !strings.HasPrefix(topicRaw, "__") {
			return "", "", false
		}
		u, text, ok := singleURL(s[first+width:])
		if !ok || strings.TrimSpace(text) == "" || hasURLPrefix(text) || isTruncated(text) {
			return "", "", false
		}
		title, url = strings.TrimSpace(text), u
	}
	if isTracking(url) || !hasURLPrefix(url) {
		return "", "", false
	}
	if len(scanLine(topicRaw).links) > 0 {
		return "", "", false
	}
	topic := stripEmphasis(topicRaw)
	if !hasLetter(topic) || countWords(topic) > 12 || metaTerms[strings.ToLower(topic)] {
		return "", "", false
	}
	if w := strings.Fields(strings.ToLower(topic)); pronouns[w[0]] {
		return "", "", false
	}
	return "Which work covers " + topic + "?", title + " (" + url + ")", true
}

// definition makes "What is Term?" → definition from the two sides of a
// definition line, or nothing when either side fails its checks. colon
// says the separator was a colon.
func definition(left, right string, colon bool) (q, a string, ok bool) {
	term, code, ok := cleanTerm(left)
	if !ok || !validDefinition(right, colon) {
		return "", "", false
	}
	a = shorten(right)
	if code && startsWithVerb(a) {
		return "What does " + term + " do?", a, true
	}
	return "What is " + term + "?", a, true
}

// startsWithVerb guesses that a definition of a command or flag reads as
// what it does ("lists the snapshots", "don't cross ..."): it starts with a
// lower-case word that is not a determiner.
func startsWithVerb(def string) bool {
	r, _ := utf8.DecodeRuneInString(def)
	if !unicode.IsLower(r) {
		return false
	}
	return !determiners[firstWord(def)]
}

var determiners = setOf("a", "an", "the", "one", "any", "some", "each", "every", "this", "that",
	"its", "their", "our", "your", "no", "all", "both", "same")

// validDefinition reports whether the right side of a definition line is a
// definition in words: not empty, not only a URL, link or image, no
// redirect or truncated links, not a date or number, not a #tag list, not
// itself a label for what follows, and after a colon not a comma list
// (after a dash, "modifies, sorts and packages proteins" is a definition).
func validDefinition(def string, colon bool) bool {
	def = strings.TrimSpace(def)
	if def == "" || strings.HasSuffix(def, ":") || strings.Contains(def, "? ") || strings.HasSuffix(def, "?") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(def)
	if unicode.IsDigit(r) || r == '#' || r == '@' || strings.ContainsRune("\"“„«'>(", r) {
		return false // a number, a tag, a quotation or an aside
	}
	ln := scanLine(def)
	if ln.hasTracking() || ln.hasTruncated() {
		return false
	}
	for _, l := range ln.links {
		if l.bare || l.image {
			return false
		}
	}
	if len(ln.links) > 0 && ln.index(": ", 0) >= 0 {
		return false // "Title: [link] Other title: [link]"
	}
	if colon {
		if _, isList := commaItems(def); isList {
			return false // "Team: Priya, Tom, Ana" is a list, not a definition
		}
	}
	return ln.proseWords() >= 2 && !titleCase(ln.bareText())
}

// smallWords stay lower-case in titles.
var smallWords = setOf("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at",
	"for", "with", "by", "from", "as", "into", "vs", "via", "per")

// titleCase reports whether most words of s after the first are
// capitalised, as in the title of a work ("Attempting to Reverse-Engineer
// Factual Recall"): a title is a reference, not a definition.
func titleCase(s string) bool {
	n, caps := 0, 0
	i := -1
	for w := range strings.FieldsSeq(withoutCode(s)) {
		i++
		if i == 0 || smallWords[strings.ToLower(w)] {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
				if unicode.IsUpper(r) {
					caps++
				}
				break
			}
		}
	}
	return n >= 2 && caps*10 >= n*7
}

// hasPlural reports whether a label names several things ("process
// states", "best models ..."), as "What are the label?" needs.
func hasPlural(label string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(withoutCode(label))) {
		w = strings.Trim(w, ".,;:!?*_()\"'")
		if irregularPlurals[w] {
			return true
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
			!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			return true
		}
	}
	return false
}

var irregularPlurals = setOf("people", "children", "data", "criteria", "phenomena", "men", "women",
	"media", "feet", "teeth", "mice", "mitochondria", "bacteria", "alumni", "fungi", "nuclei", "cacti",
	"stimuli", "larvae", "vertebrae", "algae", "formulae", "indices", "matrices", "vertices", "analyses",
	"hypotheses", "theses", "crises", "diagnoses", "axes", "bases", "cilia", "flagella", "ova", "sera",
	"genera", "strata", "loci", "foci", "radii", "geese", "oxen", "lice")

// cleanTerm checks and cleans the left side of a definition line: a short
// term (at most 4 words, 6 in bold; a parenthetical gloss and a code span
// count as nothing and one word) that is not metadata ("Date", "Source",
// "Note"), not a clause (pronouns, leading conjunctions or prepositions)
// and holds no link. code reports a term that is one code span.
func cleanTerm(raw string) (term string, code bool, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(scanLine(raw).links) > 0 {
		return "", false, false
	}
	bold := strings.HasPrefix(raw, "**") || strings.HasPrefix(raw, "__")
	t := stripEmphasis(raw)
	if t == "" {
		return "", false, false
	}
	if tl := scanLine(t); len(tl.codes) == 1 && tl.codes[0].start == 0 && tl.codes[0].end == len(t) {
		if strings.TrimSpace(strings.Trim(t, "`")) == "" {
			return "", false, false
		}
		return t, true, true
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '`') || !hasLetter(t) {
		return "", false, false
	}
	core := strings.TrimSpace(dropParens(t))
	plain := withoutCode(core)
	if core == "" || strings.ContainsAny(plain, "!?;\"“”|") || strings.Contains(plain+" ", ". ") {
		return "", false, false
	}
	max := 4
	if bold {
		max = 6
	}
	if n := countWords(core); n == 0 || n > max {
		return "", false, false
	}
	if metaTerms[strings.ToLower(core)] || noteShorthand[strings.ToLower(core)] {
		return "", false, false
	}
	var buf [32]string
	words := fieldsInto(buf[:0], strings.ToLower(plain))
	if len(words) == 0 || termStartStop[words[0]] || termEndStop[words[len(words)-1]] {
		return "", false, false
	}
	if len(words) > 1 && imperatives[words[0]] {
		return "", false, false // "Set up monitoring": a task, not a term
	}
	for _, w := range words {
		if pronouns[w] {
			return "", false, false
		}
	}
	return t, false, true
}

// dropParens removes parenthesised text outside code spans.
func dropParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	ln := scanLine(s)
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inSpans(ln.codes, i) {
			if depth == 0 {
				b.WriteByte(c)
			}
			continue
		}
		switch {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// cleanLabel checks and cleans the label of a labelled list: at most 12
// words, no link, not a generic heading for links ("Resources",
// "Sections") and not a clause ("I'd suggest these next steps").
func cleanLabel(raw string) (string, bool) {
	s := strings.TrimRight(strings.TrimSpace(raw), ": \t")
	s = stripEnumeration(s)
	if len(scanLine(s).links) > 0 {
		return "", false
	}
	s = stripEmphasis(s)
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return "", false
	}
	plain := withoutCode(s)
	if strings.ContainsAny(plain, "!?;\"“”|") || strings.Contains(plain, ". ") {
		return "", false
	}
	if n := countWords(s); n == 0 || n > 12 {
		return "", false
	}
	if labelStop[strings.ToLower(s)] || !hasPlural(s) {
		return "", false
	}
	var buf [32]string
	words := fieldsInto(buf[:0], strings.ToLower(plain))
	if termStartStop[words[0]] || pronouns[words[0]] || labelEndStop[words[len(words)-1]] {
		return "", false
	}
	return lowerTitleWord(s), true
}

// labelQuestion is "What are the label?", or "What are the label of
// topic?" for a generic label ("Symptoms:" under "Asthma"); nothing for a
// generic label without a topic, or in a note not written in English.
func (g *gen) labelQuestion(label string, tp topic) (string, bool) {
	if g.lang != langEnglish {
		return "", false
	}
	the := "the "
	if strings.HasPrefix(strings.ToLower(label), "the ") {
		the = ""
	}
	if isGeneric(label) {
		t := g.topicText(tp)
		if t == "" {
			return "", false
		}
		return "What are " + the + label + " of " + t + "?", true
	}
	return "What are " + the + label + "?", true
}

// commaItems splits "a, b, and c" into at least three short items (at most
// four words each, no links, not starting like a clause).
func commaItems(s string) ([]string, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	ln := scanLine(s)
	var parts []string
	prev := 0
	for i := ln.index(",", 0); i >= 0; i = ln.index(",", i+1) {
		parts = append(parts, s[prev:i])
		prev = i + 1
	}
	if len(parts) == 0 {
		return nil, false
	}
	lastPart := strings.TrimSpace(s[prev:])
	if ll := scanLine(lastPart); !strings.HasPrefix(lastPart, "and ") && !strings.HasPrefix(lastPart, "or ") {
		if k := ll.index(" and ", 0); k > 0 {
			parts = append(parts, lastPart[:k])
			lastPart = lastPart[k+5:]
		}
	}
	parts = append(parts, lastPart)
	items := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		for _, c := range [...]string{"and ", "or ", "& "} {
			p = strings.TrimPrefix(p, c)
		}
		p = strings.TrimSpace(stripEmphasis(p))
		if p == "" || countWords(p) > 4 || isTruncated(p) {
			return nil, false
		}
		pl := scanLine(p)
		if len(pl.links) > 0 || pl.index(":", 0) >= 0 {
			return nil, false
		}
		if w := firstWord(withoutCode(p)); w == "a" || w == "an" || w == "the" || pronouns[w] {
			return nil, false
		}
		items = append(items, p)
	}
	if len(items) < 3 || len(items) > 12 {
		return nil, false
	}
	return items, true
}

// labelledList makes "What are the label?" → "a; b; c" from a label line
// and the list after it, when every item is short plain text (no links,
// timestamps, nested lists or definitions). It reports whether it did.
func (g *gen) labelledList(labelRaw string, labelLine int, list *ast.List, n ast.Node, tp topic) bool {
	label, ok := cleanLabel(labelRaw)
	if !ok || excludedTopic(label) {
		return false
	}
	if g.listAttributes(labelRaw, list, n) {
		return true
	}
	q, ok := g.labelQuestion(label, tp)
	if !ok {
		return false
	}
	items, blocks, last, ok := g.shortItems(list)
	if !ok {
		return false
	}
	for _, b := range blocks {
		g.markUsed(b)
	}
	g.add(OriginLabelledList, q, strings.Join(items, "; "), labelLine, last, n, 0.8)
	return true
}

// shortItems returns the items of a list of 2 to 10 short plain items
// (each one line, no children), the items' text blocks and the last line.
func (g *gen) shortItems(list *ast.List) (items []string, blocks []ast.Node, last int, ok bool) {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if it.ChildCount() != 1 {
			return nil, nil, 0, false
		}
		tb := it.FirstChild()
		ls := g.rawLines(tb)
		if len(ls) != 1 {
			return nil, nil, 0, false
		}
		item, ok := listItem(ls[0].text)
		if !ok {
			return nil, nil, 0, false
		}
		items = append(items, item)
		blocks = append(blocks, tb)
		last = ls[0].num
	}
	if len(items) < 2 || len(items) > 10 {
		return nil, nil, 0, false
	}
	return items, blocks, last, true
}

// listItem checks one item of a labelled list and returns it cleaned.
func listItem(s string) (string, bool) {
	s = strings.TrimRight(strings.TrimSpace(s), ".;,")
	ln := scanLine(s)
	if s == "" || len(ln.links) > 0 || isTimestamp(s) || isTruncated(s) || !hasLetter(s) {
		return "", false
	}
	if n := countWords(s); n == 0 || n > 8 {
		return "", false
	}
	if sp, ok := ln.findSep(); ok && !sp.dash {
		if _, _, isDef := definition(s[:sp.at], s[sp.at+sp.width:], sp.width == 1); isDef {
			return "", false // a list of definitions: those are the cards
		}
	}
	return stripEmphasis(s), true
}

// shorten keeps a Markdown answer within MaxAnswerWords when it can: the
// first sentence, then the longest leading clause that fits.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	if countWords(s) <= MaxAnswerWords {
		return s
	}
	ln := scanLine(s)
	if sents := sentenceSpans(s); len(sents) > 1 && !ln.inProt(sents[0].end-1) {
		s = strings.TrimSpace(s[:sents[0].end])
		ln = scanLine(s)
		if countWords(s) <= MaxAnswerWords {
			return s
		}
	}
	best := -1
	for _, d := range [...]string{", ", "; ", " — ", " – "} {
		for i := ln.index(d, 0); i >= 0; i = ln.index(d, i+1) {
			n := countWords(s[:i])
			if n > MaxAnswerWords {
				break // later clauses only get longer
			}
			if n >= 5 && i > best {
				best = i
			}
		}
	}
	if best > 0 {
		return endSentence(s[:best])
	}
	return s
}

// shortenDefinition keeps a definition whole when it is one sentence of
// at most MaxDefinitionWords words (a long definition is still one
// definition), else shortens it as shorten does.
func shortenDefinition(s string) string {
	s = strings.TrimSpace(s)
	n := countWords(s)
	if n <= MaxAnswerWords {
		return s
	}
	sents := sentenceSpans(s)
	if n <= MaxDefinitionWords && len(sents) == 1 {
		return s
	}
	// The definition is the first sentence; what follows is a remark ("if
	// population SD is unknown, use sample SD", often in lower case in a
	// note). Cutting the first sentence at a comma would leave half a
	// definition.
	end := -1
	if len(sents) > 1 {
		end = sents[0].end
	} else {
		end = lowerSentenceEnd(s)
	}
	if ln := scanLine(s); end > 0 && !ln.inProt(end-1) {
		if first := strings.TrimSpace(s[:end]); countWords(first) > MaxAnswerWords && countWords(first) <= MaxDefinitionWords {
			return first
		}
	}
	return shorten(s)
}

// lowerSentenceEnd is the end (after the period) of a first sentence that
// the next starts in lower case, as notes write: "... sample size. if
// population SD is unknown, ...". A period after a short word ("e.g.",
// "approx.", "vs.") ends none; -1 when there is no such period.
func lowerSentenceEnd(s string) int {
	for i := strings.Index(s, ". "); i > 0; {
		j := i - 1
		for j >= 0 && unicode.IsLetter(rune(s[j])) {
			j--
		}
		if i-j-1 >= 4 && i+2 < len(s) && s[i+2] >= 'a' && s[i+2] <= 'z' {
			return i + 1
		}
		k := strings.Index(s[i+1:], ". ")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return -1
}

// metaTerms are left sides of "key: value" lines that are metadata,
// admin or asides, never terms to learn.
var metaTerms = setOf("date", "time", "day", "week", "author", "authors", "by", "speaker", "speakers",
	"host", "guest", "guests", "source", "sources", "status", "tag", "tags", "link", "links", "url",
	"urls", "website", "site", "homepage", "slides", "video", "videos", "audio", "podcast", "paper",
	"papers", "pdf", "book", "github", "gitlab", "repo", "docs", "documentation", "reading", "readings",
	"read", "watched", "note", "notes", "nb", "ps", "tip", "tips", "hint", "warning", "caution",
	"important", "todo", "to do", "fixme", "update", "updated", "edit", "edited", "created", "modified",
	"last updated", "last modified", "last tested", "tested", "version", "rating", "score", "category",
	"categories", "type", "location", "venue", "instructor", "lecturer", "professor", "teacher",
	"attendees", "participants", "cc", "re", "subject", "from", "to", "error", "errors", "q", "a",
	"question", "answer", "example", "examples", "see", "see also", "resources", "references",
	"reference", "sections", "chapters", "chapter", "contents", "timestamps", "further reading",
	"related", "summary", "tldr", "tl;dr", "abstract", "conclusion", "result", "results", "output",
	"input", "alias", "aliases", "aka", "keywords", "topic", "topics", "course", "lecture",
	"module", "unit", "deadline", "due", "priority", "owner", "assignee", "project", "context",
	"background", "takeaway", "takeaways", "my take", "opinion", "verdict", "pros", "cons", "steps",
	"step", "usage", "syntax", "install", "installation", "flags", "options", "prerequisites",
	"requirements", "price", "cost", "email", "phone", "address", "twitter", "youtube", "blog",
	"blog post", "post", "article", "newsletter", "playlist", "channel", "transcript", "quote",
	"answer key", "solution", "hw", "homework", "assignment", "exam", "midterm", "final",
	"textbook", "text", "recording", "lecture video", "required reading", "recommended reading",
	// asides of meeting notes and journals
	"agenda", "decision", "decisions", "action", "actions", "action item", "action items",
	"next step", "next steps", "outcome", "blocker", "blockers", "risk", "risks", "follow-up",
	"followup", "feedback", "comment", "comments", "reminder", "plan", "problem", "issue", "fix",
	"workaround", "idea", "ideas", "thought", "thoughts", "mood", "weather", "location")

// labelStop are labels of lists that are links, outlines or admin.
var labelStop = setOf("resources", "references", "links", "link", "sections", "chapters", "timestamps",
	"contents", "table of contents", "related", "sources", "source", "see also", "further reading",
	"notes", "todo", "to do", "tags", "misc", "miscellaneous", "other", "others",
	"more", "extra", "bookmarks", "videos", "papers", "reading", "reading list",
	"attachments", "images", "screenshots", "files", "agenda", "action items", "next steps",
	"note", "update", "edit", "output", "result", "results", "questions",
	"risks", "decisions", "blockers", "attendees", "participants", "open questions", "follow-ups",
	"outcomes", "todos")

// termStartStop cannot start a term: clause openers and function words.
var termStartStop = setOf("one", "another", "in", "on", "at", "for", "with", "by", "from", "to", "of", "as", "about",
	"after", "before", "during", "since", "until", "and", "but", "or", "so", "yet", "because", "if",
	"when", "while", "although", "though", "however", "also", "then", "therefore", "thus", "hence",
	"finally", "first", "second", "third", "next", "now", "here", "there", "what", "why", "how",
	"which", "who", "where", "some", "many", "most", "all", "both", "each", "every", "any", "no",
	"not", "just", "only", "still", "even", "maybe", "perhaps", "please", "e.g", "i.e", "eg", "ie",
	"edit", "update", "following", "like", "unlike", "via", "mostly", "mainly", "basically",
	"usually", "generally", "often", "sometimes", "always", "never", "probably", "definitely",
	"actually", "really", "essentially", "honestly", "overall", "anyway", "apparently", "yes", "ok",
	"okay", "well", "sure", "yeah", "nope", "wow", "hmm")

// imperatives open a task ("Set up monitoring", "Read chapter 3"), not a
// term, when more words follow.
var imperatives = setOf("set", "add", "use", "make", "get", "run", "check", "read", "write", "do", "go",
	"try", "ask", "call", "send", "find", "look", "keep", "put", "take", "give", "install", "update",
	"remove", "create", "build", "fix", "review", "prepare", "buy", "email", "book", "finish", "start",
	"stop", "avoid", "remember", "see", "watch", "learn", "study", "practice", "practise", "revise",
	"redo", "submit", "bring", "talk", "meet", "schedule", "plan", "clean", "move", "open", "close",
	"print", "order", "pay", "reply", "follow", "post", "share", "test", "deploy", "merge", "push")

// termEndStop cannot end a term.
var termEndStop = setOf("is", "are", "was", "were", "be", "been", "the", "a", "an", "of", "to", "and",
	"or", "as", "with", "by", "for", "in", "on", "at", "following", "follows", "include", "includes",
	"including", "like", "says", "said", "means", "note", "use", "used")

// labelEndStop cannot end a label.
var labelEndStop = setOf("is", "are", "was", "were", "be", "the", "a", "an", "of", "to", "and", "or",
	"as", "with", "by", "for", "in", "on", "at", "following", "follows", "include", "includes",
	"including", "like", "says", "said")

// pronouns make a left side a clause rather than a term.
var pronouns = setOf("i", "we", "you", "he", "she", "they", "me", "us", "them", "my", "our", "your",
	"his", "her", "their", "it", "its", "this", "these", "those", "that", "i'd", "i'm", "i've",
	"i’d", "i’m", "i’ve", "we're", "you're", "they're", "it's", "it’s")
