package generate

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
)

// A card is reviewed on its own, weeks after the note was read: "What is a
// body?" or "cool climate -> ?" cannot be answered without the note's
// subject (wine), though the note never repeats it on the line. Short
// terms, which are the ambiguous ones, and the left side of an arrow,
// which says nothing of what the arrow relates, name their topic (the
// parent item, the label or the nearest usable heading) in the question.

// topicName is how a card's question names its topic: in parentheses
// after a short term, or before an arrow's left side.
type topicName struct {
	topic, term string
	prefix      bool
}

// namingTopic is the topic a card about term names: the block's topic
// (parent item, label or nearest usable heading), or, when term already
// says that one ("cool climate" under "Climate"), the next heading up that
// it does not say ("Wine grapes"). Empty when there is none.
func (g *gen) namingTopic(tp topic, term string) string {
	g.resolve(&tp)
	unsaid := func(c string) string {
		if t := cleanTopic(c); t != "" && !mentionsTopic(term, displayTopic(t)) {
			return t
		}
		return ""
	}
	if t := unsaid(tp.text); t != "" {
		return t
	}
	for _, h := range slices.Backward(tp.headings) {
		if t := unsaid(h); t != "" {
			return t
		}
	}
	return ""
}

// name records the topic the last card added names, as the note writes
// it; outside English a first letter is capitalised (German nouns).
func (g *gen) name(t topicName) {
	if t.topic = displayTopic(t.topic); t.topic == "" {
		return
	}
	if g.lang != langEnglish {
		t.topic = capFirst(t.topic)
	}
	if g.named == nil {
		g.named = map[int]topicName{}
	}
	g.named[len(g.out)-1] = t
}

// apply returns q naming the topic (q itself for the zero topicName).
func (t topicName) apply(q string) string {
	switch {
	case t.topic == "":
		return q
	case t.prefix:
		return topicPrefix(q, t.term, t.topic)
	}
	return namedTopic(q, t.term, t.topic)
}

// namedTopic returns q with topic in parentheses right after the term
// ("What is a body (tasting terms)?", "What is C0 equal to?" -> "What is
// C0 (LSM tree) equal to?"; before the final question mark when q does
// not write the term as given), when term is short (at most two words)
// and neither term nor q already says the topic. Generic facet words
// already say "of <topic>" and are not named again.
func namedTopic(q, term, topic string) string {
	if topic == "" || countWords(term) > 2 || countWords(topic) > 3 || mentionsTopic(q, topic) || strings.Contains(q, "(") {
		return q
	}
	if i := wordIndex(q, term); i >= 0 {
		end := i + len(term)
		for _, close := range [...]string{"“", "»", " »", "\""} { // a quoted term: after the quote
			if strings.HasPrefix(q[end:], close) {
				end += len(close)
				break
			}
		}
		return q[:end] + " (" + topic + ")" + q[end:]
	}
	end := "?"
	if strings.HasSuffix(q, " ?") {
		end = " ?" // French spacing
	} else if !strings.HasSuffix(q, "?") {
		return q
	}
	return strings.TrimSuffix(q, end) + " (" + topic + ")" + end
}

// topicPrefix returns an arrow card's question led by its topic, "Wine:
// cool climate -> ?", unless the left side names the topic already.
func topicPrefix(q, left, topic string) string {
	if topic == "" || countWords(topic) > 3 || mentionsTopic(left, topic) {
		return q
	}
	return capFirst(topic) + ": " + q
}

// mentionsTopic reports whether s already names the topic: they share a
// word ("process" under "Processes, threads and scheduling"), or one holds
// the other.
func mentionsTopic(s, topic string) bool {
	ls, lt := strings.ToLower(stripEmphasis(s)), strings.ToLower(topic)
	if strings.Contains(ls, lt) || strings.Contains(lt, ls) {
		return true
	}
	var topicWords []string
	for _, w := range strings.Fields(lt) {
		if w = strings.Trim(w, topicTrim); len(w) > 2 {
			topicWords = append(topicWords, w)
		}
	}
	for _, w := range strings.Fields(ls) {
		w = strings.Trim(w, topicTrim)
		for _, t := range topicWords {
			if sameWord(w, t) || sameWord(singular(w), singular(t)) {
				return true
			}
		}
	}
	return false
}

const topicTrim = ".,;:()?¿!¡«»„“\""

// sameWord reports two forms of one word: equal, or one the other with a
// plural or case ending of at most two letters ("volcano", "volcanoes").
func sameWord(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || len(a) >= 4 && len(b)-len(a) <= 2 && strings.HasPrefix(b, a)
}

