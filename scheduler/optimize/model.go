package optimize

import (
	"fmt"
	"math"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// NumWeights is the number of FSRS-5 weights go-fsrs v3 uses.
const NumWeights = len(fsrs.Weights{})

// FSRS-5's forgetting curve: R(t, S) = (1 + factor*t/S)^decay.
const (
	decay  = -0.5
	factor = 19.0 / 81.0
)

// Stability limits of fsrs-rs: every new stability is clamped to them.
const (
	sMin = 0.01
	sMax = 36500.0
)

// bounds are fsrs-rs's clamps for FSRS-5 weights (its parameter clipper
// with one relearning step, which is what go-fsrs schedules).
var bounds = [NumWeights][2]float64{
	{sMin, 100}, {sMin, 100}, {sMin, 100}, {sMin, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2},
}

// stddev is fsrs-rs's spread of each weight across users; the L2 pull
// toward the starting weights is scaled by it.
var stddev = [NumWeights]float64{
	6.61, 9.52, 17.69, 27.74, 0.55, 0.28, 0.67, 0.12, 0.4, 0.18, 0.34, 0.27,
	0.08, 0.14, 0.57, 0.25, 1.03, 0.27, 0.39,
}

// Clamp returns w with every weight inside fsrs-rs's bounds.
func Clamp(w fsrs.Weights) fsrs.Weights {
	for i := range w {
		w[i] = min(max(w[i], bounds[i][0]), bounds[i][1])
	}
	return w
}

// CheckBounds reports the first weight outside fsrs-rs's bounds.
func CheckBounds(w fsrs.Weights) error {
	for i, x := range w {
		if math.IsNaN(x) || x < bounds[i][0] || x > bounds[i][1] {
			return fmt.Errorf("w%d = %g is outside %g..%g", i, x, bounds[i][0], bounds[i][1])
		}
	}
	return nil
}

// Retrievability is FSRS-5's forgetting curve: the probability of recall
// after t days at stability s.
func Retrievability(t, s float64) float64 {
	return math.Pow(1+factor*t/s, decay)
}

// State is a memory state: stability in days and difficulty 1-10.
type State struct{ S, D float64 }

// grad is a gradient over the weights.
type grad [NumWeights]float64

// tracked is a memory state with its derivatives by every weight,
// carried forward through a card's history (forward-mode
// differentiation with hand-derived local partials).
type tracked struct {
	s, d   float64
	gs, gd grad
}

// model holds what the step function needs from one set of weights,
// precomputed once per batch.
type model struct {
	w fsrs.Weights
	// shortTerm[r] is exp(w17*(r-3+w18)) for ratings 1-4.
	shortTerm [5]float64
	expW8     float64
	// failFloor is exp(w17*w18): a lapse never leaves the stability above
	// S/failFloor.
	failFloor float64
	// target is the mean-reversion target D0(Easy), clamped as go-fsrs
	// does, and clampedTarget reports whether the clamp was hit.
	target        float64
	targetClamped bool
}

func newModel(w fsrs.Weights) *model {
	m := &model{w: w, expW8: math.Exp(w[8]), failFloor: math.Exp(w[17] * w[18])}
	for r := 1; r <= 4; r++ {
		m.shortTerm[r] = math.Exp(w[17] * (float64(r) - 3 + w[18]))
	}
	t := w[4] - math.Exp(3*w[5]) + 1
	m.target = min(max(t, 1), 10)
	m.targetClamped = t != m.target
	return m
}

// initDifficulty is D0(r) before clamping.
func (m *model) initDifficulty(r int) float64 {
	return m.w[4] - math.Exp(m.w[5]*float64(r-1)) + 1
}

// first returns the state after a card's first review.
func (m *model) first(r int) State {
	return State{S: min(max(m.w[r-1], sMin), sMax), D: min(max(m.initDifficulty(r), 1), 10)}
}

// next returns the state after a review rated r, dt calendar days after
// the previous one. A same-day review (dt 0) uses the short-term formula,
// as fsrs-rs does for FSRS-5.
func (m *model) next(st State, dt float64, r int) State {
	w := &m.w
	s, d := st.S, st.D
	var ns float64
	switch {
	case dt == 0:
		ns = s * m.shortTerm[r]
	case r == 1:
		ret := Retrievability(dt, s)
		f := w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp((1-ret)*w[14])
		ns = min(f, s/m.failFloor)
	default:
		ret := Retrievability(dt, s)
		ns = s * (1 + m.expW8*(11-d)*math.Pow(s, -w[9])*(math.Exp((1-ret)*w[10])-1)*bonus(w, r))
	}
	return State{S: min(max(ns, sMin), sMax), D: m.nextDifficulty(d, r)}
}

func bonus(w *fsrs.Weights, r int) float64 {
	switch r {
	case 2:
		return w[15]
	case 4:
		return w[16]
	}
	return 1
}

func (m *model) nextDifficulty(d float64, r int) float64 {
	dd := -m.w[6] * float64(r-3)
	d1 := d + dd*(10-d)/9
	d2 := m.w[7]*m.target + (1-m.w[7])*d1
	return min(max(d2, 1), 10)
}

// firstTracked is first with derivatives.
func (m *model) firstTracked(r int, t *tracked) {
	*t = tracked{}
	st := m.first(r)
	t.s, t.d = st.S, st.D
	if w := m.w[r-1]; w > sMin && w < sMax {
		t.gs[r-1] = 1
	}
	if d0 := m.initDifficulty(r); d0 > 1 && d0 < 10 {
		t.gd[4] = 1
		t.gd[5] = -float64(r-1) * math.Exp(m.w[5]*float64(r-1))
	}
}

// nextTracked is next with derivatives, updating t in place.
func (m *model) nextTracked(t *tracked, dt float64, r int) {
	w := &m.w
	s, d := t.s, t.d
	// New stability as cS*dS + cD*dD + direct terms by weight.
	var ns, cS, cD float64
	var direct [4]struct {
		i int
		v float64
	}
	nd := 0
	add := func(i int, v float64) { direct[nd].i, direct[nd].v = i, v; nd++ }

	switch {
	case dt == 0:
		e := m.shortTerm[r]
		ns = s * e
		cS = e
		add(17, ns*(float64(r)-3+w[18]))
		add(18, ns*w[17])
	case r == 1:
		base := 1 + factor*dt/s
		ret := math.Pow(base, decay)
		dRdS := -decay * factor * dt / (s * s) * ret / base
		dp := math.Pow(d, -w[12])
		p := math.Pow(s+1, w[13])
		ex := math.Exp((1 - ret) * w[14])
		f := w[11] * dp * (p - 1) * ex
		floor := s / m.failFloor
		if f < floor {
			ns = f
			dfdR := -w[14] * f
			cS = w[11]*dp*w[13]*p/(s+1)*ex + dfdR*dRdS
			cD = -w[12] * f / d
			add(11, dp*(p-1)*ex)
			add(12, -math.Log(d)*f)
			add(13, w[11]*dp*p*math.Log(s+1)*ex)
			add(14, (1-ret)*f)
		} else {
			ns = floor
			cS = 1 / m.failFloor
			add(17, -w[18]*floor)
			add(18, -w[17]*floor)
		}
	default:
		base := 1 + factor*dt/s
		ret := math.Pow(base, decay)
		dRdS := -decay * factor * dt / (s * s) * ret / base
		ps := math.Pow(s, -w[9])
		ex := math.Exp((1 - ret) * w[10])
		b := bonus(w, r)
		core := m.expW8 * (11 - d) * ps // a = core*(ex-1)*b
		a := core * (ex - 1) * b
		ns = s * (1 + a)
		dadS := -w[9]*a/s + (-w[10]*core*ex*b)*dRdS
		cS = 1 + a + s*dadS
		cD = -s * core * (ex - 1) * b / (11 - d)
		add(8, s*a)
		add(9, -s*math.Log(s)*a)
		add(10, s*core*ex*(1-ret)*b)
		switch r {
		case 2:
			add(15, s*core*(ex-1))
		case 4:
			add(16, s*core*(ex-1))
		}
	}

	// Difficulty: mean reversion of the damped step toward D0(Easy).
	rr := float64(r - 3)
	dd := -w[6] * rr
	d1 := d + dd*(10-d)/9
	d2 := w[7]*m.target + (1-w[7])*d1
	eD := (1 - w[7]) * (1 - dd/9) // dD'/dD

	clampedS := ns <= sMin || ns >= sMax
	newS := min(max(ns, sMin), sMax)
	if clampedS {
		t.gs = grad{}
	} else {
		for i := range t.gs {
			t.gs[i] = cS*t.gs[i] + cD*t.gd[i]
		}
		for k := 0; k < nd; k++ {
			t.gs[direct[k].i] += direct[k].v
		}
	}
	if d2 <= 1 || d2 >= 10 {
		t.gd = grad{}
	} else {
		for i := range t.gd {
			t.gd[i] *= eD
		}
		t.gd[6] += (1 - w[7]) * (-rr * (10 - d) / 9)
		t.gd[7] += m.target - d1
		if !m.targetClamped {
			t.gd[4] += w[7]
			t.gd[5] += w[7] * (-3 * math.Exp(3*w[5]))
		}
	}
	t.s, t.d = newS, min(max(d2, 1), 10)
}
