// Trains fsrs-rs (npm @open-spaced-repetition/binding, FSRS-6) on the
// training items written by `go run .` and compares the held-out log loss
// and RMSE(bins) of its weights with mnemo's FSRS-5 weights, all scored by
// fsrs-rs's own evaluate on the same test items.
import { readFileSync } from 'node:fs'
import { computeParameters, FSRSBinding, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding'

const file = process.argv[2] ?? 'data.json'
const data = JSON.parse(readFileSync(file, 'utf8'))
const items = (list) => list.map((reviews) => new FSRSBindingItem(reviews.map(([r, dt]) => new FSRSBindingReview(r, dt))))
const train = items(data.train)
const test = items(data.test)

const start = performance.now()
const rsWeights = await computeParameters(train, { enableShortTerm: true, numRelearningSteps: 1 })
const rsSeconds = (performance.now() - start) / 1000

const score = (w) => new FSRSBinding(w).evaluate(test)
const rows = [
  ['true weights (FSRS-5)', data.true_weights],
  ['mnemo (FSRS-5)', data.go_weights],
  ['fsrs-rs (FSRS-6)', rsWeights],
]
console.log(`${data.reviews} reviews; ${train.length} training items, ${test.length} test items`)
console.log(`training time: mnemo ${data.go_seconds.toFixed(3)} s, fsrs-rs ${rsSeconds.toFixed(3)} s`)
const results = {}
for (const [name, w] of rows) {
  const m = score(w)
  results[name] = m
  console.log(`  ${name.padEnd(22)} held-out log loss ${m.logLoss.toFixed(5)}  RMSE(bins) ${m.rmseBins.toFixed(4)}`)
}
const gap = results['mnemo (FSRS-5)'].logLoss - results['fsrs-rs (FSRS-6)'].logLoss
console.log(`mnemo minus fsrs-rs log loss: ${gap.toFixed(5)} (target: at most 0.005)`)
console.log(`fsrs-rs weights: ${rsWeights.map((x) => x.toFixed(4)).join(',')}`)
process.exitCode = gap <= 0.005 ? 0 : 1
