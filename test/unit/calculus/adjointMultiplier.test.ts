/**
 * The multipliers the operator records state for reverse mode's links (rules/types.ts
 * AdjointMultiplierRule) are exactly what the rule applied to the stand-in τ gives (gradient.ts
 * adjointMultiplierWithStandIn), as reverse mode uses them: the same factors when it links through
 * the node, null on both sides when it does not (no such form, or a matrix product with a matrix
 * factor beside ū). Likewise forward mode's (TangentMultiplierRule, tangent.ts), for a 1×1 node and
 * argument. Checked at every node and argument of every corpus expression (in its plain,
 * LaTeX and NumPy forms), of the benchmark's families and of hand-built nodes the readers do not
 * make; the derivatives themselves are checked numerically by the corpus and rules suites.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Expr, num, ones, postorder, rawAdd, rawFn, rawHadamard, rawMul, rawPow, rawTranspose, variable,
} from '../../../src/core/model/expr';
import { isScalar, SCALAR, shape } from '../../../src/core/model/shape';
import { prepare } from '../../../src/core/service';
import { adjointMultiplierWithStandIn, commutes } from '../../../src/core/calculus/gradient';
import { tangentMultiplierWithStandIn } from '../../../src/core/calculus/tangent';
import { statedAdjointMultiplier, statedTangentMultiplier } from '../../../src/core/calculus/rules/index';
import type { Multiplier } from '../../../src/core/calculus/deferred';
import { chainRequest, mlpExpr, sumRequest, vectorRequest } from '../../../bench/families';
import type { DeriveRequest } from '../../../src/core/api';

const CORPUS_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'corpus');

/** Every request of the corpus: its derivation cases, and their LaTeX and NumPy forms. */
function corpusRequests(): DeriveRequest[] {
  const out: DeriveRequest[] = [];
  const byId = new Map<string, { where?: string; wrt: string[] }>();
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as Record<string, unknown>[]) {
      if (typeof c.expr === 'string' && Array.isArray(c.wrt)) {
        out.push({ expr: c.expr, where: c.where as string | undefined, wrt: c.wrt as string[] });
        byId.set(c.id as string, { where: c.where as string | undefined, wrt: c.wrt as string[] });
      }
    }
  }
  const notations = JSON.parse(readFileSync(join(CORPUS_DIR, 'notations.json'), 'utf8')) as { id: string; latex?: string; numpy?: string }[];
  for (const n of notations) {
    const c = byId.get(n.id);
    if (c === undefined) continue;
    if (n.latex) out.push({ expr: n.latex, wrt: c.wrt, from: 'latex' });
    if (n.numpy) out.push({ expr: n.numpy, wrt: c.wrt, from: 'numpy' });
  }
  return out;
}

/** Nodes no reader makes but the model allows: raw products and element-wise functions around plain and special factors. */
function handBuilt(): Expr[] {
  const n = 'n';
  const x = variable('x', shape(n, 1));
  const r = variable('r', shape(1, n));
  const A = variable('A', shape(n, n));
  const X = variable('X', shape(n, n));
  const s = variable('s', SCALAR);
  const h = rawFn('tanh', rawMul([A, x]));
  return [
    rawMul([r, x, r]), // r·x is 1×1: the factors left of the last r multiply to a scalar
    rawMul([s, A, X, rawTranspose(A)]),
    rawMul([A, rawFn('exp', X), X]),
    rawMul([X, X]),
    rawMul([ones(shape(1, n)), X, x]),
    rawHadamard([h, h]),
    rawHadamard([h, rawPow(x, num(2))]),
    rawHadamard([h, rawFn('step', x), rawFn('relu', x)]),
    rawHadamard([h, rawMul([num(3), x])]),
    rawFn('sigmoid', rawHadamard([h, x])),
    rawFn('tanh', rawFn('tanh', s)),
    rawFn('exp', rawFn('log', rawMul([num(2), s]))),
    rawFn('sin', rawAdd([s, s])),
    rawFn('sigmoid', rawMul([s, rawFn('cos', s)])),
    rawHadamard([s, rawFn('exp', s)]),
    rawHadamard([rawFn('exp', s), rawFn('exp', s), s]),
    rawFn('exp', rawMul([num(2), s, num(3), rawFn('sin', s)])),
    rawFn('exp', rawMul([num(0.5), s, rawFn('cos', s)])),
    rawFn('exp', rawMul([num(-1), rawMul([num(-1), s])])),
    rawFn('exp', rawMul([num(0), s])),
    rawFn('exp', rawMul([s, s, num(2)])),
  ];
}

