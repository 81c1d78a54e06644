/**
 * The diagnostic catalogue (src/core/diagnostics.ts) and errors that point at the offending node.
 * That every code the core reports is in the catalogue is checked by the compiler
 * (`Diagnostic.code` is a `DiagnosticCode`); here, that the catalogue is well formed and that
 * derive.unsupported carries the span of the node it is about.
 */
import * as assert from 'node:assert/strict';
import { DIAGNOSTICS } from '../../../src/core/diagnostics';
import { derive, emitCode } from '../../../src/core/index';
import { OPERATOR_RULES, type OperatorRule } from '../../../src/core/calculus/rules/index';
import { unsupported } from '../../../src/core/calculus/rules/types';
import type { Op } from '../../../src/core/model/expr';

describe('diagnostics: the catalogue', () => {
  it('names every code family.name (or internal), with a category and a default message', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTICS)) {
      assert.match(code, /^([a-z]+\.[a-z0-9-]+|internal)$/, code);
      assert.ok(entry.message.trim().length > 0, `${code} has a message`);
      assert.ok(entry.category.length > 0, `${code} has a category`);
    }
  });
});

describe('diagnostics: derive.unsupported points at the offending operator', () => {
  const rules = OPERATOR_RULES as Record<Op, OperatorRule>;
  const kron = rules.kron;
  // Every operator has its rules now; kron is made unsupported in reverse mode and in Jacobians
  // for these tests, as it was before issue 11.
  before(() => {
    rules.kron = { ...kron, adjoint: unsupported('no reverse-mode rule (test)'), local: unsupported('no Jacobian rule (test)') };
  });
  after(() => {
    rules.kron = kron;
  });

  it('sum(kron(A, B)) by A: the caret is under kron, in derive() and in emitCode()', () => {
    const text = 'sum(kron(A, B))';
    const where = 'A: matrix(m, n); B: matrix(p, q)';
    for (const r of [derive({ expr: text, where, wrt: ['A'] }), emitCode({ expr: text, where, wrt: ['A'] }, 'numpy')]) {
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'derive.unsupported');
      assert.equal(text.slice(r.error.start, r.error.end), 'kron');
      assert.match(r.error.message, /cannot differentiate kron \(no reverse-mode rule \(test\)\)/);
    }
  });
  it('inside a larger expression, and in NumPy, the span is the kron in the text as written', () => {
    const plain = 'x + kron(A, B)*y';
    const p = derive({ expr: plain, wrt: ['A'], where: 'x: vector(m*p); y: vector(n*q); A: matrix(m, n); B: matrix(p, q)' });
    assert.ok(!p.ok);
    assert.equal(plain.slice(p.error.start, p.error.end), 'kron');
    const numpy = 'np.sum(np.kron(A, B))';
    const n = derive({ expr: numpy, from: 'numpy', wrt: ['A'], where: 'A: matrix(m, n); B: matrix(p, q)' });
    assert.ok(!n.ok);
    assert.equal(numpy.slice(n.error.start, n.error.end), 'np.kron');
  });
  it('an error about the whole derivative still spans the whole input', () => {
    const r = derive({ expr: 'A*x', wrt: ['x'], order: 2 });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'derive.unsupported');
    assert.deepEqual([r.error.start, r.error.end], [0, 3]);
  });
});
