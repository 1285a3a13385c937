package generate

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// qa is the part of a card a rule decides.
type qa struct{ origin, q, a string }

func (x qa) String() string { return fmt.Sprintf("[%s] %q → %q", x.origin, x.q, x.a) }

func rulesOn(md string) []qa {
	doc := markdown.ParseDocument("note.md", []byte(md))
	var out []qa
	for _, c := range Rules(doc) {
		out = append(out, qa{c.Origin, c.Question, c.Answer})
	}
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		// definitions
		{"bold colon definition", "- **Latency**: the time a request waits before work starts.\n",
			[]qa{{OriginDefinition, "What is latency?", "the time a request waits before work starts."}}},
		{"plain colon definition", "* Throughput: requests served per second\n",
			[]qa{{OriginDefinition, "What is throughput?", "requests served per second"}}},
		{"em dash definition", "- Idempotence — applying an operation twice has the same effect as once\n",
			[]qa{{OriginDefinition, "What is idempotence?", "applying an operation twice has the same effect as once"}}},
		{"markdown definition list", "Entropy\n: the expected surprise of a distribution.\n",
			[]qa{{OriginDefinition, "What is entropy?", "the expected surprise of a distribution."}}},
		{"code term reads as what it does", "- `git stash`: shelves uncommitted changes\n",
			[]qa{{OriginDefinition, "What does `git stash` do?", "shelves uncommitted changes"}}},
		{"code term with a noun definition", "- `int64`: a signed 64-bit integer\n",
			[]qa{{OriginDefinition, "What is `int64`?", "a signed 64-bit integer"}}},
		{"bold term with a gloss", "- **PCB** (process control block): the kernel's record of a process\n",
			[]qa{{OriginDefinition, "What is PCB (process control block)?", "the kernel's record of a process"},
				{OriginAbbreviation, "What does PCB stand for?", "Process control block"}}},
		{"run of definition lines in a paragraph", "Latency: time to the first byte\nThroughput: requests per second\n",
			[]qa{{OriginDefinition, "What is latency?", "time to the first byte"}, {OriginDefinition, "What is throughput?", "requests per second"}}},
		{"wrapped definition item", "- **Context switch**: saving the registers of one thread\n  and loading those of the next\n",
			[]qa{{OriginDefinition, "What is a context switch?", "saving the registers of one thread and loading those of the next"}}},
		{"right side only a URL", "- Kernel: https://en.wikipedia.org/wiki/Kernel\n", nil},
		{"right side only a link", "- Docs: [the manual](https://example.com/manual)\n", nil},
		{"right side empty", "- Dispatcher:\n", nil},
		{"bare title and URL", "- A Mathematical Framework for Transformer Circuits : https://transformer-circuits.pub/\n", nil},
		{"bare title and link", "- Attention Is All You Need : [PDF](papers/attention.pdf)\n", nil},
		{"title and image", "- Aligning Open Language Models : ![](Pasted%20image.png)\n", nil},
		{"redirect link", "- Cheat Sheet: [https://ex.pegg.io](https://www.youtube.com/redirect?event=x&q=https%3A%2F%2Fex.pegg.io)\n", nil},
		{"metadata lines", "Date: 2024-10-03\nAuthor: Jane Smith, reviewer\nTags: #os #lecture\n", nil},
		{"aside labels", "Note: the midterm covers chapters four to seven.\nTODO: redo the exercise from section.\n", nil},
		{"clause before the colon", "My take: the lesson is a heuristic rather than a law.\n", nil},
		{"long left side", "Speech recognition went the same way: statistical methods beat rules.\n", nil},
		{"hard-wrapped prose with a colon", "The field went much the same\nway: statistical methods beat rules.\n", nil},
		{"title-case right side", "- Fact Finding: Attempting to Reverse-Engineer Factual Recall on the Neuron Level\n", nil},
		{"date on the right", "Last tested: 2025-03-02 on macOS 15\n", nil},
		{"comma list after a singular label", "Team: Priya, Tom, Ana\n", nil},
		{"timestamp is not a separator", "- 0:00 - Where facts in LLMs live\n", nil},
		{"explicit inline card is the reader's", "Capital of Kenya::Nairobi\n", nil},
		{"explicit Q/A card is the reader's", "Q: What is the capital of Kenya?\nA: Nairobi\n", nil},
		{"fenced code is skipped", "```\nTerm: a definition inside code\n```\n", nil},
		{"definition table", "| Term | Meaning |\n|---|---|\n| Latency: | the time to wait |\n",
			[]qa{{OriginTable, "What is latency?", "the time to wait"}}},
		// issue 9's rejected cards
		{"a task is no term", "- Set up monitoring: before launch we need dashboards\n", nil},
		{"a pronoun phrase is no term", "- One reason: the servers cost too much money\n", nil},
		{"a vague answer", "- Delegation: an essential aspect of managing\n", nil},
		{"examples of other languages are no definitions", "Similar ideas in other languages:\n\n- C++: abstract class\n- Java: interface\n", nil},
		{"two possibilities are no definitions", "Two possibilities:\n\n- retry: send the request again later\n- abort: give up and report\n", nil},
		{"a generic term takes its heading", "## Eq\n\n- member type instances: Int, Bool and Char\n",
			[]qa{{OriginLabelledList, "What are the member type instances of Eq?", "Int; Bool; Char"}}},
		{"an adjective asks what it means", "- funny: the demo crashed twice in a row\n",
			[]qa{{OriginDefinition, "What does funny mean?", "the demo crashed twice in a row"}}},
		{"articles and plurals", "- Process: a program in execution\n- User threads: threads managed by a library in user space\n",
			[]qa{{OriginDefinition, "What is a process?", "a program in execution"}, {OriginDefinition, "What are user threads?", "threads managed by a library in user space"}}},
		{"asides are dropped", "- Kernel: the core of the OS (haha) that manages the hardware\n",
			[]qa{{OriginDefinition, "What is a kernel?", "the core of the OS that manages the hardware"}}},
		{"a count under a plural header", "The planets and the moons that they have:\n\n| Planet | Moons | Notes |\n|---|---|---|\n| Jupiter | 95 | largest planet |\n",
			[]qa{{OriginTable, "How many moons does Jupiter have?", "95"}}},
		{"a kind of its parent is defined", "- Anomalies\n    - deletion anomaly: deleting a row loses other info you wanted\n",
			[]qa{{OriginDefinition, "What is a deletion anomaly?", "deleting a row loses other info you wanted"}}},
		{"a modifier compound takes its heading", "## Multithreading models\n\n- many-to-one: many user threads mapped to one kernel thread\n",
			[]qa{{OriginDefinition, "What is the many-to-one multithreading model?", "many user threads mapped to one kernel thread"}}},
		{"an attribute list gives one card per thing", "Intrinsic rates (good exam q):\n\n- SA node 60–100/min\n- ventricles 20–40/min\n",
			[]qa{{OriginAttribute, "What is the intrinsic rate of the SA node?", "60–100/min"}, {OriginAttribute, "What is the intrinsic rate of the ventricles?", "20–40/min"}}},
		{"a group label is no attribute", "## Lung cancer\n\nCauses:\n\n- smoking 40%\n- asbestos 20%\n",
			[]qa{{OriginLabelledList, "What are the causes of lung cancer?", "smoking 40%; asbestos 20%"}}},
		{"an acronym item spelled out by its first child", "- HTTP\n    - HyperText Transfer Protocol, runs over TCP\n    - stateless\n",
			[]qa{{OriginAbbreviation, "What does HTTP stand for?", "HyperText Transfer Protocol"}}},
		{"an example column asks for its class", "Antibiotics by mechanism, for the pharmacology exam block:\n\n| Class | Example | Mechanism |\n|---|---|---|\n| Macrolides | azithromycin | bind 50S subunit |\n",
			[]qa{{OriginTable, "Which class does azithromycin belong to?", "Macrolides"}, {OriginTable, "What is the mechanism of Macrolides?", "bind 50S subunit"}}}, // one row: no lower-case evidence
		{"a glossary paragraph mixing = and -", "IPA = International Phonetic Alphabet, one symbol per sound\nphoneme - the smallest unit of sound that can distinguish meaning\n",
			[]qa{{OriginAbbreviation, "What does IPA stand for?", "International Phonetic Alphabet"}, {OriginEquation, "What is IPA?", "International Phonetic Alphabet, one symbol per sound"},
				{OriginDefinition, "What is a phoneme?", "the smallest unit of sound that can distinguish meaning"}}},
		{"an acronym over one child per letter", "- ACID\n    - Atomicity: all or nothing\n    - Consistency: valid state to valid state\n    - Isolation: concurrent transactions do not interfere\n    - Durability: committed changes survive a crash\n",
			[]qa{{OriginAbbreviation, "What does ACID stand for?", "Atomicity, Consistency, Isolation, Durability"},
				{OriginDefinition, "What is atomicity (ACID)?", "all or nothing"}, {OriginDefinition, "What is consistency (ACID)?", "valid state to valid state"},
				{OriginDefinition, "What is isolation (ACID)?", "concurrent transactions do not interfere"}, {OriginDefinition, "What is durability (ACID)?", "committed changes survive a crash"}}},
		{"a numbered class is a term", "Periodic table groups, revision sheet for the test.\n\n- Group 2 - alkaline earth metals\n",
			[]qa{{OriginDefinition, "What is group 2?", "alkaline earth metals"}}}, // the note writes "groups" in lower case
		{"German examples are no definitions", "# Physik\n\nBeispiele für Leiter:\n\n- Kupfer: ein Metall, das Strom gut leitet\n- Graphit: eine Form von Kohlenstoff, die leitet\n", nil},
		{"table of links is skipped", "| Paper | Link |\n|---|---|\n| Attention | [pdf](https://arxiv.org/abs/1706.03762) |\n", nil},

		// topic → reference
		{"bold topic, title, URL", "- **attention** : Attention Is All You Need : https://arxiv.org/abs/1706.03762\n",
			[]qa{{OriginTopicReference, "Which work covers attention?", "Attention Is All You Need (https://arxiv.org/abs/1706.03762)"}}},
		{"topic, title with a colon, URL", "- **CPU scheduling** : OSTEP chapter 7, Scheduling: Introduction : https://pages.cs.wisc.edu/~remzi/OSTEP/cpu-sched.pdf\n",
			[]qa{{OriginTopicReference, "Which work covers CPU scheduling?", "OSTEP chapter 7, Scheduling: Introduction (https://pages.cs.wisc.edu/~remzi/OSTEP/cpu-sched.pdf)"}}},
		{"bold topic and a titled link", "- **word vectors** : [Efficient Estimation of Word Representations](https://arxiv.org/abs/1301.3781)\n",
			[]qa{{OriginTopicReference, "Which work covers word vectors?", "Efficient Estimation of Word Representations (https://arxiv.org/abs/1301.3781)"}}},
		{"topic reference through a redirect", "- **explainability** : Cheat Sheet : https://www.youtube.com/redirect?q=https%3A%2F%2Fex.pegg.io\n", nil},
		{"topic reference with a truncated title", "- **explainability** : Practical Talk 1: Explainability for ... : https://example.com/talk\n", nil},

		// question headings
		{"heading ending in a question mark", "## Is the sky blue because of scattering?\n\nYes: Rayleigh scattering favours short wavelengths.\n",
			[]qa{{OriginQuestionHeading, "Is the sky blue because of scattering?", "Yes: Rayleigh scattering favours short wavelengths."}}},
		// A wh-title with a link and no question mark names a linked video or
		// talk; the text under it describes the work, it does not answer.
		{"wh title of a linked video", "### How might LLMs store facts | DL7 [Link](https://www.youtube.com/watch?v=9)\n=====\n\nIn the MLP blocks, as directions in a high-dimensional space\n", nil},
		{"question heading with a source link", "### Why do leaves turn red in autumn? [source](https://example.org/leaves)\n\nAnthocyanins are made as chlorophyll breaks down.\n",
			[]qa{{OriginQuestionHeading, "Why do leaves turn red in autumn?", "Anthocyanins are made as chlorophyll breaks down."}}},
		{"numbered wh heading", "## 2. Why do we need a scheduler?\n\nMore threads are ready to run than there are CPUs.\n",
			[]qa{{OriginQuestionHeading, "Why do we need a scheduler?", "More threads are ready to run than there are CPUs."}}},
		{"heading with nothing under it", "## What is a monad?\n\n## Next topic\n\nSomething else.\n", nil},
		{"heading at the end of the note", "Intro.\n\n### What did we decide about paging?\n", nil},
		{"heading over a list", "## Which planets are gas giants?\n\n- Jupiter\n- Saturn\n",
			[]qa{{OriginQuestionHeading, "Which planets are gas giants?", "Jupiter; Saturn"}}},
		{"heading over an intro and code", "## How do I list hidden files?\n\nRun:\n\n```sh\nls -la\n```\n",
			[]qa{{OriginQuestionHeading, "How do I list hidden files?", "`ls -la`"}}},
		{"heading over links only", "## What to read next?\n\n- [A paper](https://a.org/p)\n- [Another](https://b.org/q)\n", nil},
		{"long answer is shortened to a clause", "## Why do we need a scheduler?\n\nMore threads are ready to run than there are CPUs, so something has to decide which one runs next and for how long.\n",
			[]qa{{OriginQuestionHeading, "Why do we need a scheduler?", "More threads are ready to run than there are CPUs."}}},
		{"restated subject is dropped", "## What is restic?\n\nRestic is a fast, encrypted backup program.\n",
			[]qa{{OriginQuestionHeading, "What is restic?", "A fast, encrypted backup program."}}},
		{"statement heading", "## Install\n\nRun the installer and follow the prompts.\n", nil},

		// labelled lists
		{"label over a list", "Process states:\n- new\n- ready\n- running\n",
			[]qa{{OriginLabelledList, "What are the process states?", "new; ready; running"}}},
		{"label with a comma list", "Primary colours: red, yellow, and blue.\n",
			[]qa{{OriginLabelledList, "What are the primary colours?", "red; yellow; blue"}}},
		{"heading label with a comma list", "### d. best models on chatbot arena : **`gemma-2-9b`**, **`gemma-2-27b`**, and **`ArmoRM-8B`**\n",
			[]qa{{OriginLabelledList, "What are the best models on chatbot arena?", "`gemma-2-9b`; `gemma-2-27b`; `ArmoRM-8B`"}}},
		{"heading label over a list", "## Process states:\n- new\n- ready\n",
			[]qa{{OriginLabelledList, "What are the process states?", "new; ready"}}},
		{"timestamped sections", "Sections:\n* 0:00 - Where facts in LLMs live\n* 2:15 - Quick refresher\n", nil},
		{"label over links", "Papers on attention heads:\n- [MoH](https://arxiv.org/abs/2410.11842)\n- [MoA](https://arxiv.org/abs/2210.05144)\n", nil},
		{"label over definitions gives the definitions", "Flags I use:\n- `--tag`: labels the snapshot\n- `--dry-run`: prints what would happen\n",
			[]qa{{OriginDefinition, "What does `--tag` do?", "labels the snapshot"}, {OriginDefinition, "What does `--dry-run` do?", "prints what would happen"}}},
		{"a sentence ending in a colon is no label", "If you want to go deeper, I would suggest these next steps for the weekend:\n- read the paper\n- watch the talk\n", nil},
		{"generic label", "Resources:\n- the paper\n- the talk\n", nil},
		{"title with a subtitle", "# Lecture 6: Processes, threads and scheduling\n", nil},

		// sentences
		{"headline combination", "In particular, it was only after reading one of these that I started thinking of the combination of the value and output matrices as being a combined low-rank map from the embedding space to itself, which, at least in my mind, made things much clearer.\n",
			[]qa{{OriginSentence, "What do the value and output matrices combine into?", "A combined low-rank map from the embedding space to itself."}}},
		{"combine into", "Queries and keys combine into attention scores.\n",
			[]qa{{OriginSentence, "What do queries and keys combine into?", "Attention scores."}}},
		{"combines into after an intro phrase", "In the end, the residual stream combines into a single vector per token.\n",
			[]qa{{OriginSentence, "What does the residual stream combine into?", "A single vector per token."}}},
		{"is a", "A semaphore is an integer variable with atomic wait and signal operations.\n",
			[]qa{{OriginSentence, "What is a semaphore?", "An integer variable with atomic wait and signal operations."}}},
		{"is one that", "A general method is one that keeps improving with more computation.\n",
			[]qa{{OriginSentence, "What is a general method?", "One that keeps improving with more computation."}}},
		{"means", "Starvation means a thread never gets the CPU.\n",
			[]qa{{OriginSentence, "What does starvation mean?", "A thread never gets the CPU."}}},
		{"refers to", "Overfitting refers to fitting noise in the training data.\n",
			[]qa{{OriginSentence, "What does overfitting refer to?", "Fitting noise in the training data."}}},
		{"in a list item", "- Dropout is a regulariser that zeroes random activations during training.\n",
			[]qa{{OriginSentence, "What is dropout?", "A regulariser that zeroes random activations during training."}}},
		{"a kind of", "Slices are a kind of reference to a contiguous sequence of elements.\n",
			[]qa{{OriginSentence, "What are slices?", "A kind of reference to a contiguous sequence of elements."}}},
		{"a kind of vague thing", "Tuning is a kind of thing you learn by doing.\n", nil},
		{"pronoun subject", "It is a good idea to test first.\n", nil},
		{"demonstrative subject", "This is the main result of the paper.\n", nil},
		{"vague subject", "The result is a mess of special cases.\n", nil},
		{"vague object", "Moore's law is the reason this keeps happening.\n", nil},
		{"one without a relative clause", "The lesson is a bitter one because it hurts.\n", nil},
		{"too short to teach", "Go is a language.\n", nil},
		{"subordinate clause", "If the cache is a bottleneck, add memory.\n", nil},
		{"means after which", "The tagger is slow, which means the rules must filter first.\n", nil},
		{"combination used as", "I used the combination of queries and keys as a baseline for the benchmark.\n", nil},
		{"possessive subject", "My favourite editor is the one with modal editing.\n", nil},
		{"no trigger", "Round robin gives each ready thread a fixed time slice in turn.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesOn(tt.md)
			if !sameQA(got, tt.want) {
				t.Errorf("got %d cards:\n%s\nwant %d:\n%s", len(got), listQA(got), len(tt.want), listQA(tt.want))
			}
		})
	}
}

