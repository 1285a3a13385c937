package generate

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// creditedWorks makes "Who is the author of “Title”?" -> Name from the
// entries of a reading list written "Title (First Last): link", one or
// several on a line: "Interpretable Machine Learning Book (Christoph
// Molnar): [https://...](...)". The link marks the entry as a reference
// to a work and the parenthesis names its author, a fact a reader of the
// list keeps even where the list itself gives no card. It reports whether
// it made one.
func (g *gen) creditedWorks(text string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish || !strings.Contains(text, "):") {
		return false
	}
	ln := scanLine(text)
	if len(ln.links) == 0 {
		return false
	}
	made, from := false, 0
	for _, l := range ln.links {
		if l.start < from {
			continue
		}
		seg := ln.s[from:l.start]
		from = l.end
		title, who, ok := creditedEntry(seg)
		if !ok {
			continue
		}
		g.add(OriginAttribution, "Who is the author of "+title+"?", who, first, last, n, 0.75)
		made = true
	}
	return made
}

// creditedEntry splits "Title (First Last):" into the work, as the
// question names it, and its author.
func creditedEntry(seg string) (work, who string, ok bool) {
	seg = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(seg), "-*+"))
	seg = strings.TrimSpace(strings.TrimRight(seg, ":–—- "))
	if !strings.HasSuffix(seg, ")") {
		return "", "", false
	}
	i := strings.LastIndexByte(seg, '(')
	if i <= 0 {
		return "", "", false
	}
	who = strings.TrimSpace(seg[i+1 : len(seg)-1])
	title := strings.TrimSpace(seg[:i])
	title = strings.Trim(title, "\"“”'‘’*_ ")
	who, ok = personName(who)
	if !ok || !workTitle(title) {
		return "", "", false
	}
	words := strings.Fields(title)
	if genre := strings.ToLower(words[len(words)-1]); workGenres[genre] && len(words) > 2 {
		return "the " + genre + " “" + strings.Join(words[:len(words)-1], " ") + "”", who, true
	}
	return "“" + title + "”", who, true
}

// workGenres name what kind of work a title is when it ends the title.
var workGenres = setOf("book", "paper", "talk", "video", "course", "lecture", "podcast", "article",
	"blog", "essay", "thesis", "textbook")

// workTitle reports a title: 2 to 14 words, at least two capitalised (a
// title is written in title case or names things), no further
// parenthesis. A title may open on a pronoun ("You and Your Research").
func workTitle(t string) bool {
	w := strings.Fields(t)
	if len(w) < 2 || len(w) > 14 || strings.ContainsAny(t, "()[]") {
		return false
	}
	caps := 0
	for _, x := range w {
		if capitalised(x) {
			caps++
		}
	}
	return caps >= 2
}

// personName returns a person's name as written after a title, without a
// trailing year: two to four capitalised words, each a word in mixed case
// ("Christoph Molnar") or an initial ("J. R. Firth"), or a surname with
// "et al.". An acronym ("(RPC)"), a year or a single word is not one.
func personName(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if j := strings.LastIndexByte(s, ','); j > 0 && isNumberText(s[j+1:]) {
		s = strings.TrimSpace(s[:j]) // "Vaswani et al., 2017"
	}
	w := strings.Fields(s)
	if len(w) == 3 && w[1] == "et" && strings.HasPrefix(w[2], "al") {
		return s, nameWord(w[0])
	}
	if len(w) < 2 || len(w) > 4 {
		return "", false
	}
	for _, x := range w {
		if !nameWord(x) && !(len(x) == 2 && x[1] == '.' && unicode.IsUpper(rune(x[0]))) {
			return "", false
		}
	}
	return s, true
}

// nameWord is a capitalised word with lower-case letters after its
// capital: "Molnar", "McCarthy", "Łukasz".
func nameWord(x string) bool {
	r := []rune(x)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || nameStop[strings.ToLower(x)] {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' {
			return false
		}
	}
	return unicode.IsLower(r[len(r)-1])
}
