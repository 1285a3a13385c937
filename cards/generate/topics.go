package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// topicChildren makes "What are the <label>?" -> the children, from a list
// item that names a group ("3 types of exocrine cells:", "Process
// states") over a nested list of short items. A parent that is a thing
// rather than a group ("Kernel threads" over facts about them) gives no
// such card: its children are facts, read one by one.
func (g *gen) topicChildren(text string, first int, list *ast.List, n ast.Node, tp topic) bool {
	colon := strings.HasSuffix(strings.TrimSpace(text), ":")
	label, ok := cleanLabel(text)
	if !ok || excludedTopic(label) || !(colon || groupLabel(label)) {
		return false
	}
	items, blocks, last, ok := g.shortItems(list)
	if !ok {
		return false
	}
	q, ok := g.labelQuestion(label, tp)
	if !ok {
		return false
	}
	for _, b := range blocks {
		g.markUsed(b)
	}
	conf := 0.72
	if colon && groupLabel(label) {
		conf = 0.8
	}
	g.add(OriginTopicChildren, q, strings.Join(items, "; "), first, last, n, conf)
	return true
}

// groupLabel reports whether a label names a group of things: it counts
// them ("3 types", "two kinds", "four stages"), or its head is a group
// noun ("process states", "main causes"), or it says "types of ...".
func groupLabel(label string) bool {
	words := strings.Fields(strings.ToLower(withoutCode(label)))
	for i, w := range words {
		w = strings.Trim(w, ".,;:*_()")
		if numberWords[w] || w != "" && w[0] >= '0' && w[0] <= '9' {
			return true
		}
		if groupNouns[w] && (i == len(words)-1 || i+1 < len(words) && words[i+1] == "of") {
			return true
		}
	}
	return false
}

var numberWords = setOf("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"several", "multiple")

var groupNouns = setOf("types", "kinds", "classes", "categories", "stages", "phases", "states", "steps",
	"parts", "components", "levels", "layers", "forms", "causes", "symptoms", "signs", "features",
	"properties", "principles", "rules", "laws", "methods", "techniques", "strategies", "members",
	"elements", "organs", "functions", "factors", "effects", "benefits", "advantages",
	"disadvantages", "risks", "complications", "characteristics", "modes", "models", "families",
	"groups", "kingdoms", "branches", "sections", "regions", "lobes", "bones", "muscles", "cells",
	"tissues", "enzymes", "hormones", "vitamins", "molecules", "bonds", "reactions", "operations",
	"primitives", "operators", "keywords", "commands", "tools", "patterns", "approaches", "goals",
	"requirements", "criteria", "tenses", "cases", "moods", "genders", "conjugations", "articles",
	"pronouns", "prepositions", "amendments", "branches", "powers", "rights", "causes", "events",
	"outcomes", "consequences", "treatments", "drugs", "classes", "sorts", "varieties", "policies",
	"algorithms", "properties", "stages", "examples", "uses", "applications", "ingredients")
