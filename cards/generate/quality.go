package generate

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
)

// MaxAnswerWords is the longest answer Check accepts, in words (a code span,
// URL or identifier counts as one word).
const MaxAnswerWords = 20

// MaxDefinitionWords is the longest answer Check accepts from a rule that
// copies one whole definition or list (definitions, labelled lists, table
// cells, question items), in words.
const MaxDefinitionWords = 40

// DuplicateThreshold is the Jaccard similarity of two cards' stemmed
// question-and-answer words at or above which Dedupe drops the later card.
const DuplicateThreshold = 0.8

// The reasons Check rejects a card; test with errors.Is.
var (
	ErrEmpty    = errors.New("empty side")
	ErrLeak     = errors.New("answer leaks into the question")
	ErrCompound = errors.New("question asks more than one thing")
	ErrTooLong  = errors.New("answer too long")
	ErrDangling = errors.New("question's subject is a pronoun without antecedent")
)

// Rejection is a candidate card that a generator turned away, and why.
type Rejection struct {
	Card   cards.Card
	Reason string
}

// Check applies the quality checks every generator shares: both sides
// non-empty, the answer not given away by the question, one question only
// (no " and why ...", ";" or several question marks), an answer of at most
// MaxAnswerWords words, and no it/this/that/these/they as the question's
// subject (with no antecedent on a flashcard, it means nothing).
func Check(c cards.Card) error {
	return check(c, contentStems(c.Question), contentStems(c.Answer))
}

// check is Check with the stems of the question and answer already known.
func check(c cards.Card, qStems, aStems []string) error {
	q, a := strings.TrimSpace(c.Question), strings.TrimSpace(c.Answer)
	nq, na := normalize(q), normalize(a)
	if nq == "" {
		return fmt.Errorf("%w: the question has no words", ErrEmpty)
	}
	if na == "" {
		return fmt.Errorf("%w: the answer has no words", ErrEmpty)
	}
	qs, nqs := q, nq
	if strings.Contains(q, "`") {
		qs = withoutCode(q)
		nqs = normalize(qs)
	}
	if n := strings.Count(qs, "?"); n > 1 {
		return fmt.Errorf("%w: %d question marks", ErrCompound, n)
	}
	if strings.Contains(qs, ";") {
		return fmt.Errorf("%w: a semicolon joins two questions", ErrCompound)
	}
	var buf [32]string
	qw := fieldsInto(buf[:0], nqs)
	for i := 0; i+1 < len(qw); i++ {
		if (qw[i] == "and" || qw[i] == "or") && (whWords[qw[i+1]] || auxWords[qw[i+1]] && i+2 < len(qw) && subjectPronouns[qw[i+2]]) {
			return fmt.Errorf("%w: %q joins two questions", ErrCompound, qw[i]+" "+qw[i+1])
		}
	}
	if n, max := answerWords(a), maxAnswerWords(c.Origin); n > max {
		return fmt.Errorf("%w: %d words (at most %d)", ErrTooLong, n, max)
	}
	if p := danglingSubject(qw); p != "" {
		return fmt.Errorf("%w: %q", ErrDangling, p)
	}
	if c.Kind != cards.KindCloze && leaks(nq, na, qStems, aStems) {
		return fmt.Errorf("%w: %q", ErrLeak, a)
	}
	return nil
}

// normalize folds text exactly as cards.Normalize does (letters and digits,
// lower-cased, single spaces) with one allocation and an ASCII fast path.
//
// It is a small wrapper so that it inlines: the buffer then need not
// outlive the call, and short texts fold on the caller's stack.
func normalize(s string) string { return string(appendNormalized(make([]byte, 0, len(s)), s)) }

// appendNormalized appends normalize(s) to b, which must be empty.
func appendNormalized(b []byte, s string) []byte {
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// withoutCode replaces code spans with a neutral word so their contents
// (";", "?", "this") do not count as the question's own text.
func withoutCode(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	ln := scanLine(s)
	if len(ln.codes) == 0 {
		return s
	}
	var b strings.Builder
	prev := 0
	for _, c := range ln.codes {
		b.WriteString(s[prev:c.start])
		b.WriteString("code")
		prev = c.end
	}
	b.WriteString(s[prev:])
	return b.String()
}

// maxAnswerWords is the answer length Check allows a card of origin.
func maxAnswerWords(origin string) int {
	switch origin {
	case OriginDefinition, OriginLabelledList, OriginTopicChildren, OriginQuestionItem, OriginTable, OriginCloze:
		return MaxDefinitionWords
	}
	return MaxAnswerWords
}

// answerWords counts the words of an answer; fence lines of a code block
// do not count.
func answerWords(a string) int {
	n := 0
	for _, l := range strings.Split(a, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") || strings.HasPrefix(strings.TrimSpace(l), "~~~") {
			continue
		}
		n += countWords(l)
	}
	return n
}

