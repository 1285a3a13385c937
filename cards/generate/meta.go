package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Meta text: what the writer says about studying the subject rather than
// about the subject. Notes mix both ("Merke:", "(not sure)", "ask the TA",
// "à relire", "exam tip:"), and no card should come from the first kind.
// It is told by structure and by a general study-admin vocabulary in the
// four languages with templates, never by phrases lifted from notes:
//
//   - the writer or the reader speaking: first- and second-person pronouns;
//   - tasks: TODO markers and imperative study verbs ("check", "ask",
//     "nachfragen", "relire");
//   - hedges: "maybe", "iirc", a negated "sure"/"idea" ("not sure",
//     "keine Ahnung");
//   - interjections and emoticons ("lol", ":)", "!!");
//   - the course itself: exams, homework, teachers, slides, days and weeks.

// metaWords are the words of a text, lower-cased and trimmed of
// punctuation, with a flag for the first-person "I" (as opposed to the
// numeral in "Type I" or "World War I").
func metaWords(s string) (words []string, writerI bool) {
	f := strings.Fields(s)
	words = make([]string, 0, len(f))
	prevCap := false
	for _, raw := range f {
		core := strings.Trim(raw, ".,;:!?¡¿()[]{}\"'«»“”‘’*_-–—")
		if core == "" {
			continue
		}
		w := strings.ToLower(core)
		if core == "I" && !prevCap || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
			writerI = true
		}
		if len(core) > 1 && strings.ToUpper(core) == core && !studyAdmin[w] {
			w = core // "WE", "US", "ME": an abbreviation, not a pronoun ("TODO", "TA" stay words)
		}
		prevCap = unicode.IsUpper(firstRune(core)) && !openers[w]
		words = append(words, w)
	}
	return words, writerI
}

// openers are capitalised at a sentence start, so "Then I ..." is still
// the writer.
var openers = setOf("then", "so", "and", "but", "now", "here", "there", "when", "if", "as", "because",
	"what", "why", "how", "today", "yesterday", "also", "maybe", "honestly", "tbh", "ok", "okay")

// firstPerson words are the writer speaking: first-person pronouns and
// possessives. "I" after a capitalised word is a numeral ("Type I",
// "World War I"), see writer. Words that are also common content words
// elsewhere ("mes" is Spanish for month, "du" French for "of the", "mine")
// are left out.
var firstPerson = setOf("i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "me", "my", "myself",
	"we", "we're", "our", "ours", "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner",
	"wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer", "yo", "nosotros", "nosotras",
	"nuestro", "nuestra", "nuestros", "nuestras", "je", "j'", "moi", "nous", "notre")

// secondPerson words address the reader: in a definition ("what you give
// up") they can be content, so only labels and clozes treat them as meta.
var secondPerson = setOf("you", "you're", "your", "yours", "dich", "dir", "dein", "deine", "tú",
	"vosotros", "toi", "vous", "votre", "vos")

// studyAdmin is the vocabulary of the course rather than the subject:
// assessment, tasks, the people and material that teach, and the
// calendar.
var studyAdmin = setOf(
	"exam", "exams", "midterm", "midterms", "quiz", "quizzes", "homework", "hw", "assignment",
	"assignments", "deadline", "deadlines", "todo", "todos", "tbd", "reminder", "reminders",
	"tips", "mnemonic", "mnemonics", "prof", "professor", "ta", "tutor", "lecturer",
	"teacher", "slides", "syllabus", "worksheet", "tutorial", "tutorials",
	"lecture", "lectures", "seminar", "chat", "email", "discord", "memorize",
	"memorise", "cram", "joke", "jokes",
	"klausur", "klausuren", "prüfung", "prüfungen", "hausaufgabe", "hausaufgaben", "merke", "tipp", "tipps", "dozent", "dozentin", "tutorium", "folien",
	"vorlesung", "übung", "übungsblatt", "skript",
	"examen", "examenes", "exámenes", "tarea", "tareas", "deberes", "profe",
	"profesor", "profesora", "apuntes", "diapositivas", "truco", "repasar",
	"devoir", "devoirs", "partiel", "diapos", "réviser", "relire", "astuce",
	// the calendar
	"today", "tomorrow", "yesterday", "tonight", "week", "weekend", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday",
	"heute", "morgen", "gestern", "woche", "wochenende", "montag", "dienstag", "mittwoch",
	"donnerstag", "freitag", "samstag", "sonntag",
	"hoy", "mañana", "ayer", "semana", "lunes", "martes", "miércoles", "jueves", "viernes",
	"sábado", "domingo",
	"aujourd'hui", "demain", "semaine", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
	"samedi", "dimanche")

// taskVerbs open a note to self: "check with the TA", "nachfragen",
// "preguntar al profe", "vérifier".
var taskVerbs = setOf("ask", "google", "reread", "revisit", "nachfragen", "nachschauen", "nachlesen",
	"preguntar", "demander", "relire", "revoir")

