/**
 * PyTorch's `F.softplus(u, beta=1, threshold=20)` with its parameters (torch/nn/functional.py; the
 * kernel computes `u·β > threshold ? u : log1p(exp(u·β)) / β`):
 *
 * | code | reads as |
 * |---|---|
 * | `F.softplus(u)`, `F.softplus(u, β)`, threshold 20 | softplus(β*u)/β (softplus(u) for β = 1) |
 * | `F.softplus(u, β, t)`, t not 20 | softplus(β*u)/β + step(β*u − t) .* (u − softplus(β*u)/β) |
 *
 * beta is exact. The threshold is the library's switch to the identity, a device for numerical
 * stability: at the default 20 it moves the value by log1p(e^(−βu))/β < e⁻²⁰/β ≈ 2.1·10⁻⁹/β where it
 * acts (βu > 20), under 1.1·10⁻¹⁰ of the value and so below float32's rounding (PyTorch's default
 * dtype), and the call reads as the smooth function F.softplus(u) has always read as. Any other
 * threshold may move it visibly (log1p(e⁻¹) ≈ 0.31 at threshold=1) and reads as the kernel computes
 * it, the switch the step 𝟙[βu − t > 0] (strict, as the kernel's `>`): exact at every u, its
 * derivative the kernel's wherever it has one. β = 0 (a division by zero) and array parameters are
 * refused. JAX's jax.nn.softplus has no parameters (read by the element-wise table, one argument).
 */
import type { Span } from '../../api';
import type { Ast } from '../ast';
import { fail } from '../diagnostics';
import type { Deferred } from '../deferred';
import { Builder } from './activations';
import type { Args, Keywords } from './arguments';
import type { Lowered } from './matmul';

/** PyTorch's default threshold. */
const DEFAULT_THRESHOLD = 20;

const isNumber = (a: Ast, v: number): boolean => a.kind === 'number' && a.value === v;

/** F.softplus(u, beta, threshold) of PyTorch, positional or by keyword (see the table above). */
export function* torchSoftplus(args: Args, kw: Keywords, site: { readonly shown: string; readonly span: Span; readonly nameSpan: Span }): Deferred<Lowered> {
  kw.allow(['beta', 'threshold']);
  args.count(1, 3);
  const u = yield* args.get(0);
  const parameter = function* (i: number, name: string): Deferred<Ast | undefined> {
    const given = args.has(i) ? yield* args.get(i) : yield* kw.lowered(name, (n) => args.lowerNode(n));
    if (given === undefined) return undefined;
    if (given.kind !== 'scalar') fail('numpy.argument', given.ast.span, `${site.shown}: ${name} must be a number (a scalar), found ${given.kind === 'matrix' ? 'a matrix' : 'an array'}`);
    return given.ast;
  };
  const beta = yield* parameter(1, 'beta');
  const threshold = yield* parameter(2, 'threshold');
  if (beta !== undefined && isNumber(beta, 0)) fail('numpy.argument', beta.span, `${site.shown}: beta must not be 0 (softplus divides by it)`);
  const b = new Builder(site.span, site.nameSpan);
  const one = beta === undefined || isNumber(beta, 1);
  const scaled = one ? u.ast : b.times(beta, '*', u.ast);
  const smooth = (): Ast => (one ? b.call('softplus', scaled) : b.times(b.call('softplus', scaled), '/', beta));
  if (threshold === undefined || isNumber(threshold, DEFAULT_THRESHOLD)) return { ast: smooth(), kind: u.kind };
  const switched = b.call('step', b.plus(scaled, '-', threshold));
  return { ast: b.plus(smooth(), '+', b.times(switched, '.*', b.plus(u.ast, '-', smooth()))), kind: u.kind };
}
