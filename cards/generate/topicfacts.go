package generate

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Notes list facts about a topic as bare predicates under it: "## Process"
// over "- has its own address space", "User threads" over "- managed by a
// library in user space", "Group 1 - alkali metals" over "stored under
// oil". The topic is the subject the item leaves out, so the item asks
// about it: "What does a process have?", "What are user threads managed
// by?", "Where are alkali metals stored?".

// topicFact makes the card of a predicate item under a term (a heading, a
// parent item or an outline line that names a thing). It reports whether
// it made a card.
func (g *gen) topicFact(text string, first, last int, n ast.Node, tp topic) bool {
	if g.normalValue(text, first, last, n, tp) || g.codeVerb(text, first, last, n) {
		return true
	}
	if tp.kind != topicHeading && tp.kind != topicParent {
		return false
	}
	s := strings.TrimSpace(strings.TrimRight(stripEmphasis(text), ".!"))
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 18 || strings.ContainsAny(s, "?=") || strings.Contains(s, "->") ||
		strings.HasSuffix(words[0], ":") || len(scanLine(s).links) > 0 {
		return false
	}
	switch g.lang {
	case langGerman:
		return g.topicFactDE(words, first, last, n, tp)
	case langSpanish:
		return g.topicFactES(words, first, last, n, tp)
	case langEnglish:
	default:
		return false
	}
	if strings.Contains(s, ":") {
		return false
	}
	pred, ok := predicateOf(words)
	if !ok {
		return false
	}
	g.resolve(&tp)
	if tp.kind == topicNone {
		return false
	}
	subj, plural, ok := g.factSubject(tp)
	if !ok || pred.bare && !plural {
		return false
	}
	q, a := pred.question(subj, plural)
	if countWords(a) > MaxAnswerWords {
		return false
	}
	conf := pred.conf
	if sectionTitle(tp.text) {
		// "Truman's Rise to Power" over "- Chosen by ...": a section's title,
		// not the subject of its items (Truman was chosen, not the rise).
		conf = math.Min(conf, 0.6)
	}
	g.add(OriginTopicFact, q, capFirst(a), first, last, n, conf)
	return true
}

// predicate is an item read as what it says of its topic.
type predicate struct {
	kind   predKind
	verb   string // the bare verb ("have"), or the participle ("stored")
	prep   string // a preposition the question keeps ("of", "by")
	object string // the rest: the answer
	conf   float64
	bare   bool // the verb is in its bare form: the topic must be plural
}

type predKind int

const (
	predVerb       predKind = iota // "has its own address space"
	predParticiple                 // "managed by a library", "used for ..."
	predPlace                      // "stored under oil", "found in the liver"
	predCompare                    // "less reactive than group 1"
	predAge                        // "about 4.6 billion years old"
	predWhere                      // "in the mitochondrial matrix"
	predChange                     // "reactivity increases down the group"
	predCount                      // "18 groups in total"
)

// question is the predicate asked of subj.
func (p predicate) question(subj string, plural bool) (q, a string) {
	do, be := "does", "is"
	if plural {
		do, be = "do", "are"
	}
	switch p.kind {
	case predCompare:
		return "How " + do + " " + subj + " compare with " + p.prep + "?", p.object
	case predAge:
		return "How old " + be + " " + subj + "?", p.object
	case predChange:
		q = "How does " + p.verb + " change " + p.prep
		if subj != "" {
			q += " in " + subj
		}
		return q + "?", p.object
	case predCount:
		return "How many " + p.verb + " " + do + " " + subj + " have?", p.object
	case predWhere:
		if processNoun(subj) {
			return "Where " + do + " " + subj + " take place?", p.object
		}
		return "Where " + be + " " + subj + "?", p.object
	case predParticiple:
		return "What " + be + " " + subj + " " + p.verb + " " + p.prep + "?", p.object
	case predPlace:
		return "Where " + be + " " + subj + " " + p.verb + "?", p.prep + " " + p.object
	}
	q = "What " + do + " " + subj + " " + p.verb
	if p.prep != "" {
		q += " " + p.prep
	}
	return q + "?", p.object
}

