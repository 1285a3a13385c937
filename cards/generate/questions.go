package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A question about a term reads the way a person writes it: "What is a
// process?", "What are user threads?", "What is TCP?", "What is
// photosynthesis?". The article and the verb come from the term itself
// (plural ending, capitals, mass-noun suffixes) and from how the note
// writes the word elsewhere (a word the note also writes in lower case is
// a common noun, not a name).

// termQuestion is "What is/are <term>?" for a cleaned term in the note's
// language, or "What is/are the <term> of <topic>?" when the term is a
// generic word ("model", "triggers") that means nothing without its
// topic. ok is false when a generic term has no topic.
func (g *gen) termQuestion(term, topic string) (q string, generic, ok bool) {
	switch g.lang {
	case langGerman:
		if isGenericDE(term) {
			return "", true, false
		}
		if bareNounDE(term) || bareNounPhraseDE(term) {
			// "Was ist Angebot?" lacks the article, whose gender the
			// word does not tell: the question quotes the term.
			return "Was bedeutet „" + term + "“?", false, true
		}
		return "Was ist " + term + "?", false, true
	case langSpanish:
		if isGenericES(term) {
			return "", true, false
		}
		if g.bareNounES(term) {
			// "¿Qué es escala?" lacks the article (una escala, la
			// tónica): the question quotes the term.
			return "¿Qué significa «" + lowerTitleWord(term) + "»?", false, true
		}
		if isPluralES(term) {
			return "¿Qué son " + term + "?", false, true
		}
		return "¿Qué es " + term + "?", false, true
	case langFrench:
		if isGenericFR(term) {
			return "", true, false
		}
		// No article is known for the term, so the question quotes it.
		return "Que signifie « " + lowerTitleWord(term) + " » ?", false, true
	case langOther:
		return "", false, false
	}
	if modifierCompound(term) {
		// "many-to-one" names a kind of its heading ("Multithreading
		// models"): "What is the many-to-one multithreading model?". With
		// no plural heading to name, no article: "What is many-to-one?".
		if t := strings.Fields(topic); len(t) > 0 && len(t) <= 3 && isPluralWord(t[len(t)-1]) {
			t[len(t)-1] = singular(t[len(t)-1])
			return "What is the " + term + " " + strings.Join(t, " ") + "?", false, true
		}
		return "What is " + term + "?", false, true
	}
	phrase, plural := g.nounPhrase(term)
	if isGeneric(term) {
		if topic == "" {
			return "", true, false
		}
		bare := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(phrase, "the "), "an "), "a ")
		the := "the " + bare
		if plural {
			return "What are " + the + " of " + topic + "?", true, true
		}
		return "What is " + the + " of " + topic + "?", true, true
	}
	if plural {
		return "What are " + phrase + "?", false, true
	}
	return "What is " + phrase + "?", false, true
}

// isGenericDE, isGenericFR and isGenericES are isGeneric for German, French
// and Spanish facet words, which need their topic and have no template for
// it: no card.
func isGenericDE(term string) bool { return genericForeign(term, genericTermsDE, false) }

func isGenericFR(term string) bool { return genericForeign(term, genericTermsFR, true) }

func isGenericES(term string) bool { return genericForeign(term, genericTermsES, true) }

// genericForeign reports a facet word, alone or with modifiers that say
// nothing of the subject: after it in Spanish and French ("regla
// general"), before it in German ("allgemeine Regel").
func genericForeign(term string, facets map[string]bool, headFirst bool) bool {
	w := strings.Fields(strings.ToLower(stripEmphasis(term)))
	if len(w) == 0 {
		return false
	}
	head, mods := w[len(w)-1], w[:len(w)-1]
	if headFirst {
		head, mods = w[0], w[1:]
	}
	if !facets[head] {
		return false
	}
	for _, m := range mods {
		if !foreignModifiers[m] {
			return false
		}
	}
	return true
}

var foreignModifiers = setOf("general", "generales", "principal", "principales", "básico", "básica",
	"básicos", "básicas", "importante", "importantes", "générale", "générales", "général", "généraux",
	"principale", "principaux", "allgemeine", "allgemeinen", "wichtigste", "wichtigsten", "wichtige",
	"wichtigen", "grundlegende")