func sameQA(a, b []qa) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func listQA(x []qa) string {
	var b strings.Builder
	for _, c := range x {
		b.WriteString("  " + c.String() + "\n")
	}
	return b.String()
}

func TestRulesCardFields(t *testing.T) {
	md := "# Ops\n\n## Terms\n\n- **Latency**: the time a request waits\n  before work starts.\n\n## Why do caches help?\n\nThey keep hot data close to the CPU.\n"
	doc := markdown.ParseDocument("/notes/ops.md", []byte(md))
	got := Rules(doc)
	if len(got) != 2 {
		t.Fatalf("got %d cards, want 2: %+v", len(got), got)
	}
	tests := []struct {
		name      string
		card      cards.Card
		line, end int
		context   []string
	}{
		{"definition", got[0], 5, 6, []string{"Ops", "Terms"}},
		{"question heading", got[1], 8, 10, []string{"Ops"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.card
			if c.Kind != cards.KindBasic || c.ID != "" || c.Deck != "" || c.Tags != nil || c.Note != "" {
				t.Errorf("kind %q id %q deck %q tags %v note %q: want basic and the rest unset", c.Kind, c.ID, c.Deck, c.Tags, c.Note)
			}
			if c.Source != (cards.Source{Path: "/notes/ops.md", Line: tt.line, EndLine: tt.end}) {
				t.Errorf("source %+v, want lines %d-%d of /notes/ops.md", c.Source, tt.line, tt.end)
			}
			if strings.Join(c.Context, " > ") != strings.Join(tt.context, " > ") {
				t.Errorf("context %q, want %q", c.Context, tt.context)
			}
		})
	}
}