// predicateOf reads the words of an item as a predicate: a verb of a
// fixed list in its third-person form, or a participle and its
// preposition.
func predicateOf(words []string) (predicate, bool) {
	if p, ok := comparison(words); ok {
		return p, true
	}
	if p, ok := age(words); ok {
		return p, true
	}
	if p, ok := location(words); ok {
		return p, true
	}
	if p, ok := change(words); ok {
		return p, true
	}
	if p, ok := totalCount(words); ok {
		return p, true
	}
	w0 := strings.ToLower(words[0])
	rest := words[1:]
	base, ok := factVerbs[w0]
	bare := !ok && bareVerbs[w0]
	if bare {
		base, ok = w0, true
	}
	if ok {
		prep := ""
		if p, ok := verbPreps[base]; ok && len(rest) > 1 && strings.ToLower(rest[0]) == p {
			prep, rest = p, rest[1:]
		} else if ok {
			return predicate{}, false // "consists" without its "of"
		} else if len(rest) > 1 && particles[strings.ToLower(rest[0])] {
			prep, rest = strings.ToLower(rest[0]), rest[1:] // "makes up", "gives off"
		}
		obj := objectText(rest)
		if emptyObjects[strings.ToLower(firstWord(obj))] {
			return predicate{}, false
		}
		if prep == "" && len(rest) > 0 && (placePreps[strings.ToLower(rest[0])] || agentPreps[strings.ToLower(rest[0])]) {
			return predicate{}, false // "block in the middle": a noun, not a verb with its object
		}
		if obj == "" || pronouns[strings.ToLower(firstWord(obj))] && strings.ToLower(firstWord(obj)) != "its" && strings.ToLower(firstWord(obj)) != "their" {
			return predicate{}, false
		}
		conf := 0.72
		if base == "have" {
			conf = 0.7 // "has" also says what a thing contains loosely
		}
		return predicate{kind: predVerb, verb: base, prep: prep, object: obj, conf: conf, bare: bare}, true
	}
	if len(rest) < 2 {
		return predicate{}, false
	}
	prep := strings.ToLower(rest[0])
	if !participle(w0) {
		return predicate{}, false
	}
	obj := objectText(rest[1:])
	if obj == "" {
		return predicate{}, false
	}
	switch {
	case placePreps[prep] && placeParticiples[w0]:
		return predicate{kind: predPlace, verb: w0, prep: prep, object: obj, conf: 0.72}, true
	case prep == "to" && infinitiveStart(rest[1]):
		// "Used to move data": a purpose, asked "What are X used for?"
		// ("What are X used to?" is no question).
		return predicate{kind: predParticiple, verb: w0, prep: "for", object: "to " + obj, conf: 0.7}, true
	case agentPreps[prep]:
		return predicate{kind: predParticiple, verb: w0, prep: prep, object: obj, conf: 0.7}, true
	}
	return predicate{}, false
}

// comparison reads "less reactive than group 1", "stricter than 3NF",
// "more stable than X": the thing compared with is what the question
// names, the whole item is the answer.
func comparison(words []string) (predicate, bool) {
	than := -1
	for i, w := range words {
		if strings.ToLower(w) == "than" {
			than = i
			break
		}
	}
	if than < 1 || than > 3 || than+1 >= len(words) {
		return predicate{}, false
	}
	w0 := strings.ToLower(words[0])
	if !(w0 == "more" || w0 == "less" || w0 == "fewer" || strings.HasSuffix(w0, "er") && len(w0) > 4 && than == 1) {
		return predicate{}, false
	}
	var ow []string
	for _, w := range words[than+1:] {
		if lw := strings.ToLower(w); placePreps[lw] || agentPreps[lw] || clauseStarts[lw] || strings.ContainsAny(w, "(,;") {
			if strings.ContainsAny(w, ",;") && !strings.HasPrefix(w, "(") {
				ow = append(ow, strings.TrimRight(w, ",;"))
			}
			break
		}
		ow = append(ow, w)
	}
	other := strings.Join(ow, " ")
	if other == "" || countWords(other) > 5 {
		return predicate{}, false
	}
	return predicate{kind: predCompare, prep: other, object: objectText(words), conf: 0.72}, true
}

