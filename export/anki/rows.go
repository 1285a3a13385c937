package anki

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// cardRow is what the exporter keeps of a card between planning the ids
// and writing the card's row; the other columns follow from the card and
// are computed when the row is written (cardColumns). card, id and nid are
// set by planRows and only read afterwards, also by revlog's goroutine,
// while the note renderer sets ord and orderNew sets due.
type cardRow struct {
	card    *cards.Card
	id, nid int64
	due     int64 // new-queue position of a new card, set by orderNew
	ord     int   // template ord, set when the note is rendered
}

// cardColumns are the scheduling columns of a card row.
type cardColumns struct {
	typ, queue         int64
	due, ivl, factor   int64
	reps, lapses, left int64
	mod                int64
	data               string
}

// isNew reports whether c is exported as a new card.
func (e *exporter) isNew(c *cards.Card) bool {
	return !e.opts.Scheduling || c.Schedule.State == cards.StateNew
}

// orderNew gives the new cards the queue positions 1..n in mnemo's
// introduction order.
func (e *exporter) orderNew() {
	var fresh []int
	for i := range e.rows {
		if e.isNew(e.rows[i].card) {
			fresh = append(fresh, i)
		}
	}
	slices.SortStableFunc(fresh, func(a, b int) int {
		return cmp.Compare(e.rows[a].card.Position, e.rows[b].card.Position)
	})
	for i, k := range fresh {
		due := int64(i + 1)
		if due > maxNewDue {
			if due == maxNewDue+1 {
				e.warnf("more than %d new cards: the rest share the last new-queue position", maxNewDue)
			}
			due = maxNewDue
		}
		e.rows[k].due = due
	}
}

// cardColumns computes the scheduling columns of r: those of a new card,
// or of a learning, review or relearning card. A card's data string is
// built in e.buf.
func (e *exporter) cardColumns(r *cardRow) cardColumns {
	c := r.card
	nowSec := e.col.Now.Unix()
	cc := cardColumns{mod: nowSec}
	if !c.Modified.IsZero() && c.Modified.Unix() < nowSec {
		cc.mod = c.Modified.Unix()
	}
	if e.isNew(c) {
		cc.due, cc.data = r.due, "{}"
		if e.opts.Scheduling {
			cc.queue = e.suspendOrBury(c, cc.queue)
		}
		return cc
	}
	s := c.Schedule
	cc.reps = int64(min(s.Reps, math.MaxInt32))
	cc.lapses = int64(min(s.Lapses, math.MaxInt32))
	if cc.reps < 1 {
		cc.reps = 1 // a seen card has been answered at least once (Mnemosyne refuses reps 0)
	}
	switch s.State {
	case cards.StateReview:
		cc.typ, cc.queue = 2, 2
		cc.due = e.clock.due(s.Due)
		cc.ivl = int64(min(s.ScheduledDays, 36500))
		if cc.ivl < 1 {
			cc.ivl = max(1, cc.due-e.clock.due(s.LastReview))
		}
		cc.factor = 2500
	default: // learning or relearning
		cc.typ = 1
		if s.State == cards.StateRelearning {
			cc.typ = 3
			cc.ivl = max(1, min(int64(math.Round(s.Stability)), 36500))
			cc.factor = 2500
		}
		cc.left = 1
		if !s.LastReview.IsZero() && e.clock.day(s.Due) > e.clock.day(s.LastReview) {
			cc.queue, cc.due = 3, e.clock.due(s.Due) // an interday step
		} else {
			cc.queue, cc.due = 1, s.Due.Unix()
		}
	}
	// cards.data: {"s":..,"d":..,"dr":..,"lrt":..}, written by hand (hot path)
	b := append(e.buf[:0], '{')
	if s.Stability > 0 && s.Difficulty >= 1 && s.Difficulty <= 10 {
		b = append(b, `"s":`...)
		b = strconv.AppendFloat(b, round(s.Stability, 4), 'f', -1, 64)
		b = append(b, `,"d":`...)
		b = strconv.AppendFloat(b, round(s.Difficulty, 3), 'f', -1, 64)
		b = append(b, `,"dr":`...)
		b = strconv.AppendFloat(b, round(e.retention(deckName(c)), 2), 'f', -1, 64)
	}
	if !s.LastReview.IsZero() && !s.LastReview.After(e.col.Now) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, `"lrt":`...)
		b = strconv.AppendInt(b, s.LastReview.Unix(), 10)
	}
	b = append(b, '}')
	cc.data = string(b)
	e.buf = b
	cc.queue = e.suspendOrBury(c, cc.queue)
	return cc
}

// suspendOrBury is the queue of c: suspended, user-buried or queue.
func (e *exporter) suspendOrBury(c *cards.Card, queue int64) int64 {
	switch {
	case c.Suspended:
		return -1
	case c.BuriedUntil.After(e.col.Now):
		return -3
	}
	return queue
}