func TestRulesDedupeAgainstExplicit(t *testing.T) {
	md := "- **Latency**: the time a request waits before work starts.\n- **Jitter**: the variation in latency between requests.\n"
	doc := markdown.ParseDocument("n.md", []byte(md))
	doc.Explicit = []cards.Card{{Kind: cards.KindBasic, Question: "What is latency?", Answer: "The time a request waits before work starts"}}
	kept, rejected := Explain(doc)
	if len(kept) != 1 || kept[0].Question != "What is a jitter?" {
		t.Errorf("kept %+v, want only the Jitter card", kept)
	}
	if len(rejected) != 1 || !strings.Contains(rejected[0].Reason, "What is latency?") {
		t.Errorf("rejected %+v, want the Latency card as a duplicate of the explicit one", rejected)
	}
}

func TestRulesDedupeAmongOwnCards(t *testing.T) {
	md := "## What is restic?\n\nRestic is a fast, encrypted, deduplicating backup program written in Go.\n\n" +
		"Restic is a fast backup program that encrypts and deduplicates.\n"
	kept, rejected := Explain(markdown.ParseDocument("n.md", []byte(md)))
	if len(kept) != 1 || kept[0].Origin != OriginQuestionHeading {
		t.Fatalf("kept %+v, want the question-heading card only", kept)
	}
	if len(rejected) != 1 || rejected[0].Card.Origin != OriginSentence {
		t.Errorf("rejected %+v, want the sentence card as its duplicate", rejected)
	}
}