// sectionName reports a heading that names a part of a note rather than
// a subject: one of terminologyHeadings, also numbered ("Details 2"), or
// ending in one of sectionHeads ("Addressing recap").
func sectionName(low string) bool {
	f := strings.Fields(low)
	for len(f) > 1 && startsWithDigit(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	return len(f) > 0 && (terminologyHeadings[strings.Join(f, " ")] || sectionHeads[f[len(f)-1]])
}

var sectionHeads = setOf("recap", "summary", "overview", "intro", "introduction", "details", "basics",
	"terms", "glossary", "vocabulary", "definitions", "takeaways", "zusammenfassung", "überblick",
	"ideas", "concepts", "points", "notes", "topics", // "Important ideas", "Main points"
	"resumen", "resumé", "résumé")

// terminologyHeadings name a list of terms rather than a subject
// ("Begriffe", "Vocabulaire"; headings ending in one of sectionHeads,
// "Key terms", are caught by their last word): no topic to name; the
// heading above them is.
var terminologyHeadings = setOf("terminology", "vocab", "concepts", "key concepts", "key ideas",
	// and section names that say nothing of the subject
	"core idea", "main idea", "main ideas", "big idea", "big ideas", "key points", "tl;dr", "tldr",
	"begriffe", "grundbegriffe", "wichtige begriffe", "definitionen", "wortschatz", "vokabeln",
	"vocabulaire", "termes", "définitions", "notions", "notions clés", "vocabulario", "términos",
	"conceptos", "conceptos clave", "definiciones", "glosario")

// displayTopic is a topic as a question shows it: quotes, emoji and other
// symbols dropped ("The "international" grapes 🍷" is "international
// grapes"), and no leading article.
func displayTopic(topic string) string {
	var b strings.Builder
	for _, r := range topic {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("-–'’&,./+#", r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	for _, a := range [...]string{"the ", "The "} {
		t = strings.TrimPrefix(t, a)
	}
	return strings.Trim(t, " ,.-–")
}

// wordIndex is the index of term in q as whole words (not "hat" in
// "What"), or -1.
func wordIndex(q, term string) int {
	if term == "" {
		return -1
	}
	for from := 0; ; {
		i := strings.Index(q[from:], term)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(q[:i])
		after, _ := utf8.DecodeRuneInString(q[i+len(term):])
		if (i == 0 || !unicode.IsLetter(before)) && !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			return i
		}
		from = i + len(term)
	}
}

// contextNamed returns the question of a card whose rule named no topic,
// naming the nearest heading of its context that it does not already
// say, for the kinds of card that need one: an acronym of at most three
// letters ("What does CO stand for?" is carbon monoxide to most readers;
// longer acronyms are rarely ambiguous), the note's own questions and
// "Why ...?" cards ("What's the main claim?"), and lists asked by their
// label ("What are the private ranges?").
func (g *gen) contextNamed(c cards.Card) string {
	var term string
	prefix := false
	switch c.Origin {
	case OriginAbbreviation:
		if term = acronymOf(c.Question); term == "" || utf8.RuneCountInString(term) > 3 {
			return c.Question
		}
	case OriginQuestionItem, OriginReason:
		if countWords(c.Question) > 6 {
			return c.Question // a long question usually says what it is about
		}
		prefix = true
	case OriginSentence, OriginTopicDefinition:
		// "What is voice?" from "Voice is the constructive expression of
		// disagreement": one common word means many things outside its
		// note, so the question names the note's own subject, its
		// outermost heading ("What is voice (Communication)?").
		_, t, _ := definedTerm(c.Question)
		if g.lang != langEnglish || t == "" || !isSingleWord(t) || capitalised(t) || isPluralWord(t) {
			return c.Question
		}
		for i := range c.Context {
			top := displayTopic(cleanTopic(c.Context[i]))
			if top == "" {
				continue
			}
			if mentionsTopic(c.Question, top) || mentionsTopic(c.Answer, top) {
				return c.Question // the note is about the term itself, or the answer says where it belongs
			}
			return namedTopic(c.Question, t, top)
		}
		return c.Question
	case OriginLabelledList, OriginTopicChildren:
		// "What are the private ranges?": only a short label needs its topic.
		if term = listLabel(c.Question); term == "" || countWords(term) > 2 {
			return c.Question
		}
	default:
		return c.Question
	}
	for i := len(c.Context) - 1; i >= 0; i-- {
		t := displayTopic(cleanTopic(c.Context[i]))
		if t == "" || mentionsTopic(c.Question, t) || mentionsTopic(c.Answer, t) && i > 0 {
			continue // said already, or the expansion says it ("RBF: renal blood flow" under "Renal blood flow"): look higher
		}
		if g.lang != langEnglish {
			t = capFirst(t)
		}
		if prefix {
			return topicPrefix(c.Question, c.Question, t)
		}
		return namedTopic(c.Question, term, t)
	}
	return c.Question
}

// listLabel is the X of "What are the X?", or "".
func listLabel(q string) string {
	if !strings.HasPrefix(q, "What are the ") || !strings.HasSuffix(q, "?") {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(q, "What are the "), "?")
}

// acronymOf is the abbreviation a standFor question asks about.
func acronymOf(q string) string {
	for _, p := range [...][2]string{{"What does ", " stand for?"}, {"Wofür steht ", "?"}, {"¿Qué significa ", "?"}, {"Que signifie ", " ?"}} {
		if strings.HasPrefix(q, p[0]) && strings.HasSuffix(q, p[1]) {
			a := strings.TrimSuffix(strings.TrimPrefix(q, p[0]), p[1])
			if a != "" && !strings.Contains(a, " ") && !strings.ContainsAny(a, "«»„“") {
				return a
			}
		}
	}
	return ""
}