// hedgeWords mark the writer's doubt.
var hedgeWords = setOf("maybe", "probably", "perhaps", "unsure", "idk", "iirc", "imo", "imho",
	"afaik", "guess", "hopefully", "vielleicht", "wahrscheinlich", "evtl", "quizás", "quizá",
	"peut-être", "probablement")

// knowWords after a negation say the writer does not know: "not sure",
// "no idea", "keine Ahnung", "pas sûr".
var knowWords = setOf("sure", "idea", "clue", "ahnung", "sicher", "sé", "seguro", "segura", "sûr",
	"sûre", "certain", "idée")

var negations = setOf("not", "no", "nicht", "kein", "keine", "pas", "ni")

// interjections are the writer reacting, not informing.
var interjections = setOf("haha", "hah", "lol", "lmao", "rofl", "wow", "ugh", "meh", "yay", "sigh",
	"hmm", "jk", "oops", "argh")

// metaLabel reports a label or term that heads an aside, a task or a tip,
// not a concept: "Merke", "Exam tip from the TA", "Para el lunes", "À
// relire", "My question".
func metaLabel(term string) bool {
	w, writerI := metaWords(stripEmphasis(term))
	if len(w) == 0 {
		return false
	}
	if writerI || labelWords[strings.Join(w, " ")] {
		return true
	}
	for _, x := range w {
		if x != "i" && firstPerson[x] || secondPerson[x] || studyAdmin[x] || interjections[x] {
			return true
		}
	}
	return false
}

// labelWords are whole labels that introduce a remark, an example or a
// source rather than define themselves ("Note:", "Beispiel:", "Fuente:").
var labelWords = setOf("note", "notes", "example", "examples", "e.g", "eg", "source", "sources",
	"important", "warning", "question", "questions", "beispiel", "beispiele", "z.b", "zb", "hinweis",
	"achtung", "wichtig", "ausnahme", "quelle", "quellen", "notiz", "frage", "fragen", "termin",
	"datum", "ejemplo", "ejemplos", "nota", "notas", "fecha", "fuente", "pregunta", "preguntas",
	"importante", "ojo", "exemple", "exemples", "remarque", "attention", "source", "question")

// metaText reports a sentence or answer that talks about studying: the
// writer or reader speaking, a task, a hedge, an interjection or
// emoticon, or study-admin words.
func metaText(s string) bool {
	if emoticon(s) || strings.Contains(s, "!!") || strings.Contains(s, "??") {
		return true
	}
	w, writerI := metaWords(s)
	if writerI {
		return true
	}
	for i, x := range w {
		if x != "i" && firstPerson[x] || studyAdmin[x] || hedgeWords[x] || interjections[x] {
			return true
		}
		if knowWords[x] && i > 0 && negations[w[i-1]] {
			return true
		}
	}
	return len(w) > 0 && taskVerbs[w[0]]
}

// addressesReader reports a text with a second-person word.
func addressesReader(s string) bool {
	w, _ := metaWords(s)
	for _, x := range w {
		if secondPerson[x] {
			return true
		}
	}
	return false
}

// emoticon reports a text with an emoticon (":)", ";-)", ":D", "xD") or
// an emoji.
func emoticon(s string) bool {
	for _, e := range [...]string{":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":P", "xD", "XD", ":/"} {
		if i := strings.Index(s, e); i >= 0 && (e != ":/" || !strings.HasPrefix(s[i:], "://")) {
			return true
		}
	}
	for _, r := range s {
		if r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF && unicode.Is(unicode.So, r) {
			return true
		}
	}
	return false
}

// asideParen reports whether the inside of a parenthesis is the writer's
// aside ("(I think)", "(?)", "(not sure)", "(see below)", "(lol)") rather
// than a fact ("(ATP)", "(1789)", "(made by Neuronpedia)").
func asideParen(inner string) bool {
	inner = strings.TrimSpace(inner)
	if !hasLetter(inner) {
		return !hasDigit(inner) // "", "?", "!!", "?!"
	}
	w, _ := metaWords(inner)
	if len(w) == 0 {
		return false
	}
	if len(w) <= 2 && evaluative[strings.Join(w, " ")] {
		return true // "(funny)", "(so cool)": a reaction
	}
	if w[0] == "see" || w[0] == "siehe" || w[0] == "voir" || w[0] == "ver" || w[0] == "cf" {
		return true // a pointer elsewhere in the notes
	}
	return metaText(inner)
}

// evaluative are one-word reactions: as a whole parenthetical or answer
// they say how the writer felt.
var evaluative = setOf("funny", "cool", "nice", "weird", "interesting", "important", "confusing",
	"crazy", "wild", "neat", "so cool", "very important", "important!", "sic", "todo", "tbd",
	"more later", "citation needed", "kidding", "just kidding")

// firstRune is the first rune of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
