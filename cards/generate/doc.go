// Package generate makes flashcards from plain Markdown notes that carry no
// card markup (docs/notes-to-cards.md §3).
//
// Rules is a markdown.Generator built from five precise rule families, each
// named in the card's Origin:
//
//   - "definition": `- **Term**: definition`, `Term — definition`, Markdown
//     definition lists → "What is Term?" (or "What does `cmd` do?").
//   - "topic-reference": `**topic** : Title : URL` → "Which work covers
//     topic?" → "Title (URL)".
//   - "question-heading": a heading phrased as a question → the first
//     paragraph, list or short code block under it.
//   - "labelled-list": `label:` followed by a short list, or `label: a, b, c`
//     → "What are the label?" → "a; b; c".
//   - "sentence": prose patterns found with a part-of-speech tagger
//     (github.com/jdkato/prose/v3): "X combine(s) into Y", "thinking of the
//     combination of X as Y", "X is/are a/an/the Y", "X means / refers to Y".
//
// Every candidate then passes Check (the quality checks shared with the
// language-model generator) and Dedupe (near-duplicates among the note's own
// cards and its explicit cards). A bad card costs the user more than a
// missing one, so every rule errs on the side of making nothing.
//
// The tagger is loaded lazily, once, and only when a sentence passes a cheap
// string pre-filter; notes without candidate sentences never touch it.
package generate
