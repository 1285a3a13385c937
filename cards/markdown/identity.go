package markdown

import (
	"hash/fnv"
	"sort"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
)

// minSimilarity is how alike two cards must be for Reconcile to take one
// for an edit of the other.
const minSimilarity = 0.8

// longText is the length (in runes of normalised text) above which
// similarity is measured over words instead of characters.
const longText = 600

// Reconcile pairs the cards previously stored for a file that found no
// exact ID match (old) with the new cards that found none either (fresh),
// one to one, so an edited card keeps its ID and history (docs §4 step 2).
// It returns fresh index -> old index.
//
// Only cards of the same kind pair. Their similarity is
// 1 − d/max(len) where d is the edit distance between the normalised
// (Normalize) "question answer" texts counted in characters; when either
// text is longer than 600 characters it is counted in words instead (the
// same measure over word tokens, far cheaper on long answers). Pairs below
// 0.8 are never made. Candidates are taken greedily, best first:
// pairs under the same heading context before the others, then by
// similarity, then same cloze number, then note order.
func Reconcile(old, fresh []cards.Card) (pairs map[int]int) {
	pairs = map[int]int{}
	if len(old) == 0 || len(fresh) == 0 {
		return pairs
	}
	olds := make([]simText, len(old))
	for i := range old {
		olds[i] = newSimText(&old[i])
	}
	fs := make([]simText, len(fresh))
	for i := range fresh {
		fs[i] = newSimText(&fresh[i])
	}
	type cand struct {
		f, o    int
		sameCtx bool
		sameOrd bool
		sim     float64
	}
	var cands []cand
	var m matcher
	for fi := range fs {
		for oi := range olds {
			f, o := &fs[fi], &olds[oi]
			if f.kind != o.kind {
				continue
			}
			sim, ok := m.similar(f, o)
			if !ok {
				continue
			}
			cands = append(cands, cand{fi, oi, f.ctx == o.ctx, fresh[fi].Ord == old[oi].Ord, sim})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		switch {
		case a.sameCtx != b.sameCtx:
			return a.sameCtx
		case a.sim != b.sim:
			return a.sim > b.sim
		case a.sameOrd != b.sameOrd:
			return a.sameOrd
		case a.f != b.f:
			return a.f < b.f
		}
		return a.o < b.o
	})
	usedOld := make([]bool, len(old))
	for _, c := range cands {
		if _, done := pairs[c.f]; done || usedOld[c.o] {
			continue
		}
		pairs[c.f] = c.o
		usedOld[c.o] = true
	}
	return pairs
}

// simText is a card prepared for comparison.
type simText struct {
	kind  cards.Kind
	ctx   string
	chars []uint32 // runes of the normalised text
	words []uint32 // hashes of its words, for long texts
	hc    [64]int32
	hw    [64]int32
}

func newSimText(c *cards.Card) simText {
	norm := cards.Normalize(c.Question + " " + c.Answer)
	s := simText{kind: c.Kind, ctx: strings.Join(c.Context, "\x00")}
	s.chars = make([]uint32, 0, len(norm))
	for _, r := range norm {
		s.chars = append(s.chars, uint32(r))
		s.hc[r&63]++
	}
	if len(s.chars) > longText*minSimilarity {
		for _, w := range strings.Fields(norm) {
			h := fnv.New32a()
			h.Write([]byte(w))
			v := h.Sum32()
			s.words = append(s.words, v)
			s.hw[v&63]++
		}
	}
	return s
}

// matcher holds the buffers reused across comparisons.
type matcher struct {
	pat     pattern
	scratch []uint64
}

