/**
 * Sizes as a textbook writes them (issue 13, "dimensions as values"): no output of any corpus case
 * — input, result, named forms, derivation steps, in text, Unicode and LaTeX — writes the internal
 * `count(m, n)` or a coefficient `-1*` / reciprocal `^-1*` in front of other factors: N, n*k,
 * ones(n)*ones(1, n)/n. And a dimension name used as a value reads as that size in every notation.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { sizeNode } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { loadCorpus } from './corpus.test';

describe('corpus: sizes written as N, never count(…) or -1*', () => {
  for (const c of loadCorpus()) {
    it(`${c.id}`, () => {
      const r = derive({ expr: c.expr, wrt: c.wrt, ...(c.where ? { where: c.where } : {}), ...(c.order ? { order: c.order } : {}), ...(c.layout ? { layout: c.layout } : {}), steps: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const all = JSON.stringify(r.value);
      for (const bad of ['count(', '-1*']) {
        const at = all.indexOf(bad);
        assert.ok(at < 0, `${c.id}: ${bad} in …${all.slice(Math.max(0, at - 80), at + 40)}…`);
      }
    });
  }
});

describe('syntax: a dimension name used as a value is that size', () => {
  const where = 'X: matrix(N, n); Q: matrix(T, d)';
  const N = sizeNode(shape('N', 1));
  for (const [text, from] of [
    ['sum(X)/N', 'plain'],
    ['sum(X)/N', 'unicode'],
    ['\\frac{1}{N}\\operatorname{sum}(X)', 'latex'],
    ['np.sum(X) / N', 'numpy'],
  ] as const) {
    it(`${from}: ${text} reads N as the number of rows of X`, () => {
      const r = readExpression(text, where, from);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.deepEqual(r.value.variables.map((v) => v.name), ['X']);
      const nodes: unknown[] = [];
      const visit = (e: typeof N): void => {
        nodes.push(e);
        e.args.forEach(visit);
      };
      visit(r.value.expr);
      assert.ok(nodes.includes(N), `no size node N in ${text}`);
    });
  }

  it('sqrt(d) is √d in Unicode and \\sqrt{d} in LaTeX, and reads back', () => {
    // The attention weights applied to values: sum(softmax(·, 2)) alone is T, a constant (its derivative is 𝟎).
    const r = derive({ expr: "sum(softmax(Q*K'/sqrt(d), 2)*V)", wrt: ['K'], where: `${where}; K: matrix(T, d); V: matrix(T, d)`, check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.check?.passed);
    assert.match(r.value.result.unicode ?? '', /√d/);
    assert.match(r.value.result.latex, /\\sqrt\{d\}/);
    assert.doesNotMatch(JSON.stringify(r.value), /count\(/);
  });

  it('N*k (the entries of an N×k array) reads back as one size', () => {
    const r = readExpression('sum(Y)/(N*k)', 'Y: matrix(N, k)', 'plain');
    assert.ok(r.ok);
    assert.equal(r.value.expr.args[1].args[0], sizeNode(shape('N', 'k')));
  });

  it('a declared name stays a variable; a dimension is not a variable to differentiate by', () => {
    const declared = readExpression('sum(X)/N', 'X: matrix(N, n); N: scalar', 'plain');
    assert.ok(declared.ok);
    assert.deepEqual(declared.value.variables.map((v) => v.name), ['X', 'N']);
    const r = derive({ expr: 'sum(X)/N', wrt: ['N'], where: 'X: matrix(N, n)' });
    assert.ok(!r.ok);
    assert.match(r.error.message, /'N' is a dimension/);
  });
});