var (
	genericTermsDE = setOf("ursachen", "ursache", "folgen", "beispiele", "beispiel", "vorteile", "nachteile",
		"merkmale", "eigenschaften", "symptome", "therapie", "definition", "bedeutung", "funktion",
		"aufgabe", "aufgaben", "typen", "arten", "formen", "ablauf", "ziel", "ziele", "regel", "regeln",
		"faktoren", "einflussfaktoren", "ursprung", "ansatz", "innervation", "erklärung", "erläuterung",
		"bemerkung", "hinweis", "anmerkung", "beschreibung", "bildung", "verwendung")
	genericTermsFR = setOf("causes", "cause", "conséquences", "exemples", "exemple", "avantages", "inconvénients",
		"caractéristiques", "types", "fonctions", "fonction", "définition", "sens", "objectif",
		"objectifs", "critique", "remarque", "contexte", "règle", "règles", "explication", "explications",
		"description", "propriété", "propriétés", "conséquence", "démonstration", "application", "applications")
	genericTermsES = setOf("causas", "causa", "consecuencias", "ejemplos", "ejemplo", "ventajas", "desventajas",
		"características", "tipos", "funciones", "función", "definición", "significado", "objetivo",
		"objetivos", "usos", "uso", "regla", "reglas", "determinantes", "factores", "inserción", "insercion",
		"acción", "accion", "origen", "inervación", "inervacion", "irrigación", "irrigacion",
		"explicación", "descripción", "observación", "nota",
		"propiedades", "consecuencia", "aplicaciones")
)

// isPluralES reports a Spanish noun phrase whose head (first word, or
// the word after an article) ends in -s.
func isPluralES(term string) bool {
	w := strings.Fields(strings.ToLower(term))
	if len(w) == 0 {
		return false
	}
	if (w[0] == "los" || w[0] == "las") && len(w) > 1 {
		return true
	}
	return strings.HasSuffix(w[0], "s") && len(w[0]) > 3
}

// nounPhrase turns a term into the noun phrase of a question: a common
// noun lower-cased and with its article, a name or code as written.
func (g *gen) nounPhrase(term string) (phrase string, plural bool) {
	if strings.Contains(term, "`") || strings.Contains(term, "_") {
		return term, false // "one_for_one": an identifier, written as is
	}
	words := strings.Fields(term)
	if len(words) == 0 {
		return term, false
	}
	first := strings.ToLower(words[0])
	head := headNoun(words)
	if first == "the" || first == "a" || first == "an" {
		return lowerTitleWord(term), isPluralWord(head)
	}
	plural = isPluralWord(head)
	if acronymModifier(words) && !plural && !isMassNoun(head) {
		// "LSM tree", "TCP handshake": an acronym modifying a common noun
		// takes the article of the acronym's spoken letters.
		return acronymArticle(words[0]) + " " + term, false
	}
	if !g.commonNoun(words) {
		// A name is singular ("Kubernetes", "Descartes") unless it is an
		// acronym with a plural s ("CPUs").
		last := words[len(words)-1]
		if lw := strings.ToLower(words[0]); len(words) > 1 && lowerTitleWord(words[0]) == lw && g.writtenLower(lw) {
			term = lowerTitleWord(term) // "Group 2" where the note also writes "group 2"
			if allCapitalised(strings.Join(words, " ")) {
				// "Fault Tolerance" as a bold label: all of it, not "fault Tolerance"
				phrase, plural := g.nounPhrase(lowerTitleWords(words))
				return phrase, plural
			}
		}
		acronymPlural := len(last) > 2 && strings.HasSuffix(last, "s") && strings.ToUpper(last[:len(last)-1]) == last[:len(last)-1]
		lowerPlural := len(words) > 1 && last == strings.ToLower(last) // "T helper cells"
		return definiteName(term), plural && (acronymPlural || lowerPlural)
	}
	if len(words) >= 2 && g.eponym(words[0]) {
		// "Golgi apparatus", "Krebs cycle", "Haber process": a name used
		// as a modifier keeps its capital and takes "the".
		return "the " + term, plural
	}
	phrase = lowerFirst(term) // by rune: "É" is two bytes
	if utf8.RuneCountInString(words[0]) == 1 || letterPrefix(words[0]) {
		phrase = term // "T wave", "X chromosome", "B-tree": a letter's name keeps its case
	}
	if plural || isMassNoun(head) || len(words) >= 3 && containsWord(words, "and") {
		return phrase, plural // "hold and wait": a named condition, no article
	}
	if len(words) >= 2 && uniqueHeads[strings.ToLower(head)] && !countableCompounds[strings.ToLower(term)] {
		return "the " + phrase, false // "the neighbour principle", "the sunk cost fallacy"
	}
	return indefinite(phrase) + " " + phrase, false
}

