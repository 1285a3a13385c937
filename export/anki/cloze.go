package anki

import (
	"sort"
	"strconv"
	"strings"
)

// clozeSpan is one {{cN::text::hint}} deletion in a note's text.
type clozeSpan struct {
	start, end int // byte range of the whole {{...}}
	n          int
	text, hint string
}

// parseClozes finds the cloze deletions of text, outermost only; nested
// deletions stay inside their parent's text.
func parseClozes(s string) []clozeSpan {
	var out []clozeSpan
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "{{c")
		if j < 0 {
			break
		}
		start := i + j
		k := start + 3
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == start+3 || !strings.HasPrefix(s[k:], "::") {
			i = start + 3
			continue
		}
		n, err := strconv.Atoi(s[start+3 : k])
		if err != nil || n < 1 {
			i = k
			continue
		}
		body := k + 2
		depth, end := 0, -1
		for p := body; p+1 < len(s); p++ {
			switch {
			case s[p] == '{' && s[p+1] == '{':
				depth++
				p++
			case s[p] == '}' && s[p+1] == '}':
				if depth == 0 {
					end = p
				} else {
					depth--
					p++
				}
			}
			if end >= 0 {
				break
			}
		}
		if end < 0 {
			i = body
			continue
		}
		inner := s[body:end]
		sp := clozeSpan{start: start, end: end + 2, n: n, text: inner}
		if h := lastTopLevel(inner, "::"); h >= 0 {
			sp.text, sp.hint = inner[:h], inner[h+2:]
		}
		out = append(out, sp)
		i = end + 2
	}
	return out
}

// lastTopLevel is the index of the last sep outside nested {{...}}.
func lastTopLevel(s, sep string) int {
	depth, last := 0, -1
	for p := 0; p < len(s); p++ {
		switch {
		case strings.HasPrefix(s[p:], "{{"):
			depth++
			p++
		case strings.HasPrefix(s[p:], "}}"):
			depth--
			p++
		case depth == 0 && strings.HasPrefix(s[p:], sep):
			last = p
			p += len(sep) - 1
		}
	}
	return last
}

// ClozeNumbers returns the distinct cloze numbers N of {{cN::...}} in
// text, ascending (nested deletions included).
func ClozeNumbers(text string) []int {
	seen := map[int]bool{}
	var walk func(string)
	walk = func(s string) {
		for _, sp := range parseClozes(s) {
			seen[sp.n] = true
			walk(sp.text)
		}
	}
	walk(text)
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// ClozeQuestionAnswer renders cloze n of text the way mnemo shows it: the
// question hides deletion n as "[...]" (or "[hint]") and reveals the
// others; the answer is the hidden text (several deletions with the same
// number are joined by ", ").
func ClozeQuestionAnswer(text string, n int) (question, answer string) {
	var answers []string
	var render func(string) string
	render = func(s string) string {
		var b strings.Builder
		last := 0
		for _, sp := range parseClozes(s) {
			b.WriteString(s[last:sp.start])
			if sp.n == n {
				if sp.hint != "" {
					b.WriteString("[" + sp.hint + "]")
				} else {
					b.WriteString("[...]")
				}
				answers = append(answers, reveal(sp.text))
			} else {
				b.WriteString(render(sp.text))
			}
			last = sp.end
		}
		b.WriteString(s[last:])
		return b.String()
	}
	question = render(text)
	return question, strings.Join(answers, ", ")
}

// reveal is text with every nested deletion shown.
func reveal(s string) string {
	var b strings.Builder
	last := 0
	for _, sp := range parseClozes(s) {
		b.WriteString(s[last:sp.start])
		b.WriteString(reveal(sp.text))
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}
