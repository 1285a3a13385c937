package generate

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// English prose gives reasons with "so" and "because": "Accounting profit
// only subtracts explicit costs, so accounting profit is usually higher",
// "Noble gases are very unreactive because they have a full outer shell".
// When the effect is a clause with an auxiliary after a plain subject, it
// turns into a why-question by moving the auxiliary to the front ("Why is
// accounting profit usually higher ...?"), and the cause is the answer.

// reasonSentences runs the reason rule over the sentences of a block.
func (g *gen) reasonSentences(n ast.Node) {
	if g.lang != langEnglish || !g.blockHas(n, mayGiveReason) {
		return
	}
	pt := g.plain(n)
	if i := strings.IndexByte(pt.text, ':'); i > 0 && metaLabel(pt.text[:i]) {
		return // "My take: ...": the writer's view, not the subject's
	}
	_, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, strings.TrimSpace(ps.text)
		if metaText(sent) {
			continue
		}
		if q, a, conf, ok := g.reasonCard(sent); ok {
			first := g.doc.LineOf(pt.srcOffset(sp.start))
			last := g.doc.LineOf(pt.srcOffset(max(sp.start, sp.end-1)))
			g.add(OriginReason, q, a, first, last, n, conf)
		}
	}
}

// mayGiveReason is the pre-filter over raw bytes.
func mayGiveReason(b []byte) bool {
	return bytes.Contains(b, []byte(", so ")) || bytes.Contains(b, []byte(" because "))
}

// reasonCard reads "cause, so effect" or "effect because cause".
func (g *gen) reasonCard(sent string) (q, a string, conf float64, ok bool) {
	s := strings.TrimRight(strings.TrimSpace(sent), ".!")
	if strings.ContainsAny(s, "?()[]\"“”") || strings.Count(s, ", so ")+strings.Count(s, " because ") != 1 {
		return "", "", 0, false // a question, an aside, a quote, or reasons chained
	}
	if i := strings.Index(s, ", so "); i > 0 {
		cause, effect := s[:i], s[i+len(", so "):]
		if startsWithAny(effect, "that ", "far ", "much ", "many ", "long ", "to ") {
			return "", "", 0, false // "so that" is a purpose, "so far" a time
		}
		q, ok := g.whyQuestion(effect)
		if !ok || !causeClause(cause) {
			return "", "", 0, false
		}
		conf := 0.75
		if subjectNouns(effect) < 2 {
			// "so the island is volcanically active", "so writes are
			// cheaper": a one-word subject leans on the cause for what it is.
			conf = 0.65
		}
		return q, capFirst(cause) + ".", conf, true
	}
	i := strings.Index(s, " because ")
	if i <= 0 {
		return "", "", 0, false
	}
	effect, cause := strings.TrimRight(s[:i], ", "), s[i+len(" because "):]
	cause = strings.TrimPrefix(cause, "of ") // "because of the greenhouse effect"
	q, ok = g.whyQuestion(effect)
	if !ok || !causeClause(cause) {
		return "", "", 0, false
	}
	// The effect opens the sentence, so its subject is often a generic
	// word the note's topic completes ("Main risk is stroke"): doubtful.
	return q, capFirst(cause) + ".", 0.65, true
}

// reasonAux are the auxiliaries a why-question moves to its front.
var reasonAux = setOf("is", "are", "was", "were", "can", "could", "will", "would", "must", "should",
	"has", "have", "had", "cannot")

// whyQuestion turns "subject aux rest" into "Why aux subject rest?": the
// subject is one to five plain words, the first of them not a pronoun or
// a clause opener.
func (g *gen) whyQuestion(effect string) (string, bool) {
	w := strings.Fields(effect)
	if len(w) < 3 || len(w) > 18 {
		return "", false
	}
	k := 0
	for k < len(w) && k <= 5 && !reasonAux[strings.ToLower(w[k])] {
		k++
	}
	if k == 0 || k > 5 || k >= len(w)-1 {
		return "", false
	}
	if last := strings.ToLower(w[len(w)-1]); last == "one" || last == "ones" {
		return "", false // "a bitter one": "one" stands for a noun said elsewhere
	}
	first := strings.ToLower(w[0])
	if pronouns[first] || clauseOpeners[first] || first == "there" {
		return "", false
	}
	for _, x := range w[:k] {
		if l := strings.ToLower(x); !plainWord(x) || pronouns[l] || clauseOpeners[l] {
			return "", false
		}
	}
	subject := append([]string(nil), w[:k]...)
	if g.writtenLower(first) || determiners[first] {
		subject[0] = first
	}
	aux := strings.ToLower(w[k])
	if aux == "cannot" {
		// "Why can the kernel not ...?"
		return "Why can " + strings.Join(subject, " ") + " not " + strings.Join(w[k+1:], " ") + "?", true
	}
	return "Why " + aux + " " + strings.Join(subject, " ") + " " + strings.Join(w[k+1:], " ") + "?", true
}

// subjectNouns counts the words before the effect's auxiliary, not
// counting determiners.
func subjectNouns(effect string) int {
	n := 0
	for _, x := range strings.Fields(effect) {
		l := strings.ToLower(x)
		if reasonAux[l] {
			break
		}
		if !determiners[l] {
			n++
		}
	}
	return n
}

// causeClause checks the cause: a few words to a full clause, not an
// aside or a pronoun alone.
func causeClause(s string) bool {
	n := countWords(s)
	if n < 3 || n > 25 || !hasLetter(s) {
		return false
	}
	return !clauseOpeners[strings.ToLower(firstWord(s))]
}

// plainWord is a subject word: letters, digits, hyphens and apostrophes,
// no punctuation that would make the subject a clause or a list.
func plainWord(x string) bool {
	for _, r := range x {
		if !(r == '-' || r == '\'' || r == '’' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != '–' && r != '—') {
			return false
		}
	}
	return x != ""
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// clauseOpeners start a subordinate clause or a connective, never a
// subject a question can take.
var clauseOpeners = setOf("if", "when", "while", "although", "though", "since", "as", "and", "but", "or",
	"then", "thus", "hence", "therefore", "also", "because", "so", "that", "which", "who", "where", "whereas",
	"unless", "until", "after", "before", "once", "e.g", "i.e", "eg", "ie", "note", "nb")