// acronymModifier reports "LSM tree", "TCP handshake": an acronym, then
// lower-case words.
func acronymModifier(words []string) bool {
	if len(words) < 2 || len(words) > 4 || len(words[0]) < 2 {
		return false
	}
	for _, r := range words[0] {
		if r < 'A' || r > 'Z' {
			return false // "を and から": no capital letters to spell
		}
	}
	for _, w := range words[1:] {
		if !allLetters(w) || strings.ToLower(w) != w {
			return false
		}
	}
	return true
}

// acronymArticle is "an" before an acronym spoken as letters that start
// with a vowel sound ("an LSM tree", "an HTTP request"), else "a".
func acronymArticle(acr string) string {
	if strings.ContainsRune("AEFHILMNORSX", rune(acr[0])) {
		return "an"
	}
	return "a"
}

// letterPrefix reports "B-tree", "T-cell", "X-ray": a capital letter's name
// joined to a word.
func letterPrefix(w string) bool {
	return len(w) > 2 && w[1] == '-' && w[0] >= 'A' && w[0] <= 'Z'
}

// uniqueHeads head a common noun phrase that names one thing: there is
// one neighbour principle, one pigeonhole principle.
var uniqueHeads = setOf("principle", "theorem", "paradox", "fallacy", "doctrine", "dilemma", "conjecture", "rule",
	"effect", "problem")

// countableCompounds have a unique head but name one of many.
var countableCompounds = setOf("side effect", "side effects", "adverse effect", "open problem",
	"hard problem", "decision problem", "search problem", "optimization problem", "optimisation problem")

// definiteName puts "the" before a capitalised name whose head is an
// institution, a law or an event ("Warsaw Pact", "Social Security Act",
// "French Revolution"); other names stay bare ("Kubernetes").
func definiteName(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "of" && w != "for" && w != "and" {
			return name
		}
	}
	if h := strings.Trim(headNoun(words), ".,;:"); institutionHeads[h] || uniqueHeads[strings.ToLower(h)] {
		return "the " + name // "the Warsaw Pact", "the Committee of Public Safety"
	}
	return name
}

var institutionHeads = setOf("Act", "Pact", "Treaty", "Corps", "Court", "Union", "Republic", "Empire",
	"Revolution", "War", "Deal", "Agreement", "Accord", "Convention", "Declaration", "Constitution",
	"Amendment", "Plan", "Doctrine", "Administration", "Reserve", "League", "Alliance", "Movement",
	"Conference", "Council", "Commission", "Party", "Senate", "Parliament", "Assembly", "Congress",
	"Bank", "Fund", "Organization", "Organisation", "Association", "Agency", "Bureau", "Authority",
	"Tribunal", "Committee", "Principle", "Fallacy", "Compromise", "Proclamation", "Crisis", "Blockade")

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}

// headNoun is the head of an English noun phrase: the word before its
// first preposition ("intention to create legal relations", "rate of
// change"), else its last word.
func headNoun(words []string) string {
	for i := 1; i < len(words); i++ {
		if headPrepositions[strings.ToLower(words[i])] {
			return words[i-1]
		}
	}
	return words[len(words)-1]
}

var headPrepositions = setOf("of", "to", "for", "in", "on", "with", "by", "from", "between", "under", "without")

