/**
 * Numeric verification of a derivation's claims at random points: rewrites by evaluation
 * (numeric/equal.ts), derivatives against central finite differences (numeric/check.ts), pitfalls
 * by finding the two sides different. Intermediate variables are expanded to their definitions
 * except those the claim keeps free.
 */
import type { Derivative } from '../calculus/form';
import { compareNumerically, checkDerivative } from '../numeric/index';
import { freeVariables, variable, type Expr } from '../model/expr';
import { SCALAR } from '../model/shape';
import { add, mul } from '../simplify/build';
import { formFor } from './context';
import type { Claim, Step } from './step';
import { expand, replaceNode } from './substitute';

export interface ClaimReport {
  readonly claim: Claim;
  readonly passed: boolean;
  readonly maxRelError: number;
  readonly detail?: string;
}

export interface VerifyOptions {
  readonly samples?: number;
  readonly seed?: number;
}

export function verifyClaim(c: Claim, opts: VerifyOptions = {}): ClaimReport {
  const keep = c.except === undefined ? c.keep : c.keep?.filter((v) => v !== c.except);
  const x = (e: Parameters<typeof expand>[0]) => expand(e, c.defs, keep ?? []);
  const samples = opts.samples ?? 3;
  const seed = opts.seed ?? 7;
  switch (c.kind) {
    case 'equal': {
      const r = compareNumerically(x(c.lhs), x(c.rhs), [], { samples, seed, tolerance: 1e-7 });
      return { claim: c, passed: r.equal, maxRelError: r.maxRelError, detail: r.diagnostic?.message };
    }
    case 'differs': {
      const r = compareNumerically(x(c.lhs), x(c.rhs), [], { samples, seed, tolerance: 1e-7 });
      return { claim: c, passed: r.samples > 0 && !r.equal, maxRelError: r.maxRelError, detail: r.diagnostic?.message };
    }
    case 'derivative': {
      const of = x(c.of);
      const d: Derivative = { f: of, wrt: c.wrt, order: c.order, form: c.form, expr: x(c.value) };
      const r = checkDerivative(of, c.wrt, d, {
        samples,
        seed,
        ...(c.gradient ? { gradient: x(c.gradient) } : {}),
        ...(c.symmetric ? { symmetricPerturbation: c.symmetric } : {}),
      });
      return { claim: c, passed: r.passed, maxRelError: r.maxRelError, detail: r.diagnostic?.message };
    }
    case 'differential': {
      // d/dt of(w + t·dw) = value at (w + t·dw, dw): the directional derivative along dw, at random t.
      const of = x(c.of);
      const value = x(c.value);
      const t = freshScalar([of, value]);
      const moved = (e: Expr): Expr => c.wrt.reduce((acc, w, i) => replaceNode(acc, w, add(w, mul(t, c.directions[i]))), e);
      const f = moved(of);
      const d: Derivative = { f, wrt: [t], order: 1, form: formFor(f, t), expr: moved(value) };
      const r = checkDerivative(f, [t], d, { samples, seed });
      return { claim: c, passed: r.passed, maxRelError: r.maxRelError, detail: r.diagnostic?.message };
    }
  }
}

/** A scalar variable used by none of the expressions (the step length t of a differential check). */
function freshScalar(es: readonly Expr[]): Expr {
  const used = new Set(es.flatMap((e) => freeVariables(e).map((v) => v.name as string)));
  let name = 'tdir';
  while (used.has(name)) name = `${name}t`;
  return variable(name, SCALAR);
}

export function verifyStep(s: Step, opts: VerifyOptions = {}): ClaimReport[] {
  return s.claims.map((c) => verifyClaim(c, opts));
}
