package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/generate"
)

// interactiveReview asks, for each generated card of a file, whether to
// accept, reject or edit it before anything is saved. Explicit cards are
// the user's own markup and pass through.
func interactiveReview(ctx context.Context, e *env) func(string, []cards.Card) ([]cards.Card, []cards.Card, error) {
	in := bufio.NewReader(e.stdin)
	acceptRest := false
	ask := func(prompt string) (string, error) {
		printf(e.stdout, "%s", prompt)
		line, err := readLine(ctx, in)
		if errors.Is(err, context.Canceled) {
			return "", err
		}
		if err != nil && line == "" {
			return "", fail("input ended before every generated card was reviewed; nothing was saved")
		}
		return strings.TrimSpace(line), nil
	}
	return func(file string, fresh []cards.Card) (kept, rejected []cards.Card, err error) {
		for _, c := range fresh {
			if c.Origin == "" || acceptRest {
				kept = append(kept, c)
				continue
			}
			note := ""
			if c.Confidence < generate.AutoThreshold {
				note = ", a suggestion: not added unless you accept it"
			}
			printf(e.stdout, "\n%s:%d  (generated: %s, confidence %.2f%s)\n", relPath(file), c.Source.Line, c.Origin, c.Confidence, note)
			if ctx := c.ContextString(); ctx != "" {
				printf(e.stdout, "  %s\n", ctx)
			}
			printf(e.stdout, "  Q: %s\n  A: %s\n", c.Question, c.Answer)
			for {
				choice, err := ask("[a]ccept  [r]eject  [e]dit  accept a[l]l  [q]uit without saving: ")
				if err != nil {
					return nil, nil, err
				}
				switch strings.ToLower(choice) {
				case "a", "y", "":
					kept = append(kept, c)
				case "r", "n":
					rejected = append(rejected, c)
				case "l":
					acceptRest = true
					kept = append(kept, c)
				case "e":
					q, err := ask(fmt.Sprintf("  question [%s]: ", c.Question))
					if err != nil {
						return nil, nil, err
					}
					a, err := ask(fmt.Sprintf("  answer [%s]: ", c.Answer))
					if err != nil {
						return nil, nil, err
					}
					if q != "" {
						c.Question = q
					}
					if a != "" {
						c.Answer = a
					}
					c.Edited = q != "" || a != ""
					kept = append(kept, c)
				case "q":
					return nil, nil, fail("stopped: nothing was saved")
				default:
					fmt.Fprintln(e.stdout, "  type a, r, e, l or q")
					continue
				}
				break
			}
		}
		return kept, rejected, nil
	}
}