// commonNoun reports whether a term is a common noun phrase, not a name:
// no word has capitals after its first letter (TCP, AlphaGo) or digits,
// later words are lower case, and a capitalised first word is one the
// note also writes in lower case.
func (g *gen) commonNoun(words []string) bool {
	for i, w := range words {
		for j, r := range w {
			if unicode.IsDigit(r) || j > 0 && unicode.IsUpper(r) {
				return false
			}
			if j == 0 && i > 0 && unicode.IsUpper(r) {
				return false
			}
		}
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	if !unicode.IsUpper(r) {
		return true
	}
	if strings.HasSuffix(words[0], "'s") || strings.HasSuffix(words[0], "’s") {
		return false // "Mendel's law", "Occam's razor": a name's possessive
	}
	w := strings.ToLower(strings.Trim(words[0], ".,;:()\"'"))
	if len(words) == 1 && utf8.RuneCountInString(w) <= 3 {
		return false // "Eq", "Ord", "Io": a name or an acronym
	}
	if g.writtenLower(w) {
		return true
	}
	if g.upper == nil {
		g.upper = midSentenceCapitals(g.src)
	}
	// A word the note capitalises inside sentences is a name ("we deploy
	// to Kubernetes"); otherwise a capital at the start of a bullet or a
	// cell is only the start of the line ("Armistice", "Latency").
	return !g.upper[w]
}

// midSentenceCapitals collects, lower-cased, the capitalised ASCII words
// the note writes after a lower-case word (so not at a sentence or line
// start).
func midSentenceCapitals(src []byte) map[string]bool {
	m := map[string]bool{}
	prevLower := false
	for i := 0; i < len(src); {
		c := src[i]
		if !isWordByte(c) {
			if c == '\n' || c == '.' || c == ':' || c == '!' || c == '?' || c == '|' || c == '*' || c == '#' || c == '-' {
				prevLower = false
			}
			i++
			continue
		}
		j := i
		for j < len(src) && isWordByte(src[j]) {
			j++
		}
		if c >= 'A' && c <= 'Z' && prevLower {
			m[strings.ToLower(string(src[i:j]))] = true
		}
		prevLower = c >= 'a' && c <= 'z'
		i = j
	}
	return m
}

// writtenLower reports whether the note writes word in lower case
// somewhere (so a capitalised occurrence is only the start of a line).
func (g *gen) writtenLower(word string) bool {
	if g.lower == nil {
		g.lower = lowerWords(g.src)
	}
	if g.lower[word] {
		return true
	}
	// "Threads" at a bullet's start, "thread" in the prose.
	if s := strings.TrimSuffix(word, "s"); s != word && g.lower[s] {
		return true
	}
	return g.lower[word+"s"]
}

// lowerWords collects the ASCII words the note writes starting with a
// lower-case letter, outside code spans: "`show`" is an identifier, not
// the note writing the word Show in lower case.
func lowerWords(src []byte) map[string]bool {
	m := make(map[string]bool, 256)
	inCode := false
	for i := 0; i < len(src); {
		c := src[i]
		if c == '`' || c == '\n' && inCode && i+1 < len(src) && src[i+1] == '\n' {
			inCode = c == '`' && !inCode // a code span ends at its backtick or a blank line
		}
		if inCode || !(c >= 'a' && c <= 'z') || i > 0 && isWordByte(src[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(src) && (src[j] >= 'a' && src[j] <= 'z' || src[j] == '-') {
			j++
		}
		if j-i >= 3 && (j == len(src) || !isWordByte(src[j])) {
			m[string(src[i:j])] = true
		}
		i = j
	}
	return m
}

// isPluralWord reports whether an English noun is plural: a regular -s
// ending (not -ss, -us, -is, -ics) or an irregular plural.
func isPluralWord(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,;:!?*_()\"'`"))
	if irregularPlurals[w] {
		return true
	}
	if singularS[w] || len(w) <= 3 {
		return false
	}
	if strings.HasSuffix(w, "ics") {
		return !fieldICS(w) // "vanity metrics", "heuristics" are plural; "optics" is a field
	}
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "ous")
}