// danglingSubject returns the pronoun that is the subject of a question
// given as normalised words, or "".
func danglingSubject(w []string) string {
	i := 0
	if i < len(w) && whWords[w[i]] {
		i++
		if i < len(w) && auxWords[w[i]] {
			i++
		}
	}
	if i+3 < len(w) && w[i] == "it" && w[i+1] == "mean" && w[i+2] == "to" {
		return "" // "What does it mean to pivot?": "it" stands for no one
	}
	if i < len(w) && danglingPronouns[w[i]] {
		return w[i]
	}
	return ""
}

// leaks reports whether the question gives the answer away: the whole
// (normalised) answer appears in it, or nearly all of the answer's content
// words do.
func leaks(nq, na string, qs, as []string) bool {
	if na != "" && strings.Contains(" "+nq+" ", " "+na+" ") {
		return true
	}
	if len(as) == 0 {
		return false
	}
	in := 0
	for _, s := range as {
		if containsSorted(qs, s) {
			in++
		}
	}
	return in*5 >= len(as)*4
}

// contentStems returns the sorted, de-duplicated Porter stems of the
// content words of s (stop words dropped). Words are split and folded as
// cards.Normalize does: runs of letters and digits, lower-cased.
//
// It is a small wrapper so that it inlines: where the stems do not outlive
// the caller (a check, a count), their array stays on the caller's stack.
func contentStems(s string) []string { return appendContentStems(make([]string, 0, 16), s) }

// appendContentStems is contentStems appending to dst[:0].
func appendContentStems(dst []string, s string) []string {
	out := dst[:0]
	var buf [48]byte
	word := buf[:0]
	flush := func() {
		if len(word) > 0 && !stopWords[string(word)] {
			out = append(out, stemCached(word))
		}
		word = word[:0]
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				word = append(word, c)
			case c >= 'A' && c <= 'Z':
				word = append(word, c+'a'-'A')
			default:
				flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
		} else {
			flush()
		}
		i += size
	}
	flush()
	sort.Strings(out)
	uniq := out[:0]
	for i, w := range out {
		if i == 0 || w != out[i-1] {
			uniq = append(uniq, w)
		}
	}
	return uniq
}

func containsSorted(s []string, w string) bool {
	i := sort.SearchStrings(s, w)
	return i < len(s) && s[i] == w
}

// jaccard is |a∩b| / |a∪b| for sorted sets; 0 when both are empty.
func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// union merges two sorted, de-duplicated sets.
func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Dedupe keeps the candidates that are not near-duplicates of an existing
// card or of a candidate kept before them: same kind and normalised
// question, or a Jaccard similarity of stemmed content words over question
// and answer of at least DuplicateThreshold. Order is kept.
func Dedupe(cands, existing []cards.Card) (kept []cards.Card, dropped []Rejection) {
	words := make([][]string, len(cands))
	for i, c := range cands {
		words[i] = contentStems(c.Question + " " + c.Answer)
	}
	return dedupe(cands, words, existing)
}

