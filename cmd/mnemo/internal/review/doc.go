// Package review runs a study session in the terminal: the interactive
// bubbletea TUI (RunTUI) and the plain line protocol (RunPlain). It never
// opens the collection: the caller hands it a Session that does the
// scheduling and storage.
//
// # The TUI
//
// The screen shows the deck and what is left (new · learning · review in
// Anki's blue, red and green, the queue of the card on screen underlined),
// a progress bar (cards done / done + left), the card's heading path and
// source, and the question rendered from Markdown in glamour's look (code
// in one colour, wrapped to the window, at most 100 columns). Space or enter
// shows the answer; 1-4 rate it (each button shows its next interval:
// "1 Again 1m · 2 Hard 5m · 3 Good 10m · 4 Easy 16d"), and once the answer
// is shown space or enter also rate Good, as in Anki. u undoes, s
// suspends, b buries, e opens the note in $EDITOR at the card's line and
// reloads it afterwards, o opens the card's image or sound in the system
// viewer, ↑/↓/pgup/pgdn scroll a long card, ? shows every
// key and q or ctrl+c quit. When the queue is empty a summary screen
// follows (u still undoes the last action); the review runs on the
// alternate screen, and on leaving it the summary is printed to the
// terminal so it stays in the scrollback. NO_COLOR drops all colour. Keys
// typed while the Session is busy are applied in order afterwards.
//
// # The plain line protocol
//
// RunPlain reads one command per line and writes lines that start with a
// fixed word, so scripts can match them and screen readers read them in
// order. All output is UTF-8; "·" separates fields. For each card:
//
//	card <id> · <deck> · <n> new · <n> learning · <n> review
//	context: <heading > path>        only if the card has one
//	source: <path>:<line>            only if the card has a source note
//	Q: <question>
//	[enter] show answer
//
// Question and answer are printed as plain text: Markdown markup is
// removed, links are "text (url)", images "[image: alt]", list items keep
// "- " or "1. ", table cells are joined with " | ", a paragraph is one
// line and empty lines are dropped. A text of several lines continues on
// lines indented by three spaces (the width of "Q: "), so every line
// that does not start with three spaces begins with one of the words
// listed here. A cloze question shows its deletion as "[...]" or
// "[hint]".
//
// An empty line or "show" prints the answer and the four ratings with
// their next intervals:
//
//	A: <answer>
//	rate: 1 again (1m) · 2 hard (5m) · 3 good (10m) · 4 easy (16d)
//
// Then "1"-"4" or "again", "hard", "good", "easy" (any case) rate the
// card and the next card follows. The replies are:
//
//	rated <again|hard|good|easy> · next in <interval>
//	leech: <message>                 after "rated", when the card became a leech
//	undone: card <id>                "u" or "undo"; the undone card is asked again
//	nothing to undo                  "u" with nothing to undo; the card stays
//	suspended: card <id>             "s" or "suspend"
//	buried: card <id>                "b" or "bury"
//	keys: ...                        "?" or "help": the commands, on one line
//	hint: ...                        an unknown command (or a rating before the
//	                                 answer is shown); the card is asked again
//	error: <message>                 a Session error; the card is asked again
//
// Intervals are written as on Anki's buttons: "<1m", "10m", "3h", "16d",
// "1.5mo", "2.3y". "q", "quit" or the end of the input end the session
// cleanly; so does an empty queue, announced by
//
//	done: no more cards due
//
// The last line is always the summary:
//
//	summary: <n> reviewed · <n> again (<p>%) · <time> · <n> due tomorrow · <n> new tomorrow
//
// where time is "45s", "3m 05s" or "1h 02m".
//
// # Errors
//
// Session errors are shown (on screen, or as an "error:" line) and the
// card stays; an error wrapping ErrFatal, or the end of the context, ends
// the session and is returned with the summary so far.
package review