// fieldICS reports a singular field name in -ics ("physics", "genomics",
// "pediatrics"); other -ics words are plurals ("metrics", "topics").
func fieldICS(w string) bool {
	if singularS[w] {
		return true
	}
	for _, suf := range fieldICSSuffixes {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

var fieldICSSuffixes = [...]string{"physics", "matics", "omics", "netics", "iatrics", "ethics", "guistics",
	"tistics", "nautics", "dynamics", "kinetics", "mechanics", "tronics", "ometrics", "optics", "acoustics",
	"robotics", "logistics", "thetics", "letics", "nastics", "forensics", "semiotics", "politics",
	"ceramics", "neutics", "phonics", "ballistics", "hydraulics", "pneumatics"}

// singularS are singular nouns ending in s.
var singularS = setOf("series", "species", "news", "lens", "bias", "atlas", "canvas", "chaos", "gas",
	"mass", "process", "address", "access", "class", "alias", "corpus", "virus", "status", "thesis",
	"analysis", "basis", "axis", "crisis", "diagnosis", "hypothesis", "synthesis", "mitosis",
	"meiosis", "osmosis", "homeostasis", "apoptosis", "genesis", "emphasis", "ethos", "pathos",
	"logos", "kudos", "physics", "mathematics", "economics", "genetics", "ethics", "politics",
	"linguistics", "statistics", "semantics", "pragmatics", "phonetics", "graphics", "dynamics",
	"mechanics", "thermodynamics", "diabetes", "measles", "herpes", "rabies", "tetanus", "lupus",
	"pancreas", "uterus", "fetus", "nucleus", "stimulus", "locus", "bus", "plus", "minus", "bonus",
	"consensus", "census", "campus", "cactus", "focus", "radius", "fungus", "sinus", "thorax",
	"Congress", "congress", "gps", "dns", "os", "ios", "has", "was", "is", "this", "its", "us")

// massSuffixes end nouns that take no article: processes, fields, states.
var massSuffixes = [...]string{"ing", "ism", "ness", "ity", "sis", "ics", "ation", "ance", "ence", "ency", "ancy",
	"ment", "ship", "dom", "hood", "logy", "phy", "try", "ture", "ledge", "age", "ery"}

// massNouns take no article though their ending does not say so.
var massNouns = setOf("information", "knowledge", "memory", "energy", "water", "light", "heat",
	"income", "consumption", "investment", "revenue", "demand", "supply", "unemployment", "growth",
	"wealth", "debt", "utility", "welfare", "productivity", "interest", "savings",
	"time", "money", "data", "research", "evidence", "software", "hardware", "music", "art", "law",
	"trade", "capital", "labor", "labour", "inflation", "deflation", "oxygen", "glucose", "insulin",
	"blood", "protein", "dna", "rna", "atp", "weight", "gravity", "friction", "momentum", "mass",
	"pressure", "entropy", "enthalpy", "temperature", "power", "work", "force", "speed", "velocity", "latency",
	"throughput", "bandwidth", "traffic", "democracy", "freedom", "justice", "religion",
	"philosophy", "grammar", "syntax", "feedback", "output", "input", "behaviour", "behavior",
	"attention", "consciousness", "perception", "cognition", "learning", "evolution", "selection",
	"mutation", "recombination", "respiration", "fermentation", "digestion", "absorption",
	"excretion", "circulation", "transcription", "translation", "replication", "inheritance",
	"polymorphism", "encapsulation", "abstraction", "concurrency", "parallelism", "recursion",
	"garbage", "nutrition", "hygiene", "anatomy", "physiology",
	"pathology", "immunity", "inflammation", "hypertension", "anemia", "sepsis", "shock", "pain")

// isMassNoun reports whether a head noun usually takes no article.
func isMassNoun(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,;:!?*_()\"'"))
	if massNouns[w] {
		return true
	}
	for _, s := range massSuffixes {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

// indefinite is "a" or "an" for the word that starts phrase.
func indefinite(phrase string) string {
	if len(phrase) == 1 || len(phrase) > 1 && phrase[1] == ' ' && phrase[0] >= 'A' && phrase[0] <= 'Z' {
		// A letter's name: "an F wave", "a U wave".
		if strings.ContainsRune("AEFHILMNORSX", rune(phrase[0])) {
			return "an"
		}
		return "a"
	}
	w := strings.ToLower(phrase)
	for _, p := range [...]string{"uni", "use", "usu", "eu", "one", "once", "ur"} {
		if strings.HasPrefix(w, p) {
			return "a"
		}
	}
	for _, p := range [...]string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(w, p) {
			return "an"
		}
	}
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

// genericTerms name a facet of something rather than a thing: as a card's
// whole subject they need their topic ("What are the triggers of
// asthma?").
var genericTerms = setOf("model", "models", "trigger", "triggers", "benefit", "benefits", "example",
	"examples", "advantage", "advantages", "disadvantage", "disadvantages", "pro", "pros", "con",
	"cons", "cause", "causes", "symptom", "symptoms", "sign", "signs", "treatment", "treatments",
	"type", "types", "kind", "kinds", "use", "uses", "purpose", "goal", "goals", "function",
	"functions", "role", "definition", "property", "properties", "feature", "features",
	"characteristic", "characteristics", "component", "components", "part", "parts", "structure",
	"mechanism", "effect", "effects", "risk", "risks", "risk factors", "diagnosis", "location",
	"size", "result", "results", "idea", "key idea", "main idea", "limitation", "limitations",
	"importance", "significance", "outcome", "outcomes", "member", "members", "instances",
	"methods", "method", "rules", "rule", "steps", "stages", "phases",
	"phase", "stage", "step", "limiting factors", "contributing factors", "complications", "prognosis", "management", "therapy", "drawbacks",
	"strengths", "weaknesses", "applications", "application", "consequences", "reasons", "reason",
	"origin", "history", "meaning", "formula", "equation", "units", "unit", "value", "values",
	"cost", "costs", "impact", "impacts", "problem", "problems", "solution", "solutions", "key points",
	"main points", "takeaways", "notes", "facts", "key facts", "overview", "summary", "mnemonic",
	"complexity", "runtime", "signature", "syntax", "implementation", "usage", "output", "input",
	"pathophysiology", "etiology", "epidemiology", "presentation", "investigations", "tests", "test",
	// the parts of a drug card
	"indication", "indications", "contraindication", "contraindications", "side effects",
	"adverse effects", "considerations", "brands", "brand names", "dosing", "dosage",
	"dose", "doses", "interactions", "precautions", "monitoring", "cautions",
	"mx", "tx", "dx", "ddx", // medical shorthand: mechanism, treatment, diagnosis, differentials
	"branches", "divisions", "subdivisions", "subtypes", "variants", "determinants",
	// the parts of a muscle card
	"insertion", "innervation", "blood supply", "nerve supply", "action", "actions",
	// the parts of a case brief
	"facts", "issue", "issues", "held", "holding", "ratio", "ratio decidendi", "obiter", "obiter dicta",
	"dissent", "reasoning", "judgment", "judgement", "decision", "procedural history", "disposition")

// isGeneric reports whether term, as a whole, is a generic facet word.
func isGeneric(term string) bool {
	t := strings.ToLower(strings.TrimSpace(stripEmphasis(term)))
	t = strings.TrimPrefix(t, "the ")
	if genericTerms[t] {
		return true
	}
	// "main causes", "common symptoms", "member type instances": facet
	// words, each at most led by modifiers that say nothing of the subject.
	f := strings.Fields(t)
	if len(f) >= 2 && (numberWords[f[0]] || startsWithDigit(f[0])) {
		return true // "two laws", "3 stages": counted parts of something
	}
	if len(f) < 2 || !genericTerms[f[len(f)-1]] {
		return false
	}
	for _, w := range f[:len(f)-1] {
		if !genericModifiers[w] && !genericTerms[w] {
			return false
		}
	}
	return true
}

var genericModifiers = setOf("member", "main", "key", "common", "major", "other", "important", "typical",
	"primary", "secondary", "general", "basic", "clinical", "possible", "potential", "two", "three",
	"four", "five", "several", "some", "few", "many")

// topicPhrase cleans a heading, parent item or label into the "of ..."
// part of a question: outline numbering, trailing colons and links
// dropped, a title-case first word lower-cased when the note writes it in
// lower case. Empty when nothing usable is left.
func (g *gen) topicPhrase(s string) string {
	if s = cleanTopic(s); s == "" {
		return ""
	}
	phrase, _ := g.nounPhrase(s)
	// "a process" as a topic reads "of processes" badly; keep the bare noun.
	for _, a := range [...]string{"a ", "an "} {
		phrase = strings.TrimPrefix(phrase, a)
	}
	return phrase
}

// cleanTopic is a heading, parent item or label cleaned into a topic as
// the note writes it (see topicPhrase), or "" when it makes none.
func cleanTopic(s string) string {
	s = strings.TrimSpace(stripEmphasis(s))
	s = stripEnumeration(s)
	s = strings.TrimRight(s, " :-–—")
	if i := strings.Index(s, ": "); i > 0 && (hasDigit(s[:i]) || studyLabels[strings.ToLower(s[:i])]) {
		s = strings.TrimSpace(s[i+2:]) // "DB systems wk 6: normalization", "Reading: BERT": the topic after the course or the kind of note
	}
	// "The Bitter Lesson — Rich Sutton (2019)", "Attention | DL6": the
	// title before the byline.
	for _, cut := range [...]string{"|", " — ", " – ", " - ", " ("} {
		if i := strings.Index(s, cut); i > 0 {
			if before, after := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(cut):]); hasDigit(lastWord(before)) && cut != " (" && hasLetter(after) {
				s = after // "Cardio L4 – Heart failure": the course code goes, the topic stays
			} else {
				s = before
			}
		}
	}
	if s == "" || countWords(s) > 8 || strings.ContainsAny(s, "?!;[]()") || !hasLetter(s) {
		return ""
	}
	words := strings.Fields(s)
	var buf [32]byte
	first := lowerBytes(buf[:0], words[0]) // m[string(first)] does not allocate
	if pronouns[string(first)] || termStartStop[string(first)] {
		return ""
	}
	if topicClauseStarts[string(first)] {
		return "" // "Existen tres causas", "There are two kinds": a sentence introducing a list
	}
	if len(words) > 1 && danglingPrepositions[string(lowerBytes(buf[:0], words[len(words)-1]))] {
		return "" // "Habla de:", "Talks about:": a label waiting for its object, not a topic
	}
	if partLabel(s) {
		return "" // "Lecture 20", "Segunda parte": where in the course, not what about
	}
	if low := strings.ToLower(s); metaTerms[low] || labelStop[low] || sectionName(low) || isGeneric(s) {
		return ""
	}
	return s
}