// dedupe is Dedupe with the candidates' stems already known.
func dedupe(cands []cards.Card, candWords [][]string, existing []cards.Card) (kept []cards.Card, dropped []Rejection) {
	type sig struct {
		q      string
		term   string // askedTerm(q)
		kind   cards.Kind
		words  []string // stems; nil only for an existing card not stemmed yet (a candidate's are never nil)
		answer string   // an existing card's answer (text is its question), until stemmed
		norm   string   // its normalised question and answer, for the cheap pre-check
		text   string
	}
	seen := make([]sig, 0, len(existing)+len(cands))
	kept = make([]cards.Card, 0, len(cands))
	for _, c := range existing {
		// normalize(Question+" "+Answer) is the two sides normalised and
		// joined: normalise the question once.
		q := normalize(c.Question)
		seen = append(seen, sig{q: q, term: askedTerm(q), kind: c.Kind, answer: c.Answer, norm: spacedJoin(q, normalize(c.Answer)), text: c.Question})
	}
	for i, c := range cands {
		s := sig{q: normalize(c.Question), kind: c.Kind, words: candWords[i], text: c.Question}
		s.term = askedTerm(s.q)
		term := s.term
		reason := ""
		for j := range seen {
			o := &seen[j]
			if s.q != "" && s.q == o.q && s.kind == o.kind {
				reason = fmt.Sprintf("same question as %q", o.text)
				break
			}
			if t := o.term; term != "" && t != "" && t != term && !sameStems(t, term) {
				continue // "Blocking send" and "Blocking receive" are two cards
			}
			if o.words == nil {
				if !mayShare(s.words, o.norm) {
					continue // too few shared words to reach the threshold
				}
				o.words = contentStems(o.text + " " + o.answer)
			}
			if sim := jaccard(s.words, o.words); sim >= DuplicateThreshold {
				reason = fmt.Sprintf("near-duplicate of %q (similarity %.2f)", o.text, sim)
				break
			}
		}
		if reason != "" {
			dropped = append(dropped, Rejection{Card: c, Reason: reason})
			continue
		}
		seen = append(seen, s)
		kept = append(kept, c)
	}
	return kept, dropped
}

// spacedJoin is " " + the non-empty ones of a and b joined by a space: for
// two normalised texts, " " + normalize(a + " " + b).
func spacedJoin(a, b string) string {
	switch {
	case a == "":
		return " " + b
	case b == "":
		return " " + a
	}
	return " " + a + " " + b
}

// askedTerm is the term a normalised "what is X" question asks about, or
// "" for other questions. Two cards about different terms are never
// duplicates, however alike their words.
func askedTerm(q string) string {
	for _, p := range [...]string{"what is ", "what are ", "what does ", "what do ", "was ist ", "was sind ",
		"qué es ", "qué son ", "wofür steht ", "qué significa "} {
		if strings.HasPrefix(q, p) {
			t := q[len(p):]
			for _, a := range [...]string{"a ", "an ", "the "} {
				t = strings.TrimPrefix(t, a)
			}
			return t
		}
	}
	return ""
}

// sameStems reports whether two terms are one term inflected
// ("semaphore", "semaphores").
func sameStems(a, b string) bool {
	x, y := contentStems(a), contentStems(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// mayShare is the cheap pre-check of the near-duplicate test: most of the
// candidate's stems must occur in the other card's normalised text (a
// stem is a prefix of its words) before the other card is stemmed.
func mayShare(stems []string, norm string) bool {
	if len(stems) == 0 {
		return true
	}
	in := 0
	for _, s := range stems {
		if containsAfterSpace(norm, s) {
			in++
		}
	}
	// Jaccard >= 0.8 needs at least 80% of the stems shared; allow slack
	// for stems that are not prefixes of their words ("happi").
	return in*10 >= len(stems)*6
}

// containsAfterSpace is strings.Contains(s, " "+sub) without building " "+sub
// (mayShare asks it for every stem of every candidate and existing card).
func containsAfterSpace(s, sub string) bool {
	for i := 0; i <= len(s); {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		j += i
		if j > 0 && s[j-1] == ' ' {
			return true
		}
		i = j + 1
	}
	return false
}

// whWords open a question.
var whWords = setOf("what", "why", "how", "when", "which", "who", "whom", "whose", "where")

// auxWords follow a wh-word before the subject.
var auxWords = setOf("is", "are", "was", "were", "do", "does", "did", "can", "could", "might",
	"may", "should", "would", "will", "has", "have", "had", "must", "shall")

// danglingPronouns need an antecedent a flashcard does not have.
var danglingPronouns = setOf("it", "this", "that", "these", "those", "they", "them", "he", "she")

// subjectPronouns start a new clause after "and"/"or" + auxiliary.
var subjectPronouns = setOf("it", "this", "that", "these", "those", "they", "he", "she", "we", "you", "i", "there")

// stopWords carry no content for similarity and leak checks.
var stopWords = setOf("a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from",
	"as", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "what", "which",
	"who", "whom", "whose", "why", "how", "when", "where", "it", "its", "this", "that", "these",
	"those", "they", "them", "their", "and", "or", "but", "not", "no", "if", "then", "than", "so",
	"such", "into", "about", "can", "could", "should", "would", "will", "may", "might", "must",
	"has", "have", "had", "i", "you", "he", "she", "we", "my", "your", "our", "his", "her", "there",
	"here", "also", "just", "very", "one", "s", "t")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