interface Ids {
  readonly before: number[];
  readonly after: number[];
  readonly op?: string;
}

const ids = (m: Multiplier): Ids => ({ before: m.before.map((e) => e.id), after: m.after.map((e) => e.id), op: m.op });

/** What reverse mode does with a multiplier: its factors when it links, else null. */
const asLink = (m: Multiplier | null | undefined): Ids | null => (m === null || m === undefined || !commutes(m) ? null : ids(m));

/** What forward mode does with one: its factors when it links (not an element-wise product), else null. */
const asTangentLink = (m: Multiplier | null | undefined): Ids | null => (m === null || m === undefined || m.op === 'hadamard' ? null : ids(m));

/** The roots: every corpus expression, the families, the hand-built nodes. */
function roots(): Expr[] {
  const out: Expr[] = [];
  for (const req of [...corpusRequests(), sumRequest(8), chainRequest(6), vectorRequest(5)]) {
    const p = prepare(req);
    if (p.ok) out.push(p.value.f);
  }
  out.push(mlpExpr(4).f, ...handBuilt());
  return out;
}

/** Compares `stated` with `found` (both as `as` reads them) at every (node, argument) pair `where` admits; the counts compared and linked. */
function compareAll(
  stated: (u: Expr, i: number) => Multiplier | null | undefined,
  found: (u: Expr, i: number) => Multiplier | undefined,
  as: (m: Multiplier | null | undefined) => Ids | null,
  where: (u: Expr, i: number) => boolean,
): { stated: number; linked: number } {
  let count = 0;
  let linked = 0;
  const seen = new Set<string>();
  for (const root of roots()) {
    for (const u of postorder(root)) {
      for (let i = 0; i < u.args.length; i++) {
        const key = `${u.id}:${i}`;
        if (seen.has(key) || !where(u, i)) continue;
        seen.add(key);
        const m = stated(u, i);
        if (m === undefined) continue;
        count++;
        const expected = as(found(u, i));
        assert.deepEqual(as(m), expected, `${u.op} argument ${i} of node ${u.id} in ${root.op}`);
        if (expected !== null) linked++;
      }
    }
  }
  return { stated: count, linked };
}

describe('calculus: the adjoint multipliers the operator records state', () => {
  it('are what the rule applied to the stand-in τ gives, at every node of the corpus, the families and hand-built nodes', () => {
    const { stated, linked } = compareAll(statedAdjointMultiplier, (u, i) => adjointMultiplierWithStandIn(u, i, () => false), asLink, () => true);
    // Both outcomes occur often: the comparison is not vacuous.
    assert.ok(stated >= 300, `${stated} stated multipliers compared`);
    assert.ok(linked >= 50 && stated - linked >= 50, `${linked} linked, ${stated - linked} not`);
  });

  it('in forward mode, are what the tangent rule with τ gives, at every 1×1 node with a 1×1 argument', () => {
    const scalarPair = (u: Expr, i: number): boolean => isScalar(u.shape) && isScalar(u.args[i].shape);
    const { stated, linked } = compareAll(statedTangentMultiplier, (u, i) => tangentMultiplierWithStandIn(u, i, () => false), asTangentLink, scalarPair);
    assert.ok(stated >= 40 && linked >= 40, `${stated} stated multipliers compared, ${linked} linked`);
  });
});
