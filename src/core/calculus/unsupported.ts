import type { Expr } from '../model/expr';

/**
 * Raised inside the engines for something they cannot differentiate; turned into a Diagnostic by
 * the service, pointing at `node` where the input has it.
 */
export class UnsupportedDerivative extends Error {
  constructor(readonly what: string, readonly node?: Expr) {
    super(`cannot differentiate ${what}`);
  }
}
