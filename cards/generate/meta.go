package generate

import (
	"bytes"
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
//   - tasks: TODO markers and imperative study verbs ("ask", "reread",
//     "nachfragen", "preguntar", "relire");
//   - hedges: "maybe", "iirc", a negated "sure"/"idea" ("not sure",
//     "keine Ahnung");
//   - interjections and emoticons ("lol", ":)", "!!");
//   - the course itself: exams, homework, teachers, slides, days and weeks.

// wordPunct is the punctuation trimmed from the ends of a label or a
// short text (trimPunct, on the hot path, trims it and other ASCII
// punctuation from words).
const wordPunct = ".,;:!?¡¿()[]{}\"'«»“”‘’*_-–—"

// eachWord calls f with each word of s, trimmed of punctuation: i counts
// the words, raw is the word as written and low the word lower-cased, in
// a buffer valid only during the call (a map lookup with string(low)
// does not allocate). An all-capitals word ("WE", "US") is an
// abbreviation: low keeps its capitals, so it never matches a lower-case
// pronoun. f returns false to stop.
func eachWord(s string, f func(i int, low []byte, raw string) bool) {
	var buf [64]byte
	i := 0
	for s != "" {
		k := 0 // strings.IndexAny(s, " \t\n\r"), without building a set per word
		for k < len(s) && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r' {
			k++
		}
		raw := trimPunct(s[:k])
		if k < len(s) {
			k++
		}
		s = s[k:]
		if raw == "" {
			continue
		}
		low, caps := lowerWord(buf[:0], raw)
		if caps && !studyAdmin[string(low)] {
			low = append(low[:0], raw...) // "TODO", "TA" stay words
		}
		if !f(i, low, raw) {
			return
		}
		i++
	}
}

// lowerWord appends w lower-cased to dst, and reports whether w has more
// than one character and no lower-case letter. Most words are ASCII and
// take the fast path.
func lowerWord(dst []byte, w string) (low []byte, caps bool) {
	caps = len(w) > 1
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'a' && c <= 'z':
				caps = false
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst, caps
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			caps = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst, caps
}

var curlyApostrophe = []byte("’")

