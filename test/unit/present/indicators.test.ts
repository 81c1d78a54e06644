/**
 * 𝟙[u > 0] beside max(0, u) under a negative power (present/indicators.ts): d/dx √max(0, x) is
 * 𝟙[x > 0]/(2√|x|), 0 for x < 0 — where √max(0, x) is the constant 0 — not 𝟙[x > 0]/(2√max(0, x)),
 * which is 0/0 = NaN there. Checked at negative and positive points against central finite
 * differences, for a scalar and a vector, and the derivation's steps stay sound.
 */
import * as assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import { derive, emitCode } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { evaluate, numericEnv, numericJacobian } from '../../../src/core/numeric/index';
import { assertClose } from '../numeric/helpers';
import { assertSound, derivation } from '../derivation/helpers';

function readPlain(text: string, where: string) {
  const r = readExpression(text, where, 'plain');
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.value;
}

describe('present/indicators: derivatives finite where an indicator is 0 (√max(0, x) for x < 0)', () => {
  const cases = [
    { expr: 'sqrt(max(0, x))', where: 'x: scalar', unicode: '𝟙[x > 0]/(2√|x|)' },
    { expr: 'sqrt(relu(x))', where: 'x: vector(n)', unicode: 'diag((𝟙[x > 0] ⊘ √|x|)/2)' },
    { expr: 'sum(max(0, x).^(3/2))', where: 'x: vector(n)', unicode: undefined },
    { expr: 'sum(sqrt(max(0, A*x)))', where: 'A: matrix(m, n); x: vector(n)', unicode: undefined },
  ];
  for (const c of cases) {
    it(`${c.expr}: finite everywhere but 0, equal to central finite differences at negative and positive points`, () => {
      const r = derive({ expr: c.expr, where: c.where, wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
      if (c.unicode) assert.equal(r.value.result.unicode, c.unicode);
      const f = readPlain(c.expr, c.where);
      const x = f.variables.find((v) => v.name === 'x');
      assert.ok(x);
      const result = readPlain(r.value.result.text, c.where).expr;
      const points = c.where.includes('vector')
        ? [[-1.3, 0.4, -0.2], [0.7, -2.1, 1.5], [-0.5, -0.6, -0.9]]
        : [[-1.3], [-0.2], [0.7], [2.5]];
      const A = Matrix.from1DArray(2, 3, [0.5, -1, 0.3, 1.2, 0.8, -0.4]);
      for (const p of points) {
        const values = { x: Matrix.columnVector(p), A };
        const env = numericEnv({ n: p.length, m: 2 }, values);
        const got = evaluate(result, env);
        const fd = numericJacobian(f.expr, [x], env);
        assert.ok(fd.reliable, `${p}: ${fd.reason}`);
        // The gradient of a scalar is a column here (the variable's shape); finite differences give the row.
        const want = got.rows === fd.value.rows ? fd.value : fd.value.transpose();
        for (const v of got.to1DArray()) assert.ok(Number.isFinite(v), `${c.expr} at ${p}: ${got.toString()}`);
        assertClose(got, want, 1e-6, `${c.expr} at x = ${p}`);
      }
    });
  }
  it('the emitted NumPy code computes the same form (np.abs under the root)', () => {
    const code = emitCode({ expr: 'sqrt(max(0, x))', where: 'x: scalar', wrt: ['x'] }, 'numpy');
    assert.ok(code.ok, code.ok ? '' : code.error.message);
    assert.match(code.value, /np\.heaviside\(x, 0\.0\) \/ np\.sqrt\(np\.abs\(x\)\)/, code.value);
  });
  it('the derivation ends in that form, every step sound', () => {
    for (const g of ['full', 'summary'] as const) {
      const d = derivation({ expr: 'sqrt(max(0, x))', where: 'x: scalar', wrt: ['x'] }, g);
      assertSound(d, g);
      assert.equal(d.pub[d.pub.length - 1].afterText, 'df/dx = 𝟙[x > 0]/(2√|x|)');
    }
  });
  it('an indicator of another argument changes nothing (𝟙[y > 0]/√max(0, x) is not rewritten)', () => {
    const r = derive({ expr: 'sqrt(max(0, x))*max(0, y)', where: 'x: scalar; y: scalar', wrt: ['y'] });
    assert.ok(r.ok);
    assert.doesNotMatch(r.value.result.text, /abs/);
  });
});
