/**
 * A selection that states the derivative it asks for — `\frac{\partial}{\partial \mathbf{w}}
 * \|\mathbf{w}\|_1`, `\nabla_{\mathbf{x}} (\mathbf{x}^\top A \mathbf{x})`, `\frac{d}{dx} \sin(x^2)`,
 * `\frac{\partial^2}{\partial x \partial x^\top} x^\top A x`, `d/dx(x'*A*x)`, `∂/∂x (xᵀAx)`, `∇ₓ(xᵀAx)` —
 * is the request it states: the function after the operator (or in its numerator, `\frac{\partial
 * (x^\top A x)}{\partial x}`) differentiated by the variable the operator names, to the operator's
 * order. The operator is recognised as the proofreader recognises a side that is a derivative
 * (proofread/derivative.ts), so what one reads as ∂/∂x the other does too.
 *
 * Never a guess: a Leibniz `d` is an operator only where `d` is not a declared variable (then the
 * readers read the quotient, as before); a request whose own variable or order contradicts the
 * text's operator — `--wrt x` for `∂/∂w`, the Hessian asked of `∂/∂x (…)` — is an error naming both.
 * The order asked defaults to the operator's (the first-derivative commands pass order 1, which a
 * second-order operator raises to 2: it is what the text says). NumPy code has no such operators.
 *
 * Errors in the function are reported at their place in the text as written (spans shifted).
 */
import type { DeriveRequest, Diagnostic, Outcome } from './api';
import { declarations } from './language';
import { derivativeSide, variableName } from './proofread/derivative';
import { sameLetters } from './syntax/characters';

type Request = Pick<DeriveRequest, 'expr' | 'wrt' | 'order' | 'where' | 'from'>;

export interface Stated<R extends Request> {
  /** The request the text states: its function as `expr`, the operator's variable and order. */
  readonly req: R;
  /** Where the function starts in the text as written. */
  readonly offset: number;
  /** The operator's variable, when it names one (`\nabla f` names none: the first variable). */
  readonly wrt?: string;
}

/** A Leibniz operator spelled with a bare d: `d/dx`, `df/dx`, `\frac{d}{dx}`, `\frac{d f}{d x}`. */
const BARE_D = /^(?:\\[dt]?frac\s*\{\s*)?d(?![A-Za-z])/;

const conflict = (message: string, end: number): { ok: false; error: Diagnostic } => ({
  ok: false,
  error: { code: 'request.conflict', message, start: 0, end },
});

/**
 * The request a text states, undefined when it states none (the text is read as it is), or an
 * error when the request contradicts the text's operator.
 */
export function statedDerivative<R extends Request>(req: R): Outcome<Stated<R> | undefined> {
  const from = req.from ?? 'auto';
  if (from === 'numpy') return { ok: true, value: undefined };
  const text = req.expr;
  const trimmed = text.trim();
  if (!/^(?:\\[dt]?frac|\\nabla|d|∂|∇)/.test(trimmed)) return { ok: true, value: undefined };
  const latex = from === 'latex' || (from === 'auto' && /^\\(?:[dt]?frac|nabla)/.test(trimmed));
  const side = derivativeSide(text, latex ? 'latex' : 'plain');
  // A bare name (∂f/∂x, \nabla f) states no function to differentiate: the readers say so.
  if (side === undefined || variableName(side.fn) !== undefined) return { ok: true, value: undefined };
  if (BARE_D.test(trimmed) && req.where !== undefined) {
    const declared = declarations(req.where);
    if (declared.ok && declared.value.some((d) => sameLetters(d.name) === 'd')) return { ok: true, value: undefined };
  }
  // After the operator, or in its numerator (\frac{\partial (…)}{\partial x}, ∂(…)/∂x), as the proofreader found it.
  const offset = side.at;
  const operatorEnd = offset > 0 ? offset : text.trimEnd().length;
  const stated = side.wrt === undefined ? undefined : sameLetters(side.wrt);
  const asked = req.wrt && req.wrt.length > 0 ? req.wrt.map(sameLetters) : undefined;
  if (stated !== undefined && asked !== undefined && (asked.length !== 1 || asked[0] !== stated)) {
    return conflict(`the text is a derivative by ${stated}, but ${asked.join(', ')} ${asked.length === 1 ? 'was' : 'were'} asked for: select the function only to differentiate it by another variable`, operatorEnd);
  }
  if (req.order === 2 && side.order === 1) {
    return conflict(`the text is a first derivative${stated ? ` (by ${stated})` : ''} and a second derivative was asked for: select the function only for its Hessian, or write the second-order operator (\\nabla^2, \\frac{\\partial^2}{\\partial x \\partial x^\\top})`, operatorEnd);
  }
  const wrt = stated !== undefined ? [stated] : req.wrt;
  // The function of a LaTeX operator is LaTeX (x^T in \frac{\partial}{\partial x} x^T A x is LaTeX's transpose).
  const fnFrom = latex && from === 'auto' ? 'latex' : from;
  return { ok: true, value: { req: { ...req, expr: side.fn, wrt, order: side.order, from: fnFrom }, offset, wrt: stated } };
}

/** An outcome about the function, its error spans in the expression moved to where the function is in the text (spans in the declarations or a claim stay). */
export function shifted<T>(out: Outcome<T>, offset: number): Outcome<T> {
  if (out.ok || offset === 0 || (out.error.source !== undefined && out.error.source !== 'expr')) return out;
  const e = out.error;
  return { ok: false, error: { ...e, start: e.start + offset, end: e.end + offset } };
}

/** Answer `run` for the request the text states (or the request itself when it states none). */
export function onStated<R extends Request, T>(req: R, run: (r: R) => Outcome<T>): Outcome<T> {
  const s = statedDerivative(req);
  if (!s.ok) return s;
  if (s.value === undefined) return run(req);
  return shifted(run(s.value.req), s.value.offset);
}
