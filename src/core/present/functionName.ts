/**
 * The name an answer calls the function being differentiated by, one name in all of it: the steps
 * (y = σ(u) in Parr & Howard's notation, dy, ∂y/∂x), the equation heading (∂/∂x f), the hover (f = …)
 * and the Markdown document. The user's own where the text gives one (`L = …`, `f(x) = …`,
 * `def loss(…)`); else the textbook's name of the part where it has one (p = softmax(z), P along a
 * dimension, s = σ(z)), as the result's named form calls it; else f, whatever its shape — the name the
 * heading, the hover and the emitted code (f.shape) have always used — or, where f is taken, y, g, h. Never a name the answer has
 * taken (a variable's, a dimension's, a name the user gave another part).
 */
import { variable, type Expr } from '../model/expr';
import { preferredName } from './cse';

const DEFAULTS = ['f', 'y', 'g', 'h'];

/** The function's name: `own` (the user's), else the textbook's, else the first default `taken` leaves free. */
export function functionName(f: Expr, taken: (name: string) => boolean, own?: string): Expr {
  const textbook = preferredName(f);
  const candidates = [...(own !== undefined ? [own] : []), ...(textbook !== undefined ? [textbook] : []), ...DEFAULTS];
  let name = candidates.find((n) => !taken(n));
  for (let k = 1; name === undefined; k++) if (!taken(`f_${k}`)) name = `f_${k}`;
  return variable(name, f.shape);
}
