#!/usr/bin/env node
/**
 * Paired A/B of the reading alone (issue 17): for every corpus request, readExpression(expr, where,
 * 'auto') — detecting the notation, reading the declarations and the expression, the shape check
 * and building the nodes, what prepare() does before differentiating — under A and under B back to
 * back (alternating which goes first), `--rounds` times; per case the median of each. Reports the
 * median case's ratio B/A and the ratio of the sums of the case medians, and checks that A and B
 * read every request identically (the expression's structure, the variables, the spans, the
 * assumptions, or the error). As bench/ab.mjs, but without differentiating, presenting and writing.
 *
 *   node bench/read-ab.mjs REV_A [REV_B] [--rounds N] [--cpu]    (REV_B: the working tree when omitted; --cpu: CPU time)
 */
import { ROOT } from './lib/build.mjs';
import { loadCorpus } from './parts/corpus.mjs';
import { pairedArgs, pairedCores, pairedTimes } from './lib/paired.mjs';

const { revA, revB, rounds, cpu } = pairedArgs('node bench/read-ab.mjs REV_A [REV_B] [--rounds N]', 40);
const { A, B } = await pairedCores(revA, revB, 'read-ab');
const requests = loadCorpus(ROOT).map((c) => ({ expr: c.expr, where: c.where }));
const read = (core, q) => core.readExpression(q.expr, q.where, 'auto');

/** A reading as text, the same for equal readings by two cores (whose node ids differ): nodes by their place in postorder. */
function readingText(core, q) {
  const r = read(core, q);
  if (!r.ok) return JSON.stringify(r.error);
  const { expr, variables, unused, spans, assumed, notation } = r.value;
  const nodes = core.postorder(expr);
  const place = new Map(nodes.map((e, i) => [e.id, i]));
  const own = (e) => [e.op, e.name, e.value, String(e.rational?.n ?? ''), String(e.rational?.d ?? ''), e.shape.rows, e.shape.cols, e.symmetric, e.probabilities, e.args.map((a) => place.get(a.id))];
  const span = (id) => (place.has(id) ? [place.get(id), spans.get(id)] : undefined);
  return JSON.stringify({
    notation,
    nodes: nodes.map(own),
    variables: variables.map((v) => [v.name, v.shape.rows, v.shape.cols]),
    unused: unused.map((v) => [v.name, v.shape.rows, v.shape.cols]),
    spans: [...spans.keys()].map(span).filter((s) => s !== undefined),
    assumed: [...assumed],
  });
}

const differ = requests.filter((q) => readingText(A, q) !== readingText(B, q));
// Warm-up.
for (let r = 0; r < 3; r++) {
  for (const q of requests) {
    read(A, q);
    read(B, q);
  }
}
const t = pairedTimes(requests.length, (i) => read(A, requests[i]), (i) => read(B, requests[i]), rounds, { cpu });
console.log(JSON.stringify({ a: revA, b: revB ?? 'working tree', cases: requests.length, rounds, clock: cpu ? 'cpu' : 'wall', readingsDiffering: differ.length, ...t }));
