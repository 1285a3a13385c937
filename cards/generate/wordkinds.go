package generate

import (
	"math"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// wordKindQuestion asks an English definition line's question by the kind
// of word its term is, when "What is a X?" would not fit: a property
// ("What does bacteriostatic mean?"), a state named under its kind
// ("What is the waiting process state?"), a word being learnt ("What does
// “gern” mean?"), an action ("What does it mean to persevere?"), an
// evaluative adjective (a suggestion). ok is false for a plain noun.
func (g *gen) wordKindQuestion(core, abbr, a string, n ast.Node, tp topic, conf float64) (q string, c float64, ok bool) {
	switch {
	case abbr == "" && adjectiveTerm(core, a) && !g.adjective(core):
		// "bacteriostatic: stops growth": a technical property and what it
		// means ("What is a bacteriostatic?" makes a noun no one uses).
		return "What does " + core + " mean?", math.Min(conf, 0.75), true
	case abbr == "" && (tp.kind == topicLabel || tp.kind == topicParent) && stateWord(core):
		// "Process States:" over "Waiting: for some event": the item names
		// one of the label's kind.
		if kind := labelKind(tp.text); kind != "" {
			return "What is the " + strings.ToLower(core) + " " + kind + "?", conf, true
		}
	case abbr == "" && (tp.kind == topicLabel || tp.kind == topicParent) && adjectiveWord(core):
		// "two types of goods:" over "Intrinsic: good for its own sake":
		// the adjective names a kind of good ("What is an intrinsic good?").
		if kind := labelKind(tp.text); kind != "" {
			w := strings.ToLower(core)
			return "What is " + indefinite(w) + " " + w + " " + kind + "?", conf, true
		}
	}
	switch {
	case abbr == "" && (glossAnswer(a) || countWords(a) <= 6 && g.languageNote(n)):
		// "gern: gladly; happily", "liegen: to be located" under "Learning
		// German": a word and its translation.
		return "What does “" + core + "” mean?", conf, true
	case abbr == "" && !isGeneric(core) && actionTerm(core, a):
		return "What does it mean to " + strings.ToLower(core) + "?", conf, true
	case isSingleWord(core) && g.adjective(core):
		// "stateless: each request is independent" defines a property;
		// "funny: the demo crashed" is an aside. Ask what the word means,
		// and only as a suggestion.
		return "What does " + lowerTitleWord(core) + " mean?", 0.6, true
	}
	return "", 0, false
}

// stateWord reports a one-word term that is an adjective or participle
// naming a state or mode ("ready", "waiting", "terminated"), not a thing.
func stateWord(t string) bool {
	if !isSingleWord(t) || len(t) < 3 {
		return false
	}
	lt := strings.ToLower(t)
	if lowerFirst(lt) != lowerFirst(t) && t[1:] != lt[1:] {
		return false
	}
	return stateAdjectives[lt] || strings.HasSuffix(lt, "ing") && len(lt) > 5 || strings.HasSuffix(lt, "ed") && len(lt) > 4
}

var stateAdjectives = setOf("ready", "new", "idle", "active", "inactive", "open", "closed", "free", "busy",
	"dead", "alive", "stable", "unstable", "live", "dormant", "latent", "suspended", "zombie", "valid", "invalid")

// labelKind is the kind a plural label names, in the singular, for a
// question about one of its members: "Process States:" gives "process
// state"; "" when the label is not a short plural noun phrase.
func labelKind(label string) string {
	f := strings.Fields(strings.ToLower(strings.TrimRight(strings.TrimSpace(stripEmphasis(label)), ": ")))
	for i := 0; i+2 < len(f); i++ {
		if kindNouns[f[i]] && f[i+1] == "of" {
			f = f[i+2:] // "Aristotle has two types of goods": goods
			break
		}
	}
	if len(f) == 0 || len(f) > 3 || !isPluralWord(f[len(f)-1]) {
		return ""
	}
	for _, w := range f {
		if !allLetters(w) {
			return ""
		}
	}
	f[len(f)-1] = singular(f[len(f)-1])
	return strings.Join(f, " ")
}

var kindNouns = setOf("types", "kinds", "forms", "classes", "sorts", "categories")

// adjectiveWord reports a one-word term with an adjective's ending
// ("intrinsic", "instrumental", "passive"), lower case but for its first
// letter.
func adjectiveWord(t string) bool {
	if !isSingleWord(t) || len(t) < 5 {
		return false
	}
	lt := strings.ToLower(t)
	if lowerFirst(lt) != lowerFirst(t) && t[1:] != lt[1:] {
		return false
	}
	for _, suf := range [...]string{"ic", "al", "ive", "ous", "ary", "ible", "able"} {
		if strings.HasSuffix(lt, suf) && len(lt) > len(suf)+2 {
			return true
		}
	}
	return false
}
