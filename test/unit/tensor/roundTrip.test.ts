import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { derive } from '../../../src/core';
import { differentiate } from '../../../src/core/calculus/derive';
import { compareIndexForm, readIndexForm } from '../../../src/core/check/indexForm';
import { readExpression } from '../../../src/core/read';
import { tensorOrder } from '../../../src/core/tensor';
import { corpus, value, type CorpusCase } from '../notations/helpers';

const tensorCorpus = (): CorpusCase[] =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../test/corpus/tensors.json'), 'utf8')) as CorpusCase[];

/** Index forms written on request for lower orders (a gradient, a Jacobian, a Hessian). */
const onRequest: CorpusCase[] = [
  { id: 'rq-ax', source: 'on request', expr: 'A*x', where: 'A: matrix(m, n); x: vector(n)', wrt: ['x'], order: 1, layout: 'numerator' },
  { id: 'rq-xax', source: 'on request', expr: "x'*A*x", where: 'A: matrix(n, n); x: vector(n)', wrt: ['x'], order: 1, layout: 'numerator' },
  { id: 'rq-xax2', source: 'on request', expr: "x'*A*x", where: 'A: matrix(n, n); x: vector(n)', wrt: ['x'], order: 2, layout: 'numerator' },
  { id: 'rq-tr', source: 'on request', expr: 'tr(X)', where: 'X: matrix(n, n)', wrt: ['X'], order: 1, layout: 'numerator' },
  { id: 'rq-logdet', source: 'on request', expr: 'logdet(X)', where: 'X: matrix(n, n)', wrt: ['X'], order: 1, layout: 'numerator' },
  { id: 'rq-sym', source: 'on request', expr: "x'*S*x", where: 'x: vector(n); S: matrix(n, n) symmetric', wrt: ['S'], order: 1, layout: 'numerator' },
  // Written with P = softmax(Z, 2) named: the definition reads back with both sides.
  { id: 'rq-softmax-named', source: 'on request', expr: 'sum(G .* softmax(Z, 2))', where: 'G: matrix(N, k); Z: matrix(N, k)', wrt: ['Z'], order: 1, layout: 'numerator' },
  { id: 'rq-softmax-vector', source: 'on request', expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'], order: 1, layout: 'numerator' },
  // A component of a name of several letters, or of a Greek one, as the expression writes the name: \mathit{Wx}_{i}, \alpha (Wx_{i} read W·x_{i}).
  { id: 'rq-word-name', source: 'on request', expr: 'Wx .* sin(W*x)', where: 'Wx: vector(n); W: matrix(n, n); x: vector(n)', wrt: ['x'], order: 1, layout: 'numerator' },
  { id: 'rq-word-variable', source: 'on request', expr: 'sin(Wx) .* (W*x)', where: 'Wx: vector(n); W: matrix(n, n); x: vector(n)', wrt: ['Wx'], order: 1, layout: 'numerator' },
  { id: 'rq-greek-name', source: 'on request', expr: 'alpha*sin(x)', where: 'alpha: scalar; x: vector(n)', wrt: ['x'], order: 1, layout: 'numerator' },
];

describe('tensor/index form round trip: the LaTeX index form reads back (Einstein convention declared) to the derivative', () => {
  let highOrder = 0;
  let checked = 0;
  for (const c of [...tensorCorpus(), ...corpus(), ...onRequest]) {
    if (c.wrt.length !== 1) continue;
    const read = readExpression(c.expr, c.where, 'plain');
    if (!read.ok) continue;
    const x = [...read.value.variables, ...(read.value.unused ?? [])].find((v) => v.name === c.wrt[0]);
    if (!x) continue;
    const d = differentiate(read.value.expr, [x], c.order);
    const high = tensorOrder(d) >= 3;
    // The corpus of order ≥ 3, every tensor case and the on-request cases.
    if (!high && !c.id.startsWith('tn-') && !c.id.startsWith('rq-')) continue;
    it(`${c.id}: ${c.expr} by ${c.wrt[0]}${c.order === 2 ? ' (order 2)' : ''}`, () => {
      const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, form: 'index' });
      if (!r.ok) {
        // Only a derivative with no index form (a non-scalar second derivative) may refuse, and says so.
        assert.equal(r.error.code, 'form.index-unavailable', r.error.message);
        return;
      }
      const latex = r.value.indexForm?.latex;
      assert.ok(latex, 'the index form is written');
      for (const einstein of [true, false]) {
        const back = value(readIndexForm(latex, c.where, einstein), latex);
        const report = compareIndexForm(back);
        assert.ok(report.equal, `${latex} reads back ${einstein ? 'with' : 'without'} the convention to a different derivative (max rel. error ${report.maxRelError})`);
      }
      checked++;
      if (high) highOrder++;
    });
  }
  after(() => {
    assert.ok(highOrder >= 15, `round trips of order ≥ 3: ${highOrder}`);
    assert.ok(checked >= 25, `round trips: ${checked}`);
  });

  it('can fail: a wrong formula (a transposed factor, a missing term, a wrong sign) does not read back to the derivative', () => {
    const where = 'X: matrix(n, n)';
    const right = '\\frac{\\partial \\left(X^{-1}\\right)_{ij}}{\\partial X_{kl}} = -\\left(X^{-1}\\right)_{ik} \\left(X^{-1}\\right)_{lj}';
    assert.ok(compareIndexForm(value(readIndexForm(right, where, true))).equal);
    for (const wrong of [
      '\\frac{\\partial \\left(X^{-1}\\right)_{ij}}{\\partial X_{kl}} = -\\left(X^{-1}\\right)_{ki} \\left(X^{-1}\\right)_{lj}',
      '\\frac{\\partial \\left(X^{-1}\\right)_{ij}}{\\partial X_{kl}} = \\left(X^{-1}\\right)_{ik} \\left(X^{-1}\\right)_{lj}',
      "\\frac{\\partial \\left(\\mathbf{x}\\mathbf{x}^{\\top}\\right)_{ij}}{\\partial x_{k}} = \\delta_{ik} x_{j}",
    ]) {
      const back = value(readIndexForm(wrong, wrong.includes('mathbf') ? 'x: vector(n)' : where, true), wrong);
      assert.equal(compareIndexForm(back).equal, false, wrong);
    }
  });

  it('refuses what is not an index form, saying what it expects', () => {
    const noEquation = readIndexForm('A_{ij} x_j');
    assert.ok(!noEquation.ok && noEquation.error.code === 'latex.index' && /equation/.test(noEquation.error.message));
    const noHead = readIndexForm('y_i = A_{ij} x_j');
    assert.ok(!noHead.ok && /derivative in components/.test(noHead.error.message));
  });
});