// revRow is one revlog row, packed small since there is one per review.
// card is the card's index in exporter.rows (its id is the cid column);
// seq is the row's place in the order the rows were made, which breaks
// ties so that sorting is deterministic. The narrow fields hold every
// value their columns can take: intervalOf and newInterval stay within
// int32 (learning steps are capped at 2^31-1 seconds, days at 2^31-1 or
// a time.Duration's 106,751), factors are 0-1100, durations are clamped
// to uint32, ease is 1-4 and type 0-2.
type revRow struct {
	id           int64 // answer time in ms, made unique
	card, seq    int32
	ivl, lastIvl int32
	time         uint32
	factor       int16
	ease, typ    int8
}

// revIn is what the revlog keeps of one input review: the fields its
// own row needs and, for the answer before it, the schedule it started
// from (Prev): 64 bytes, against 224 for a cards.Review plus its ID and
// tags on the heap, so a streamed log of half a million reviews stays
// small. Times are kept as
// seconds and nanoseconds, which time.Unix turns back into the same
// instant; day counts are capped where their only use caps them.
type revIn struct {
	sec, prevDueSec   int64
	diff, prevDiff    float64
	card              int32 // the card's index in exporter.col.Cards
	nsec, prevDueNsec int32
	schedDays         int32  // ScheduledDays, capped at 36500 (newInterval)
	prevSchedDays     int32  // Prev.ScheduledDays, capped at MaxInt32 (intervalOf)
	lastIvl           int32  // intervalOf(Prev, Prev.LastReview)
	time              uint32 // DurationMS clamped to uint32
	ease              int8
	before, after     cards.State
	prevState         cards.State
}

func (r *revIn) at() time.Time { return time.Unix(r.sec, int64(r.nsec)) }

// prevSchedule is the part of the review's Prev that the answer before it
// reads (see newInterval and intervalOf).
func (r *revIn) prevSchedule() cards.Schedule {
	return cards.Schedule{State: r.prevState, Due: time.Unix(r.prevDueSec, int64(r.prevDueNsec)),
		ScheduledDays: uint64(r.prevSchedDays), Difficulty: r.prevDiff}
}

func compactReview(r *cards.Review, card int) revIn {
	p := &r.Prev
	return revIn{
		sec: r.Time.Unix(), nsec: int32(r.Time.Nanosecond()),
		prevDueSec: p.Due.Unix(), prevDueNsec: int32(p.Due.Nanosecond()),
		diff: r.Difficulty, prevDiff: p.Difficulty, card: int32(card),
		schedDays: int32(min(r.ScheduledDays, 36500)), prevSchedDays: int32(min(p.ScheduledDays, math.MaxInt32)),
		lastIvl: int32(intervalOf(r.Prev, r.Prev.LastReview)), time: uint32(min(max(r.DurationMS, 0), math.MaxUint32)),
		ease: int8(r.Rating), before: r.StateBefore, after: r.StateAfter, prevState: p.State,
	}
}

// eachReview calls fn with every input review: from the stream when the
// collection has one, else from its slice. card is the index in
// e.col.Cards of r's card when the stream looked it up, else -1.
func (e *exporter) eachReview(fn func(card int, r *cards.Review) error) error {
	if e.col.EachReview != nil {
		return e.col.EachReview(fn)
	}
	for i := range e.col.Reviews {
		if err := fn(-1, &e.col.Reviews[i]); err != nil {
			return err
		}
	}
	return nil
}

// revLogBlock is how many reviews one block of a revLog holds (2 MB).
const revLogBlock = 1 << 15

// revLog holds the kept reviews in fixed-size blocks: a streamed log's
// length is not known up front, and growing one slice would copy it over
// and over and briefly hold it twice.
type revLog struct {
	blocks [][]revIn
	n      int
}

func (l *revLog) add(r revIn) {
	if l.n%revLogBlock == 0 {
		l.blocks = append(l.blocks, make([]revIn, 0, revLogBlock))
	}
	b := &l.blocks[len(l.blocks)-1]
	*b = append(*b, r)
	l.n++
}

func (l *revLog) at(i int32) *revIn { return &l.blocks[i/revLogBlock][i%revLogBlock] }

// revlogJob is the review log being read and turned into revlog rows on
// a goroutine of its own while the notes are rendered and written.
type revlogJob struct {
	cancel   context.CancelFunc
	done     chan struct{}
	rows     []revRow
	warnings []string
	err      error
}

// startRevlog starts computing the revlog rows, once planRows is done.
// Until the job is done it reads only the input, e.indexOf, e.rowAt and
// the cards' row ids; its warnings are kept apart until they are due.
func (e *exporter) startRevlog() *revlogJob {
	ctx, cancel := context.WithCancel(e.ctx)
	j := &revlogJob{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.rows, j.warnings, j.err = e.revlog(ctx)
	}()
	return j
}

// wait returns the rows, sorted by id, and the warnings about reviews
// left out.
func (j *revlogJob) wait() ([]revRow, []string, error) {
	<-j.done
	return j.rows, j.warnings, j.err
}