// studyLabels name the kind of note before its subject: "Reading: BERT",
// "Case brief: Donoghue v Stevenson".
var studyLabels = setOf("reading", "reading notes", "notes", "paper", "book", "book notes", "summary",
	"lecture", "lecture notes", "review", "revision", "case brief", "brief", "self-study", "zettel")

// modifierCompound reports a one-word hyphenated term built with a
// function word or a number ("many-to-one", "end-to-end", "one-way"): a
// modifier, which takes no article of its own.
func modifierCompound(term string) bool {
	if strings.ContainsAny(term, " `") || !strings.Contains(term, "-") {
		return false
	}
	for _, p := range strings.Split(strings.ToLower(term), "-") {
		if compoundParts[p] || numberWords[p] {
			return true
		}
	}
	return false
}

var compoundParts = setOf("to", "by", "of", "and", "on", "in", "one", "many", "all", "end", "way",
	"off", "up", "out", "at", "per", "non")

// singular is an English plural noun's singular (regular forms only).
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// eponym reports whether a capitalised first word of a term is a name:
// the note never writes it in lower case, and either capitalises it inside
// a sentence too or it ends the way Italian and Latin names do, not
// English nouns ("Golgi", "Fermi", "Bernoulli").
func (g *gen) eponym(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 4 {
		return false
	}
	l := strings.ToLower(strings.Trim(w, "*_"))
	if g.writtenLower(l) || stopWords[l] || genericModifiers[l] {
		return false
	}
	if g.upper == nil {
		g.upper = midSentenceCapitals(g.src)
	}
	return g.upper[l] || strings.HasSuffix(l, "i")
}

