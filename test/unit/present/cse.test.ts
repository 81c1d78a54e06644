import * as assert from 'node:assert/strict';
import { Expr, postorder, withArgs } from '../../../src/core/model/expr';
import { nameCommonSubexpressions } from '../../../src/core/present/cse';
import { derive } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax/index';

/** Put the definitions back: the named form must mean exactly the original expression. */
function expand(e: Expr, defs: readonly { name: string; value: Expr }[]): Expr {
  let cur = e;
  for (const d of [...defs].reverse()) {
    const done = new Map<number, Expr>();
    for (const n of postorder(cur)) {
      done.set(n.id, n.op === 'var' && n.name === d.name ? d.value : withArgs(n, n.args.map((a) => done.get(a.id) as Expr)));
    }
    cur = done.get(cur.id) as Expr;
  }
  return cur;
}

function read(text: string, where?: string): Expr {
  const r = readPlain(text, where);
  assert.ok(r.ok);
  return r.value.expr;
}

describe('present/cse: common subexpressions named where shorter', () => {
  it('names softmax(z) p in the softmax Jacobian', () => {
    const r = derive({ expr: 'softmax(z)', wrt: ['z'] });
    assert.ok(r.ok);
    assert.equal(r.value.result.named?.text, "diag(p) - p*p'");
    assert.deepEqual(r.value.result.named?.definitions.map((d) => [d.name, d.text]), [['p', 'softmax(z)']]);
  });
  it('names softmax(Z, 2) P even where written once, as the textbooks print the cross-entropy gradient: Xᵀ(P − Y)/N', () => {
    const where = 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k) probabilities';
    const r = derive({ expr: "-sum(Y .* logsoftmax(X*W + b', 2))/N", where, wrt: ['W'], layout: 'denominator', check: true });
    assert.ok(r.ok && r.value.check?.passed);
    assert.equal(r.value.result.named?.unicode, 'Xᵀ(P − Y)/N');
    assert.deepEqual(r.value.result.named?.definitions.map((d) => [d.name, d.unicode]), [['P', 'softmax(XW + 𝟏bᵀ, 2)']]);
  });
  it('a row-wise softmax\'s Jacobian is D − D(𝟏𝟏ᵀ ⊗ I)D with D = diag(vec(P)), as diag(p) − ppᵀ is not factored either', () => {
    for (const [dim, middle] of [[2, '(𝟏_k𝟏_kᵀ) ⊗ I_N'], [1, 'I_k ⊗ (𝟏_N𝟏_Nᵀ)']] as const) {
      const r = derive({ expr: `softmax(Z, ${dim})`, where: 'Z: matrix(N, k)', wrt: ['Z'], check: true });
      assert.ok(r.ok && r.value.check?.passed);
      assert.equal(r.value.result.named?.unicode, `D − D(${middle})D`);
      assert.deepEqual(r.value.result.named?.definitions.map((d) => [d.name, d.unicode]), [['P', `softmax(Z, ${dim})`], ['D', 'diag(vec(P))']]);
    }
  });
  it('leaves short results alone', () => {
    const r = derive({ expr: "x'*A*x", wrt: ['x'] });
    assert.ok(r.ok);
    assert.equal(r.value.result.named, undefined);
  });
  it('never clashes with a variable name, and expands back to the same expression', () => {
    for (const text of ['p + softmax(z) + softmax(z) + softmax(z)', 'exp(A*x + b) .* exp(A*x + b) + sin(A*x + b)', "(u'*v + w'*x)*(u'*v + w'*x) + u'*v + w'*x"]) {
      const e = read(text, 'b: vector');
      const named = nameCommonSubexpressions(e);
      assert.ok(named.definitions.length > 0, text);
      const vars = postorder(e).filter((n) => n.op === 'var').map((n) => n.name);
      for (const d of named.definitions) assert.ok(!vars.includes(d.name), `${d.name} clashes in ${text}`);
      assert.equal(expand(named.expr, named.definitions), e, text);
    }
  });
});
