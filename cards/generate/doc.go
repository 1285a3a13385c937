// Package generate makes flashcards from plain Markdown notes that carry no
// card markup (docs/notes-to-cards.md §3).
//
// Rules reads a note as an outline (outline.go, indented.go): headings,
// paragraphs, list items with their children, label paragraphs ("Causes:")
// over lists, tables, and tab- or space-indented outlines that Markdown
// takes for code or for one paragraph. Each block knows its topic (parent
// item, label or heading), so a generic term takes its topic into the
// question ("What are the triggers of asthma?") and items under
// "Examples:" or "Similar ideas in other languages:" give nothing. A card
// is reviewed alone, weeks later: a short term and the left side of an
// arrow name their topic once the card is scored ("What is a body
// (wine)?", "Warfarin: slow onset -> ?"; topicname.go).
//
// The rules, each named in the card's Origin: definition, abbreviation,
// topic-definition, topic-children, topic-fact (a predicate item under its
// topic: "What does a process have?", "Where are alkali metals stored?",
// topicfacts.go), labelled-list, attribute (one card per item of a
// property list, attributes.go), table (also superlatives asked the way
// back and rows of words under conditions), code-gloss ("2xx success"),
// relation, equation, question-item, question-heading, topic-reference,
// attribution, case (law cases), date ("When did ...?" for timeline items
// and dated clauses, dates.go), sentence (English prose patterns found
// with the part-of-speech tagger github.com/jdkato/prose/v3; German,
// Spanish and French defining sentences read by shape, copula.go),
// verb-sentence (English "X records Y", "X was led by Y"), reason ("A, so
// B" and "B because A" as "Why B?", reasons.go), member-list (a plural
// set name over a comma list of its members: "What are the alkali
// metals?", members.go), pros-cons ("Pros: a, b" or "Disadvantages:"
// over a list, under what they judge: "What are the advantages of an LSM
// tree?", proscons.go) and cloze.
// questions.go phrases "What is a process?" / "What are user threads?" /
// "What is the Golgi apparatus?" from the term itself and from how the
// note writes it; lang.go picks English, German, Spanish or French
// templates, and other languages get only the language-neutral rules.
//
// meta.go tells the note's subject from talk about studying it (notes to
// self, hedges, exam tips, schedules) by structure and a general
// study-admin vocabulary; credits.go reads reading-list entries
// "Title (Author): link".
//
// Every candidate passes Check (the quality checks shared with the
// language-model generator) and Dedupe (near-duplicates among the note's
// own cards and its explicit cards, never two different terms), then gets
// a Confidence (confidence.go). At or above AutoThreshold a card is added;
// below, the caller keeps it as a suggestion for the user to accept or
// reject. A bad card costs the user more than a missing one, so every rule
// errs on the side of making nothing, and doubtful shapes score below the
// threshold; the table, code-gloss and verb-sentence rules make only
// suggestions (suggestOnly in confidence.go).
//
// Cost: the tagger is loaded lazily, once, and a sentence is tokenized and
// tagged once, only when a cheap string pre-filter says a sentence rule can
// fire (its verb among the first words, a simple noun-phrase subject before
// it). Stems are computed once per card; an explicit card is stemmed only
// when it may be a near-duplicate. A note is turned into a string once;
// the rules share a block's lines (gen.rawLines), line scans (gen.scan),
// plain text and sentences (gen.sentencesOf). The helpers that run on
// every line or word (markup and verb pre-filters, word counts, language
// markers) use byte tables or vectorised byte searches, and split and
// lower-case words into arrays on the stack; fastpath_test.go checks them
// against the plain code. Where several tests each reject, the cheap ones
// run first. TestOutputDump pins every generated card, so a change for
// speed must change no card. BenchmarkVaultNote measures the rules' share
// of decks/ingest's BenchmarkAddVault; BenchmarkVaultNoteExplicit adds
// each note's explicit cards, as the ingest passes them to Dedupe.
package generate