// age reads "about 4.6 billion years old".
func age(words []string) (predicate, bool) {
	n := len(words)
	if n < 3 || n > 6 || strings.ToLower(strings.TrimRight(words[n-1], ".,")) != "old" {
		return predicate{}, false
	}
	unit := strings.ToLower(words[n-2])
	if unit != "years" && unit != "days" && unit != "months" && unit != "weeks" && unit != "centuries" {
		return predicate{}, false
	}
	if !isNumberText(strings.Join(words[:n-2], " ")) {
		return predicate{}, false
	}
	return predicate{kind: predAge, object: strings.Join(words[:n-1], " "), conf: 0.75}, true
}

// location reads a bare place: "in the mitochondrial matrix", "on the
// inner membrane".
func location(words []string) (predicate, bool) {
	w0 := strings.ToLower(words[0])
	if w0 != "in" && w0 != "on" && w0 != "at" && w0 != "inside" && w0 != "within" || len(words) > 8 || len(words) < 3 {
		return predicate{}, false
	}
	if w1 := strings.ToLower(words[1]); w1 != "the" && w1 != "a" && w1 != "an" {
		return predicate{}, false // "in practice", "in 1990", "on purpose": not a place
	}
	s := objectText(words)
	if s == "" || strings.ContainsAny(s, ",;") {
		return predicate{}, false
	}
	return predicate{kind: predWhere, object: s, conf: 0.72}, true
}

// change reads "reactivity increases down the group": a quantity (one or
// two words, no article) and the way it changes, with its condition.
func change(words []string) (predicate, bool) {
	k := -1
	for i, w := range words[:min(3, len(words))] {
		if changeVerbs[strings.ToLower(w)] {
			k = i
			break
		}
	}
	if k < 1 || k+1 >= len(words) {
		return predicate{}, false
	}
	for _, w := range words[:k] {
		if lw := strings.ToLower(w); smallWords[lw] || pronouns[lw] || subjectStop[lw] || !hasLetter(w) {
			return predicate{}, false
		}
	}
	cond := objectText(words[k+1:])
	if i := strings.Index(cond, " ("); i > 0 {
		cond = cond[:i]
	}
	if c0 := strings.ToLower(firstWord(cond)); !changeConditions[c0] || countWords(cond) > 6 {
		return predicate{}, false // "increases" with no "down/with/as ...": nothing to ask
	}
	quantity := strings.ToLower(strings.Join(words[:k], " "))
	obj := strings.ToLower(words[k]) + " " + objectText(words[k+1:]) // "DEcreases" -> "decreases"
	return predicate{kind: predChange, verb: quantity, prep: cond, object: obj, conf: 0.72}, true
}

var changeVerbs = setOf("increases", "decreases", "rises", "falls", "drops", "grows", "shrinks", "declines")

// changeConditions open the condition of a change: "down the group",
// "with temperature", "as pressure rises".
var changeConditions = setOf("down", "up", "across", "along", "with", "as", "when", "at", "over", "during")

// totalCount reads "18 groups in total", "206 bones altogether": how many of
// a thing the topic has.
func totalCount(words []string) (predicate, bool) {
	n := len(words)
	if n < 3 || n > 6 || !allDigits(strings.ReplaceAll(words[0], ",", "")) {
		return predicate{}, false
	}
	k := n
	switch strings.ToLower(strings.Join(words[n-2:], " ")) {
	case "in total", "in all":
		k = n - 2
	default:
		switch strings.ToLower(words[n-1]) {
		case "total", "altogether", "overall":
			k = n - 1
		default:
			return predicate{}, false
		}
	}
	noun := strings.ToLower(strings.Join(words[1:k], " "))
	if k < 2 || countWords(noun) > 3 || !isPluralWord(lastWord(noun)) {
		return predicate{}, false
	}
	return predicate{kind: predCount, verb: noun, object: words[0], conf: 0.72}, true
}

