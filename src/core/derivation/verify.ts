/**
 * Numeric verification of a derivation's claims at random points: rewrites by evaluation
 * (numeric/equal.ts), derivatives against central finite differences (numeric/check.ts), pitfalls
 * by finding the two sides different. Intermediate variables are expanded to their definitions
 * except those the claim keeps free.
 */
import type { Derivative } from '../calculus/form';
import { compareNumerically, checkDerivative } from '../numeric/index';
import type { Claim, Step } from './step';
import { expand } from './substitute';

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
  const x = (e: Parameters<typeof expand>[0]) => expand(e, c.defs, c.keep ?? []);
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
  }
}

export function verifyStep(s: Step, opts: VerifyOptions = {}): ClaimReport[] {
  return s.claims.map((c) => verifyClaim(c, opts));
}