func TestRulesAppliesCheck(t *testing.T) {
	// The heading's answer is over MaxAnswerWords and has no clause to cut at.
	md := "## Why do stacks overflow?\n\nBecause every nested call pushes another frame onto a fixed region of memory that the runtime reserved when the thread started running\n"
	kept, rejected := Explain(markdown.ParseDocument("n.md", []byte(md)))
	if len(kept) != 0 {
		t.Errorf("kept %+v, want nothing", kept)
	}
	if len(rejected) != 1 || !strings.Contains(rejected[0].Reason, ErrTooLong.Error()) {
		t.Errorf("rejected %+v, want one %q", rejected, ErrTooLong)
	}
}

func TestRulesNilDocument(t *testing.T) {
	if got := Rules(nil); got != nil {
		t.Errorf("Rules(nil) = %v", got)
	}
	if got := Rules(&markdown.Document{}); got != nil {
		t.Errorf("Rules(empty document) = %v", got)
	}
}

func TestRulesConcurrent(t *testing.T) {
	md := "Queries and keys combine into attention scores.\n\nA semaphore is an integer variable with atomic wait and signal operations.\n"
	want := listQA(rulesOn(md))
	if !strings.Contains(want, "semaphore") {
		t.Fatalf("sequential run made no sentence cards:\n%s", want)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := listQA(rulesOn(md)); got != want {
				errs <- got
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent run differs:\n%s\nwant:\n%s", got, want)
	}
}

// Shapes that are often but not always cards score below AutoThreshold:
// they become suggestions, not reviews.
func TestDoubtfulShapesAreSuggestions(t *testing.T) {
	tests := []struct{ name, md string }{
		{"adjective as term", "- funny: the demo crashed twice in a row\n"},
		{"cloze on a name", "The long talks at the palace ended when Napoleon Bonaparte signed the treaty.\n"},
		{"definition under a parent that is not a group", "- colours at room temp\n    - chlorine: pale green gas\n    - bromine: red-brown liquid\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rules(markdown.ParseDocument("n.md", []byte(tt.md)))
			if len(got) == 0 {
				t.Fatal("no card at all; want a suggestion")
			}
			for _, c := range got {
				if c.Confidence >= AutoThreshold {
					t.Errorf("%q scores %.2f, want below %.2f", c.Question, c.Confidence, AutoThreshold)
				}
			}
		})
	}
}