// lowerTitleWords lowers each word written in title case ("Fault
// Tolerance" -> "fault tolerance"), leaving acronyms and mixed case alone.
func lowerTitleWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = lowerTitleWord(w)
	}
	return strings.Join(out, " ")
}

// danglingPrepositions end a label that introduces what follows.
var danglingPrepositions = setOf("of", "about", "for", "to", "with", "on", "de", "del", "sobre", "para", "con",
	"von", "über", "mit", "für", "zu", "du", "des", "sur", "avec", "pour")

// bareNounPhraseDE reports a German term of several words with no article
// ("Standard-Makro Modelle", "Freier Markt"): "Was ist" would need the
// article and the number the words do not tell.
func bareNounPhraseDE(t string) bool {
	f := strings.Fields(t)
	if len(f) < 2 || len(f) > 4 || strings.ContainsAny(t, "`\"«»„“()") {
		return false
	}
	if termArticles[strings.ToLower(f[0])] {
		return false
	}
	for _, w := range f[1:] {
		if w == "der" || w == "des" || w == "von" || w == "dem" {
			return false // "Bestandteile der Makroökonomik": a facet of a subject, judged as before
		}
	}
	return capitalised(f[len(f)-1]) && !allCaps(f[len(f)-1])
}

// anyGeneric is isGeneric in any of the template languages.
func anyGeneric(t string) bool {
	return isGeneric(t) || isGenericDE(t) || isGenericES(t) || isGenericFR(t)
}

// topicClauseStarts open a label that is a sentence ("Existen tres
// causas:", "Es gibt zwei Arten:"), not a topic.
var topicClauseStarts = setOf("existen", "existe", "hay", "there", "es", "il", "son", "sont", "gibt")