// trimPunct trims wordPunct from both ends of w (strings.Trim with a
// non-ASCII cutset is slow on this hot path).
func trimPunct(w string) string {
	for w != "" {
		r, n := utf8.DecodeRuneInString(w)
		if !isWordPunct(r) {
			break
		}
		w = w[n:]
	}
	for w != "" {
		r, n := utf8.DecodeLastRuneInString(w)
		if !isWordPunct(r) {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

func isWordPunct(r rune) bool {
	if r < 0x80 {
		return r < 'A' && r != '%' && r != '#' && r != '&' && r != '+' && r != '$' && r != '/' && r != '@' && !(r >= '0' && r <= '9') && r != '<' && r != '=' && r != '>' ||
			r == '[' || r == ']' || r == '_' || r == '{' || r == '}' || r == '*'
	}
	return strings.ContainsRune("¡¿«»“”‘’–—", r)
}

// metaScan is what one pass over a text's words finds.
type metaScan struct {
	writer   bool    // a first-person word; "I" only where it is not a numeral ("Type I", "World War I")
	reader   bool    // a second-person word
	admin    bool    // study-admin or calendar vocabulary, an interjection
	hedge    bool    // a hedge, or a negated "sure"/"idea"
	task     bool    // opens on a task verb ("ask the TA")
	said     bool    // reported speech ("the prof said")
	first    [8]byte // the first word, lower-cased (cut to 8 bytes)
	firstLen int
	n        int
	prevCap  bool
	prevNeg  bool
}

func scanMeta(s string) metaScan {
	var m metaScan
	eachWord(s, func(i int, low []byte, raw string) bool {
		if raw == "I" && !m.prevCap || len(low) > 1 && low[0] == 'i' && (low[1] == '\'' || bytes.HasPrefix(low[1:], curlyApostrophe)) {
			m.writer = true
		}
		f := metaVocab[string(low)] // one lookup per word
		m.writer = m.writer || f&fFirst != 0
		m.reader = m.reader || f&fSecond != 0
		m.admin = m.admin || f&fAdmin != 0
		m.hedge = m.hedge || f&fHedge != 0 || f&fKnow != 0 && m.prevNeg
		m.said = m.said || f&fSaid != 0
		if i == 0 {
			m.task = f&fTask != 0
			m.firstLen = copy(m.first[:], low)
		}
		m.prevNeg = f&fNeg != 0
		m.prevCap = unicode.IsUpper(firstRune(raw)) && f&fOpener == 0
		m.n++
		return true
	})
	return m
}

// The word classes of metaVocab.
const (
	fFirst = 1 << iota
	fSecond
	fAdmin
	fHedge
	fKnow
	fNeg
	fTask
	fSaid
	fOpener
)

// metaVocab is every word class above in one map, so a word costs one
// lookup.
var metaVocab = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, c := range []struct {
		set  map[string]bool
		flag uint16
	}{{firstPerson, fFirst}, {secondPerson, fSecond}, {studyAdmin, fAdmin}, {interjections, fAdmin},
		{hedgeWords, fHedge}, {knowWords, fKnow}, {negations, fNeg}, {taskVerbs, fTask},
		{setOf("said", "says", "sagt", "dijo", "dit"), fSaid}, {openers, fOpener}} {
		for w := range c.set {
			if w != "i" || c.flag != fFirst { // "I" is told apart from the numeral by case
				m[w] |= c.flag
			}
		}
	}
	return m
}()

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
	"mi", "mis", "mon", "perso", "wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer", "yo", "nosotros", "nosotras",
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
	"pdte", "pte", "examen", "examenes", "exámenes", "tarea", "tareas", "deberes", "profe",
	"profesor", "profesora", "apuntes", "diapositivas", "truco", "repasar",
	"td", "tp", "devoir", "devoirs", "partiel", "diapos", "réviser", "relire", "astuce",
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
var interjections = setOf("haha", "jaja", "jeje", "mdr", "hah", "lol", "lmao", "rofl", "wow", "ugh", "meh", "yay", "sigh",
	"hmm", "jk", "oops", "argh")

// metaLabel reports a label or term that heads an aside, a task or a tip,
// not a concept: "Merke", "Exam tip from the TA", "Para el lunes", "À
// relire", "My question".
func metaLabel(term string) bool {
	term = stripEmphasis(term)
	m := scanMeta(term)
	if m.n == 0 {
		return false
	}
	return m.writer || m.reader || m.admin || labelWords[strings.ToLower(strings.Trim(strings.TrimSpace(term), wordPunct))]
}

// labelWords are whole labels that introduce a remark, an example or a
// source rather than define themselves ("Note:", "Beispiel:", "Fuente:").
var labelWords = setOf("note", "notes", "example", "examples", "e.g", "eg", "source", "sources",
	"important", "warning", "question", "questions", "beispiel", "beispiele", "z.b", "zb", "hinweis",
	"achtung", "wichtig", "ausnahme", "quelle", "quellen", "notiz", "frage", "fragen", "termin",
	"datum", "ejemplo", "ejemplos", "nota", "notas", "fecha", "fuente", "pregunta", "preguntas",
	"importante", "ojo", "exemple", "exemples", "remarque", "rmq", "attention", "to do", "à faire", "por hacer", "zu tun",
	// cross-references: "Compare: the Krebs cycle" points elsewhere
	"compare", "cf", "see", "see also", "vgl", "siehe", "comparar", "véase", "voir", "comparer")

// metaText reports a sentence or answer that talks about studying: the
// writer or reader speaking, a task, a hedge, an interjection or
// emoticon, or study-admin words.
func metaText(s string) bool {
	if emoticon(s) || strings.Contains(s, "!!") || strings.Contains(s, "??") {
		return true
	}
	m := scanMeta(s)
	return m.writer || m.admin || m.hedge || m.task
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
	m := scanMeta(inner)
	if m.n <= 2 && evaluative[strings.ToLower(strings.Trim(inner, wordPunct))] {
		return true // "(funny)", "(so cool)": a reaction
	}
	switch string(m.first[:m.firstLen]) {
	case "see", "siehe", "voir", "ver", "cf":
		return true // a pointer elsewhere in the notes
	}
	return m.writer || m.admin || m.hedge || m.task || emoticon(inner) || strings.Contains(inner, "!!")
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

// noteShorthand are left sides of "key: value" lines that label a facet
// of the note's topic in a writer's shorthand ("Def:", "Dx:", "Tx:") or
// the writer's own aside ("Note to self:", "My thoughts:"): no term, so
// "What is Dx?" is never a card.
var noteShorthand = setOf("def", "def.", "defn", "dfn", "dx", "ddx", "sx", "tx", "rx", "hx", "ix",
	"mx", "cx", "px", "s/s", "mgmt", "epi", "aka", "e.g", "eg", "ex", "i.e", "ie", "misc", "note to self",
	"notes to self", "my thoughts", "thoughts", "my notes", "fav quote", "favourite quote",
	"favorite quote", "quote", "remember", "case", "e.g.", "reminder", "fun fact", "side note", "aside")
