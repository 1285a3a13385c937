package generate

import (
	"strings"
	"testing"
)

func TestFindSep(t *testing.T) {
	tests := []struct {
		name, in    string
		left, right string // "" and "" with ok false: no separator
		ok          bool
	}{
		{"colon", "Term: definition", "Term", "definition", true},
		{"spaced colon", "Title : https://x.org", "Title", "https://x.org", true},
		{"em dash", "Term — definition", "Term", "definition", true},
		{"en dash", "**Ribosomes** – build proteins", "**Ribosomes**", "build proteins", true},
		{"colon at the end", "Process states:", "Process states", "", true},
		{"earliest wins", "PCB: record — state", "PCB", "record — state", true},
		{"time is no separator, the spaced hyphen is", "0:00 - Intro", "0:00", "Intro", true},
		{"URL scheme is no separator", "see https://x.org/a:b for more", "", "", false},
		{"colon in code", "`a: b` is YAML", "", "", false},
		{"colon in link text", "[Talk 1: Intro](https://x.org) here", "", "", false},
		{"double colon", "Capital::Nairobi", "", "", false},
		{"spaced hyphen, weakest", "Blog Post - https://x.org", "Blog Post", "https://x.org", true},
		{"hyphen in a word is no separator", "Self-attention: mixing tokens", "Self-attention", "mixing tokens", true},
		{"colon before spaced hyphen", "A - B: c", "A - B", "c", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln := scanLine(tt.in)
			sp, ok := ln.findSep()
			if ok != tt.ok {
				t.Fatalf("findSep ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			l, r := strings.TrimSpace(tt.in[:sp.at]), strings.TrimSpace(tt.in[sp.at+sp.width:])
			if l != tt.left || r != tt.right {
				t.Errorf("split %q | %q, want %q | %q", l, r, tt.left, tt.right)
			}
		})
	}
}

func TestScanLineLinks(t *testing.T) {
	tests := []struct {
		name, in string
		urls     []string
		prose    int
	}{
		{"bare URL", "GitHub: https://github.com/x/y.", []string{"https://github.com/x/y"}, 1},
		{"URL with parentheses", "see https://en.wikipedia.org/wiki/Kernel_(os) now", []string{"https://en.wikipedia.org/wiki/Kernel_(os)"}, 2},
		{"link", "[the manual](https://x.org/m \"Title\") today", []string{"https://x.org/m"}, 1},
		{"image", "![alt](img.png)", []string{"img.png"}, 0},
		{"autolink", "<https://x.org> fine", []string{"https://x.org"}, 1},
		{"nested brackets", "[(Post 1)](https://a.org/p)", []string{"https://a.org/p"}, 0},
		{"www", "go to www.example.com", []string{"www.example.com"}, 2},
		{"code is kept out of prose", "run `ls -la` now", nil, 2},
		{"hash tags are not prose", "Tags: #os #lecture", nil, 1},
		{"unclosed bracket", "[oops https://x.org", []string{"https://x.org"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln := scanLine(tt.in)
			var urls []string
			for _, l := range ln.links {
				urls = append(urls, l.url)
			}
			if strings.Join(urls, " ") != strings.Join(tt.urls, " ") {
				t.Errorf("urls %q, want %q", urls, tt.urls)
			}
			if got := ln.proseWords(); got != tt.prose {
				t.Errorf("proseWords = %d, want %d", got, tt.prose)
			}
		})
	}
}

func TestIsTracking(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fex.pegg.io", true},
		{"https://www.google.com/url?q=https://x.org", true},
		{"https://t.co/abc", true},
		{"https://l.facebook.com/l.php?u=x", true},
		{"https://eur01.safelinks.protection.outlook.com/?url=x", true},
		{"https://www.youtube.com/watch?v=eMlx5fFNoYc", false},
		{"https://arxiv.org/pdf/1301.3781.pdf", false},
		{"https://github.com/tensorflow/tensor2tensor", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := isTracking(tt.url); got != tt.want {
				t.Errorf("isTracking = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "One thing. Two things.", []string{"One thing.", "Two things."}},
		{"abbreviation", "Use a lock, e.g. a mutex. Then wait.", []string{"Use a lock, e.g. a mutex.", "Then wait."}},
		{"initials", "Written by J. R. Smith in 1999. Fine.", []string{"Written by J. R. Smith in 1999.", "Fine."}},
		{"decimal and file names", "Version 3.14 of main.go is out. Yes!", []string{"Version 3.14 of main.go is out.", "Yes!"}},
		{"lower case after stop", "It ends at 5 p.m. and then stops.", []string{"It ends at 5 p.m. and then stops."}},
		{"question and quote", "Why? \"Because\" it works.", []string{"Why?", "\"Because\" it works."}},
		{"closing quote", "He said \"stop.\" Then left.", []string{"He said \"stop.\"", "Then left."}},
		{"no final stop", "  A fragment without a stop  ", []string{"A fragment without a stop"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range sentenceSpans(tt.in) {
				got = append(got, tt.in[sp.start:sp.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommaItems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // nil: not a comma list
	}{
		{"oxford comma", "chess, Go, speech recognition, and computer vision.", []string{"chess", "Go", "speech recognition", "computer vision"}},
		{"and without comma", "red, yellow and blue", []string{"red", "yellow", "blue"}},
		{"bold code items", "**`a/b`**, **`c/d`**, and **`e`**", []string{"`a/b`", "`c/d`", "`e`"}},
		{"two items", "red and blue", nil},
		{"long items are prose", "a thread waits, the lock is held by another, and nothing moves", nil},
		{"links", "[a](https://a.org), [b](https://b.org), [c](https://c.org)", nil},
		{"commas in code", "`f(a, b, c)` only", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := commaItems(tt.in)
			if ok != (tt.want != nil) || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("commaItems = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

func TestCleanTerm(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means rejected
		code bool
	}{
		{"**Process**", "Process", false},
		{"Context switch", "Context switch", false},
		{"`restic check`", "`restic check`", true},
		{"**`--tag`**", "`--tag`", true},
		{"**PCB** (process control block)", "PCB (process control block)", false},
		{"Node.js", "Node.js", false},
		{"Date", "", false},
		{"My take", "", false},
		{"In particular", "", false},
		{"Mostly timing", "", false},
		{"Speech recognition went the same way", "", false},
		{"**A six word bold term here**", "A six word bold term here", false},
		{"**A seven word bold term goes here**", "", false},
		{"[Link](https://x.org)", "", false},
		{"e.g. this", "", false},
		{"- item", "", false},
		{"Things I like", "", false},
		{"``", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, code, ok := cleanTerm(tt.in)
			if !ok {
				got = ""
			}
			if got != tt.want || ok && code != tt.code {
				t.Errorf("cleanTerm = %q, code %v, ok %v; want %q, code %v", got, code, ok, tt.want, tt.code)
			}
		})
	}
}

func TestTextHelpers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"enumeration letter", stripEnumeration("d. best models"), "best models"},
		{"enumeration number", stripEnumeration("12) Why"), "Why"},
		{"enumeration roman", stripEnumeration("iv. Summary"), "Summary"},
		{"no enumeration", stripEnumeration("Go. Fast"), "Go. Fast"},
		{"title word", lowerTitleWord("Process states"), "process states"},
		{"hyphenated title word", lowerTitleWord("Self-play"), "self-play"},
		{"acronym", lowerTitleWord("LLM judges"), "LLM judges"},
		{"camel case", lowerTitleWord("AlphaGo's move"), "AlphaGo's move"},
		{"single capital", lowerTitleWord("A semaphore"), "a semaphore"},
		{"emphasis", stripEmphasis("**Bold** and _it_ and snake_case `a*b`"), "Bold and it and snake_case `a*b`"},
		{"cap first", capFirst("élan vital"), "Élan vital"},
		{"end sentence", endSentence("a map"), "a map."},
		{"keep end", endSentence("`ls -la`"), "`ls -la`"},
		{"shorten to a sentence", shorten("One two three four five six seven eight nine ten. Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one."), "One two three four five six seven eight nine ten."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one two  three", 3},
		{"`restic forget --keep-daily 7` removes", 2},
		{"a — b", 2},
		{"Title (https://x.org/a b)", 3},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := countWords(tt.in); got != tt.want {
				t.Errorf("countWords = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestIsTimestamp(t *testing.T) {
	for in, want := range map[string]bool{"0:00 - Intro": true, "21:37 - Up next": true, "1:02:03 x": true, "123:45": false, "10: 30": false, "a:00": false} {
		t.Run(in, func(t *testing.T) {
			if got := isTimestamp(in); got != want {
				t.Errorf("isTimestamp(%q) = %v, want %v", in, got, want)
			}
		})
	}
}

func TestHasTrigger(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"A semaphore is an integer variable.", true},
		{"Search and learning ARE THE two methods.", true},
		{"Starvation means a thread waits.", true},
		{"Overfitting refers to fitting noise.", true},
		{"Queries and keys combine into scores.", true},
		{"thinking of the combination of the value and output matrices", true},
		{"A general method is one that keeps improving.", true},
		{"This island is big.", false},
		{"The means to an end.", true}, // a pre-filter: the rule itself rejects it
		{"Recombined into one.", false},
		{"He referred to it.", false},
		{"Round robin gives each thread a slice.", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := hasTrigger(tt.in); got != tt.want {
				t.Errorf("hasTrigger = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSentenceTrigger(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Monte Carlo tree search is the method behind AlphaGo.", true},
		{"It is the compute that wins.", false},
		{"This means the rules must filter first.", false},
		{"In particular, I started thinking of the combination of x as y.", true},
		{"In computer chess, the program that beat Kasparov in 1997 is the one we studied.", false},
		{"Over a longer horizon, though, what people really wanted all along is the compute.", false},
		{"In the end, after all the work, queries and keys combine into attention scores.", true},
		{"It was only after reading these that I started thinking of the combination of x as y.", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := sentenceTrigger(tt.in); got != tt.want {
				t.Errorf("sentenceTrigger = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSentenceSpansForeignAbbreviations(t *testing.T) {
	s := "Linke (z.B. Kommunisten) und rechte Parteien gewannen. Die NSDAP profitierte."
	if got := sentenceSpans(s); len(got) != 2 {
		t.Errorf("sentenceSpans(%q) = %d sentences, want 2 (z.B. ends none)", s, len(got))
	}
}