// similar returns the similarity of a and b and whether it reaches
// minSimilarity, cheaply rejecting most pairs before any edit distance:
// the length ratio bounds the similarity from above, and half the L1
// distance of the two symbol histograms bounds the edit distance from
// below (one edit moves at most two counts). A common prefix and suffix do
// not change the distance and are skipped.
func (m *matcher) similar(a, b *simText) (float64, bool) {
	x, y, hx, hy := a.chars, b.chars, &a.hc, &b.hc
	if len(x) > longText || len(y) > longText {
		if a.words == nil || b.words == nil {
			return 0, false // the other is far too short to be similar
		}
		x, y, hx, hy = a.words, b.words, &a.hw, &b.hw
	}
	n := max(len(x), len(y))
	if n == 0 {
		return 1, true
	}
	limit := int(float64(n) * (1 - minSimilarity)) // largest distance allowed
	if d := len(x) - len(y); d > limit || -d > limit {
		return 0, false
	}
	l1 := 0
	for i := range hx {
		d := hx[i] - hy[i]
		if d < 0 {
			d = -d
		}
		l1 += int(d)
	}
	if (l1+1)/2 > limit {
		return 0, false
	}
	for len(x) > 0 && len(y) > 0 && x[0] == y[0] {
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && x[len(x)-1] == y[len(y)-1] {
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	d := len(y)
	if len(x) > 0 {
		m.pat.reset(x)
		d = m.pat.distance(y, limit, &m.scratch)
	}
	if d > limit {
		return 0, false
	}
	return 1 - float64(d)/float64(n), true
}

// pattern is a text prepared for Myers' bit-parallel edit distance
// (Hyyrö's block form): for every symbol, the bit vector of the positions
// where it occurs, in blocks of 64. It is reused: reset clears only what
// the previous text set.
type pattern struct {
	p         []uint32
	m, blocks int
	stride    int                 // blocks allocated per symbol
	ascii     []uint64            // symbols below 128: ascii[c*stride+b]
	other     map[uint32][]uint64 // other symbols (non-ASCII runes, word hashes)
	zero      []uint64
}

func (q *pattern) reset(p []uint32) {
	blocks := (len(p) + 63) / 64
	if blocks > q.stride {
		q.stride = blocks
		q.ascii = make([]uint64, 128*blocks)
		q.zero = make([]uint64, blocks)
	} else {
		for _, c := range q.p {
			if c < 128 {
				clear(q.ascii[int(c)*q.stride : int(c)*q.stride+q.blocks])
			}
		}
	}
	clear(q.other)
	q.p, q.m, q.blocks = p, len(p), blocks
	for i, c := range p {
		if c < 128 {
			q.ascii[int(c)*q.stride+i/64] |= 1 << (i % 64)
			continue
		}
		if q.other == nil {
			q.other = map[uint32][]uint64{}
		}
		v := q.other[c]
		if v == nil {
			v = make([]uint64, blocks)
			q.other[c] = v
		}
		v[i/64] |= 1 << (i % 64)
	}
}

func (q *pattern) eq(c uint32) []uint64 {
	if c < 128 {
		return q.ascii[int(c)*q.stride : int(c)*q.stride+q.blocks]
	}
	if v, ok := q.other[c]; ok {
		return v
	}
	return q.zero
}

// distance is the Levenshtein distance between the pattern and t if it is
// at most k, else some value above k. It runs in O(len(t)·m/64) and stops
// as soon as the distance must exceed k. scratch is reused between calls.
func (q *pattern) distance(t []uint32, k int, scratch *[]uint64) int {
	if q.m == 0 {
		return len(t)
	}
	if cap(*scratch) < 2*q.blocks {
		*scratch = make([]uint64, 2*q.blocks)
	}
	pv, mv := (*scratch)[:q.blocks], (*scratch)[q.blocks:2*q.blocks]
	for b := range pv {
		pv[b], mv[b] = ^uint64(0), 0
	}
	last := q.blocks - 1
	lastBit := uint64(1) << ((q.m - 1) % 64)
	const highBit = uint64(1) << 63
	score := q.m
	for j, c := range t {
		eq := q.eq(c)
		hin := 1 // the top row of the matrix is 0, 1, 2, ...
		for b := 0; b <= last; b++ {
			p, m, e := pv[b], mv[b], eq[b]
			xv := e | m
			if hin < 0 {
				e |= 1
			}
			xh := (((e & p) + p) ^ p) | e
			ph := m | ^(xh | p)
			mh := p & xh
			bit := highBit
			if b == last {
				bit = lastBit
			}
			hout := 0
			if ph&bit != 0 {
				hout = 1
			} else if mh&bit != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			hin = hout
		}
		score += hin
		// Each remaining column lowers the last row by at most one.
		if score-(len(t)-1-j) > k {
			return k + 1
		}
	}
	return score
}