func TestFullDates(t *testing.T) {
	tests := []struct {
		sent string
		want []string
	}{
		{"France became a republic in September 1792 and the king was executed in January 1793.", []string{"September 1792", "January 1793"}},
		{"On 14 July 1789 a Paris crowd stormed the Bastille.", []string{"14 July 1789"}},
		{"Hidalgo inició la independencia (16 de septiembre de 1810).", []string{"16 de septiembre de 1810"}},
		{"Die Republik wurde am 9. November 1918 ausgerufen.", []string{"9. November 1918"}},
		{"In June the deputies declared themselves the National Assembly.", nil}, // a month alone
		{"By the 1780s the French state was close to bankruptcy.", nil},          // a bare year
		{"We may meet in March.", nil},
	}
	for _, tt := range tests {
		got := fullDates(tt.sent)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("fullDates(%q) = %q, want %q", tt.sent, got, tt.want)
		}
	}
}

func TestCopulaSentences(t *testing.T) {
	tests := []struct {
		name, md string
		want     []qa
	}{
		{"German article subject", "# VWL\n\nEin Markt ist der Ort, an dem Angebot und Nachfrage zusammentreffen. Das ist nicht immer ein Ort.\n",
			[]qa{{OriginSentence, "Was ist ein Markt?", "Der Ort, an dem Angebot und Nachfrage zusammentreffen."}}},
		{"German adjective lower-cased", "Elektrischer Strom ist die gerichtete Bewegung von Ladungsträgern in einem Leiter.\n",
			[]qa{{OriginSentence, "Was ist elektrischer Strom?", "Die gerichtete Bewegung von Ladungsträgern in einem Leiter."}}},
		{"German property is no definition", "Die Glykolyse ist sehr alt und braucht keinen Sauerstoff, sagt das Buch.\n", nil},
		{"German pronoun subject", "Das ist die wichtigste Regel für die Klausur und den Test.\n", nil},
		{"French definition", "# Philo\n\nLe cogito est la première certitude que Descartes trouve dans le doute.\n",
			[]qa{{OriginSentence, "Qu'est-ce que le cogito ?", "La première certitude que Descartes trouve dans le doute."}}},
		{"French glossary", "## Vocabulaire\n\n- Res cogitans : la chose qui pense.\n- Critique classique : comment l'âme et le corps peuvent-ils agir l'un sur l'autre ? (pas très convaincant)\n",
			[]qa{{OriginDefinition, "Que signifie « res cogitans » ?", "la chose qui pense."}}},
		{"Spanish definition", "La fotosíntesis es el proceso por el que las plantas producen glucosa con la luz del sol.\n",
			[]qa{{OriginSentence, "¿Qué es la fotosíntesis?", "El proceso por el que las plantas producen glucosa con la luz del sol."}}},
		{"Spanish plural", "Los criollos son los descendientes de españoles nacidos en América y que no podían gobernar.\n",
			[]qa{{OriginSentence, "¿Qué son los criollos?", "Los descendientes de españoles nacidos en América y que no podían gobernar."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesOn(tt.md)
			if !sameQA(got, tt.want) {
				t.Errorf("got %d cards:\n%s\nwant %d:\n%s", len(got), listQA(got), len(tt.want), listQA(tt.want))
			}
		})
	}
}