// stop ends the job early if it is still running (the export failed)
// and waits for it: it is never left running.
func (j *revlogJob) stop() {
	j.cancel()
	<-j.done
}

// keptReviews reads the input reviews of the exported cards, compacted
// (with the card's index in e.col.Cards), in input order, and the
// warnings about the ones left out. It stops when ctx is done.
func (e *exporter) keptReviews(ctx context.Context) (kept *revLog, warnings []string, err error) {
	kept = &revLog{}
	skipped, future, badRating, n := 0, 0, 0, 0
	err = e.eachReview(func(card int, r *cards.Review) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		ok := card >= 0 && card < len(e.col.Cards)
		if !ok {
			var k int32
			k, ok = e.indexOf[r.CardID]
			card = int(k)
		}
		switch {
		case !ok:
			skipped++
		case r.Rating < cards.Again || r.Rating > cards.Easy:
			badRating++
		case r.Time.UnixMilli() > e.nowMS:
			future++
		default:
			kept.add(compactReview(r, card))
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read review log: %w", err)
	}
	if skipped > 0 {
		warnings = append(warnings, fmt.Sprintf("%d reviews belong to cards that are not exported; left out", skipped))
	}
	if future > 0 {
		warnings = append(warnings, fmt.Sprintf("%d reviews are later than now; left out", future))
	}
	if badRating > 0 {
		warnings = append(warnings, fmt.Sprintf("%d reviews have no valid rating; left out", badRating))
	}
	return kept, warnings, nil
}

// revlog computes the revlog rows of the exported cards' reviews, sorted
// by id, and the warnings about reviews left out (see startRevlog). Card
// and review indexes are int32: a collection of 2^31 reviews would not
// fit in memory anyway.
func (e *exporter) revlog(ctx context.Context) (rows []revRow, warnings []string, err error) {
	if !e.opts.Scheduling || (e.col.EachReview == nil && len(e.col.Reviews) == 0) {
		return nil, nil, nil
	}
	reviews, warnings, err := e.keptReviews(ctx)
	if err != nil {
		return nil, nil, err
	}
	n := int32(reviews.n)
	// group the kept reviews by card row with a counting sort, which
	// keeps their input order within a card: start[k] is where row k's
	// reviews begin in byCard
	start := make([]int32, len(e.rows)+1)
	for i := range n {
		start[e.rowAt[reviews.at(i).card]+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	byCard := make([]int32, n)
	next := slices.Clone(start[:len(start)-1])
	for i := range n {
		k := e.rowAt[reviews.at(i).card]
		byCard[next[k]] = i
		next[k]++
	}

	// Each row goes where its review came in: a log read in time order
	// (the store's) gives rows almost sorted by id, which sorts fast. seq
	// is the row's place in card order, by time within a card.
	rows = make([]revRow, n)
	for k := range e.rows {
		rs := byCard[start[k]:start[k+1]]
		if len(rs) == 0 {
			continue
		}
		slices.SortStableFunc(rs, func(a, b int32) int { return reviews.at(a).at().Compare(reviews.at(b).at()) })
		c := e.rows[k].card
		for i, ri := range rs {
			r := reviews.at(ri)
			after := c.Schedule
			if i+1 < len(rs) {
				after = reviews.at(rs[i+1]).prevSchedule()
			}
			d := r.diff
			if d == 0 {
				d = after.Difficulty
			}
			rows[ri] = revRow{
				id: r.at().UnixMilli(), card: int32(k), seq: start[k] + int32(i),
				ease: r.ease, ivl: int32(e.newInterval(r, after)), lastIvl: r.lastIvl,
				factor: int16(fsrsFactor(d)), time: r.time, typ: int8(revlogType(r.before)),
			}
		}
	}
	slices.SortFunc(rows, func(a, b revRow) int {
		if a.id != b.id {
			return cmp.Compare(a.id, b.id)
		}
		if a.card != b.card {
			return cmp.Compare(e.rows[a.card].id, e.rows[b.card].id)
		}
		return cmp.Compare(a.seq, b.seq)
	})
	// unique ids: bump by 1 ms on a collision, then pull the ones past
	// now back below it (answers given at the moment of the export)
	var prev int64 = math.MinInt64
	for i := range rows {
		if rows[i].id <= prev {
			rows[i].id = prev + 1
		}
		prev = rows[i].id
	}
	limit := e.nowMS + 1
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].id >= limit {
			rows[i].id = limit - 1
		}
		limit = rows[i].id
	}
	return rows, warnings, nil
}

// newInterval is the revlog ivl of an answer: the interval of the schedule
// the answer produced (after), or a fallback from the review itself when
// the card was reset since.
func (e *exporter) newInterval(r *revIn, after cards.Schedule) int64 {
	if after.State == r.after && !after.Due.IsZero() {
		return intervalOf(after, r.at())
	}
	switch r.after {
	case cards.StateReview:
		return int64(max(1, r.schedDays))
	case cards.StateLearning, cards.StateRelearning:
		return -600
	}
	return 0
}
