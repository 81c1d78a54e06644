/**
 * What a derive() request does besides its answer, counted (never timed; issue 17, docs/benchmarks.md):
 * a request whose expressions were read before adds no entry to any WeakMap. The core remembers per
 * expression node in WeakMaps (its nodes are hash-consed and outlive a request), but what is made anew
 * in every request — the parsed tree the reader and the shape checker both survey (syntax/ast.ts
 * survey), the derivative that derive() and its steps both present (present/present.ts) — is
 * remembered by identity among the last few: a WeakMap's entry for a new object cost ~1 µs of a
 * ~0.2 ms request, two in every request.
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest } from '../../../src/core/api';
import { derive } from '../../../src/core/index';

/** More requests than the core's memory of recent derivatives (8), so each is differentiated anew in the second round. */
const REQUESTS: readonly DeriveRequest[] = [
  { expr: "x'*A*x", wrt: ['x'] },
  { expr: 'max(0, dot(w, x) + b)', where: 'w: vector(n); x: vector(n); b: scalar', wrt: ['w'] },
  { expr: 'sum(exp(A*x))', wrt: ['x'] },
  { expr: 'norm2(X*w - y)^2', where: 'X: matrix(m, n); w: vector(n); y: vector(m)', wrt: ['w'] },
  { expr: 'sigmoid(w\'*x)', wrt: ['w'] },
  { expr: 'tanh(W*x + b)', where: 'W: matrix(m, n); x: vector(n); b: vector(m)', wrt: ['W'] },
  { expr: 'inv(X)', where: 'X: matrix(n, n)', wrt: ['X'] },
  { expr: 'logdet(X)', where: 'X: matrix(n, n)', wrt: ['X'] },
  { expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'] },
  { expr: 'x^2*sin(y)', where: 'x: scalar; y: scalar', wrt: ['x', 'y'] },
  { expr: "x'*A*x", where: 'x: vector(n); A: matrix(n, n)', wrt: ['x'], order: 2 },
  { expr: '\\mathbf{x}^\\top A \\mathbf{x}', wrt: ['x'] },
  { expr: 'np.sum(np.exp(A @ x))', wrt: ['x'] },
  { expr: 'xᵀAx', wrt: ['x'] },
];

/** The entries `run` adds to WeakMaps (a set whose key the map did not hold). */
function weakMapEntriesMade(run: () => void): number {
  const { set, has } = WeakMap.prototype;
  let made = 0;
  WeakMap.prototype.set = function <K extends WeakKey, V>(this: WeakMap<K, V>, key: K, value: V) {
    if (!has.call(this, key)) made++;
    return set.call(this, key, value) as WeakMap<K, V>;
  };
  try {
    run();
  } finally {
    WeakMap.prototype.set = set;
  }
  return made;
}

describe('core: the work of a derive() request (counted)', () => {
  it('a request whose expressions were read before adds no WeakMap entry (was two: the parsed tree\'s survey, the derivative\'s presentation)', () => {
    const answers = REQUESTS.map((q) => JSON.stringify(derive(q)));
    for (const a of answers) assert.ok(a.startsWith('{"ok":true'), a);
    const again: string[] = [];
    const made = weakMapEntriesMade(() => {
      for (const q of REQUESTS) again.push(JSON.stringify(derive(q)));
    });
    assert.deepEqual(again, answers);
    assert.equal(made, 0);
  });
});