// processNoun reports a noun phrase that names a process, which "takes
// place" somewhere rather than "is" there.
func processNoun(np string) bool {
	w := strings.ToLower(lastWord(np))
	for _, suf := range [...]string{"sis", "tion", "ing", "cycle", "chain", "pathway", "reaction", "ment"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// objectText is the answer part of a predicate: up to a clause break
// (";", " - ") and without a trailing aside.
func objectText(words []string) string {
	s := strings.Join(words, " ")
	for _, sep := range [...]string{"; ", " - ", " – ", " — "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(strings.TrimRight(s, ",;"))
	if !hasLetter(s) && !startsWithDigit(s) {
		return ""
	}
	return s
}

// participle reports a past participle: a regular "-ed" form or a common
// irregular one.
func participle(w string) bool {
	if irregularParticiples[w] {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 3 && !notParticiples[w]
}

var irregularParticiples = setOf("made", "built", "found", "held", "known", "written", "driven", "given",
	"taken", "shown", "seen", "kept", "led", "bound", "thrown", "grown", "drawn", "hidden", "done",
	"sent", "spread", "set", "put", "run", "broken", "chosen", "spoken", "worn", "born", "borne",
	"paid", "sold", "told", "brought", "caught", "taught", "fed", "read", "split", "won")

// notParticiples end in -ed without being verbs.
var notParticiples = setOf("speed", "seed", "breed", "bleed", "need", "feed", "shed", "bed", "red",
	"hundred", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "beloved", "learned")

// placeParticiples say where a thing is: the question asks "Where".
var placeParticiples = setOf("stored", "located", "found", "kept", "situated", "placed", "produced",
	"made", "synthesised", "synthesized", "absorbed", "secreted", "released", "formed", "held",
	"positioned", "housed", "based", "used", "spoken", "grown", "mined", "built", "saved", "written")

var placePreps = setOf("in", "at", "on", "under", "inside", "within", "near", "into", "onto", "between",
	"behind", "above", "below")

// agentPreps keep their participle's question: "What are user threads
// managed by?", "What is X used for?".
var agentPreps = setOf("by", "for", "from", "of", "with", "as", "to", "into", "via")

// factVerbs maps the third-person forms an item may start with to their
// bare form. They are verbs whose object is the fact ("returns 0 in the
// child"); verbs of opinion or of change without an object are left out.
var factVerbs = func() map[string]string {
	m := map[string]string{"has": "have", "does": "do", "goes": "go"}
	for _, v := range [...]string{"need", "return", "form", "create", "contain", "make", "produce",
		"require", "cause", "use", "store", "give", "take", "hold", "keep", "run", "provide", "allow",
		"carry", "convert", "control", "regulate", "release", "absorb", "bind", "transport", "prevent",
		"include", "support", "receive", "send", "map", "break", "block", "inhibit", "activate",
		"trigger", "secrete", "synthesize", "synthesise", "consist", "depend", "belong", "lead",
		"act", "protect", "measure", "represent", "describe", "define", "determine", "encode",
		"replace", "remove", "add", "generate", "translate", "link", "connect", "join", "split",
		"combine", "transmit", "accept", "reject", "emit", "supply", "drive", "limit", "lower",
		"raise", "increase", "decrease", "reduce", "stimulate", "promote", "mediate", "catalyse",
		"catalyze", "destroy", "kill", "attack", "infect", "target", "treat", "detect", "hide",
		"expose", "yield", "output", "consume", "lack", "share", "own", "rule", "govern", "border",
		"orbit", "mark", "show", "list", "track", "manage", "schedule", "handle", "sort", "compare",
		"check", "verify", "sign", "encrypt", "decrypt", "compress", "cache", "load", "save", "write",
		"read", "print", "call", "invoke", "wrap", "guarantee", "ensure", "avoid", "cover", "surround", "exist", "serve", "differ", "derive", "record", "sit", "lie", "live",
		"occur", "reside", "filter", "apply", "wrap", "allocate", "free", "hash", "parse", "render",
		"match", "resolve", "forward", "route", "broadcast", "announce", "request", "respond", "pump",
		"digest", "excrete", "filter", "secrete", "pump"} {
		m[thirdPerson(v)] = v
	}
	return m
}()

// bareVerbs are the bare forms of factVerbs, which items under a plural
// topic start with ("Plasma cells" over "- secrete antibodies").
var bareVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, base := range factVerbs {
		m[base] = true
	}
	return m
}()

// verbPreps are the verbs that need their preposition in the question
// ("What does a molecule consist of?").
var verbPreps = map[string]string{"consist": "of", "depend": "on", "belong": "to", "lead": "to",
	"act": "as", "go": "to", "exist": "as", "serve": "as", "differ": "from", "derive": "from"}

// emptyObjects say nothing to learn as an answer.
var emptyObjects = setOf("nothing", "none", "everything", "anything", "something", "stuff", "things", "it", "this", "that")

// particles make phrasal verbs: "makes up", "gives off".
var particles = setOf("up", "out", "off", "down", "away", "back")

// thirdPerson is the third-person singular of a regular bare verb.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "y") && len(v) > 2 && isConsonant(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") ||
		strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") || strings.HasSuffix(v, "o"):
		return v + "es"
	}
	return v + "s"
}

// factSubject is the topic as the subject of a question: "a process",
// "user threads", "fork()". A heading or parent "Group 1 - alkali metals"
// names its thing after the dash; a parent that is a sentence about a
// code name ("fork() creates a child process") gives the code name.
func (g *gen) factSubject(tp topic) (subj string, plural, ok bool) {
	raw := strings.TrimRight(strings.TrimSpace(stripEmphasis(tp.text)), ":")
	if tp.kind == topicHeading {
		raw = stripEnumeration(raw)
	}
	for _, sep := range [...]string{" - ", " – ", " — "} {
		if _, after, found := strings.Cut(raw, sep); found {
			raw = after
		}
	}
	if w := strings.Fields(raw); len(w) > 1 && (strings.HasSuffix(w[0], "()") || strings.HasPrefix(w[0], "`")) {
		raw = w[0]
	}
	if strings.ContainsAny(raw, "=>→?") || excludedTopic(raw) {
		return "", false, false
	}
	if w := strings.Fields(raw); len(w) > 1 {
		if _, pred := predicateOf(w); pred || hasOwnVerb(w) {
			return "", false, false // the parent is a fact itself ("produces bile")
		}
	}
	term, code, ok := cleanTerm(raw)
	if !ok || isGeneric(term) || countWords(term) > 4 || isSingleWord(term) && g.adjective(term) {
		return "", false, false
	}
	if code || strings.HasSuffix(term, "()") {
		return term, false, true
	}
	if w := strings.ToLower(firstWord(term)); pronouns[w] || termStartStop[w] || clauseStarts[w] {
		return "", false, false
	}
	subj, plural = g.nounPhrase(term)
	if subj == term && capitalised(term) && g.writesThe(term) {
		subj = "the " + term // "the Sun", as the note writes it
	}
	if a, rest, _ := strings.Cut(subj, " "); (a == "a" || a == "an") && g.writesThe(rest) {
		subj = "the " + rest // "below the stomach": one organ, not a kind of thing
	}
	return subj, plural, true
}

// writesThe reports whether the note writes "the <name>" (lower-case
// "the" inside a sentence), so the name takes the article in a question.
func (g *gen) writesThe(name string) bool {
	for _, the := range [...]string{"the ", "The "} {
		for _, end := range [...]string{" ", ",", ".", ";"} {
			if bytes.Contains(g.src, []byte(the+name+end)) {
				return true
			}
		}
	}
	return false
}

var timeNouns = setOf("interval", "duration", "time", "period", "length", "latency", "delay")

// normalValue reads a reference value, "PR interval normal 0.12–0.20 s",
// "QRS normally < 0.12 s": "What is the normal PR interval?". Lab and
// clinical notes list normal ranges this way; the value needs a digit.
func (g *gen) normalValue(text string, first, last int, n ast.Node, tp topic) bool {
	if g.lang != langEnglish || !strings.Contains(text, "normal") {
		return false
	}
	words := strings.Fields(strings.TrimSpace(stripEmphasis(text)))
	k := -1
	for i, w := range words {
		if lw := strings.ToLower(strings.Trim(w, ":,")); lw == "normal" || lw == "normally" {
			k = i
			break
		}
	}
	if k < 1 || k > 4 || k+1 >= len(words) || len(words)-k-1 > 6 {
		return false
	}
	value := strings.TrimLeft(strings.Join(words[k+1:], " "), ": ")
	if strings.HasPrefix(value, "is ") || strings.HasPrefix(value, "= ") {
		value = value[strings.IndexByte(value, ' ')+1:]
	}
	if !isNumberText(value) || strings.ContainsAny(value, "()") {
		return false
	}
	term := strings.Join(words[:k], " ")
	if strings.ContainsAny(term, ",;:=()") || pronouns[strings.ToLower(words[0])] || clauseStarts[strings.ToLower(words[0])] {
		return false
	}
	if u := strings.ToLower(lastWord(value)); (u == "s" || u == "ms" || u == "sec" || u == "min") && !timeNouns[strings.ToLower(lastWord(term))] {
		term += " duration" // "QRS normally < 0.12 s": the normal QRS duration
	}
	value = strings.Replace(value, "< ", "less than ", 1)
	value = strings.Replace(value, "> ", "more than ", 1)
	if w := words[0]; len(w) > 1 && g.writtenLower(strings.ToLower(w)) {
		term = lowerTitleWord(term) // "Sodium normal ...", but "P wave" keeps its letter
	}
	g.resolve(&tp)
	if countWords(term) <= 2 && (tp.kind == topicHeading || tp.kind == topicParent) {
		// "pH normally 1.5–3.5" under "Stomach": the pH of the stomach
		if subj, plural, ok := g.factSubject(tp); ok && !plural { // not "of lab values": a list, not a thing
			if a, rest, found := strings.Cut(subj, " "); found && (a == "a" || a == "an") {
				subj = "the " + rest
			}
			term += " of " + subj
		}
	}
	g.add(OriginTopicFact, "What is the normal "+term+"?", capFirst(value), first, last, n, 0.72)
	return true
}

// codeVerb reads an item that opens with a code name and a fact verb:
// "`compare` returns LT, EQ or GT" -> "What does `compare` return?".
func (g *gen) codeVerb(text string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish || !strings.HasPrefix(text, "`") {
		return false
	}
	end := strings.IndexByte(text[1:], '`')
	if end <= 0 {
		return false
	}
	code, rest := text[:end+2], strings.Fields(text[end+2:])
	if len(rest) < 2 {
		return false
	}
	base, ok := factVerbs[strings.ToLower(rest[0])]
	if !ok {
		return false
	}
	q := "What does " + code + " " + base
	obj := rest[1:]
	if p, ok := verbPreps[base]; ok {
		if !strings.EqualFold(obj[0], p) || len(obj) < 2 {
			return false
		}
		q, obj = q+" "+p, obj[1:]
	}
	a := objectText(obj)
	if a == "" || countWords(a) > MaxAnswerWords || len(scanLine(a).links) > 0 || emptyObjects[strings.ToLower(firstWord(a))] {
		return false
	}
	g.add(OriginTopicFact, q+"?", capFirst(a), first, last, n, 0.72)
	return true
}

// sectionTitle reports a topic written as a section's title rather than
// a thing: a possessive ("Kennan's Telegram", "Truman's Rise to Power"), or
// title case with a function word after a plural or a gerund ("Causes of
// Containment", "Spinning the Marshall Plan"). Its items state facts about
// people and things the title only names, so it is no subject for them.
// "Data Transfer Instructions" and "Law of Demand" are things.
func sectionTitle(t string) bool {
	t = strings.TrimSpace(stripEmphasis(t))
	if strings.Contains(t, "'s ") || strings.Contains(t, "’s ") {
		return true
	}
	words := strings.Fields(t)
	if len(words) < 3 {
		return false
	}
	first := strings.ToLower(words[0])
	if !strings.HasSuffix(first, "ing") && !isPluralWord(first) {
		return false
	}
	function := false
	for _, w := range words[1:] {
		switch {
		case smallTitleWords[strings.ToLower(w)]:
			function = true
		case !capitalised(w):
			return false
		}
	}
	return function && capitalised(words[0])
}

var smallTitleWords = setOf("a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "from")

// infinitiveStart reports a word that can open an infinitive after "to": a
// lower-case word that is no determiner or number ("to move data", not
// "to the kidney").
func infinitiveStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r) && !determiners[strings.ToLower(w)] && !pronouns[strings.ToLower(w)]
}
