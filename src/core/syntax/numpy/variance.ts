/**
 * The variance and the standard deviation of NumPy, JAX and PyTorch — `np.var(x)`, `jnp.std(X,
 * axis=1)`, `torch.var(x, correction=0)`, `x.var(dim=-1, keepdim=True, unbiased=False)` — read as
 * the population variance they compute, written with what the plain syntax has:
 * var(a) = mean((a − mean(a)).^2) over all entries, and along an axis mean((A − mean(A, d)).^2, d);
 * std is its square root.
 *
 * The libraries disagree on the default: NumPy and JAX divide by N (ddof=0), PyTorch by N − 1
 * (correction=1). A call is read with its library's default only where the library is known — a
 * module prefix (np., jnp., torch.), or, for a method or a bare name, code that uses PyTorch (then
 * the tensor's) or NumPy and not PyTorch; else it needs ddof= / correction= / unbiased=. Only the
 * population variance (correction 0, which layer and batch normalization use) is read; the sample
 * variance is refused with what to write instead, never read as the other.
 */
import { fail } from '../diagnostics';
import { callNode } from '../nodes';
import type { Args, Keywords } from './arguments';
import { along, flag, integer, plainAxis, squared, type Broadcast, type Site } from './batch';
import type { Lowered } from './matmul';
import type { PyNode } from './parser';
import type { Deferred } from '../deferred';

/** Whose var/std a call is: 'unknown' where nothing says (a method or bare name in code of neither library). */
export type VarianceLibrary = 'numpy' | 'torch' | 'unknown';

const booleanOf = (n: PyNode): boolean | undefined =>
  n.kind === 'constant' && (n.value === 'True' || n.value === 'False') ? n.value === 'True' : undefined;

/** The correction (the N − c divisor's c) the call asks for, from its keywords or its library's default. */
function correctionOf(kw: Keywords, positional: PyNode | undefined, lib: VarianceLibrary, site: Site): number {
  const ddof = kw.get('ddof');
  const correction = kw.get('correction');
  const unbiased = kw.get('unbiased') ?? (positional !== undefined && booleanOf(positional) !== undefined ? positional : undefined);
  const given = [ddof, correction, unbiased].filter((n) => n !== undefined) as PyNode[];
  if (given.length > 1) fail('numpy.argument', given[1].span, `${site.shown}: give one of ddof=, correction= and unbiased=`);
  if (ddof !== undefined && lib === 'torch') fail('numpy.argument', ddof.span, `${site.shown} takes correction= (or unbiased=), not ddof=: PyTorch refuses ddof at run time`);
  if (unbiased !== undefined && lib === 'numpy') fail('numpy.argument', unbiased.span, `${site.shown} takes ddof= (or correction=), not unbiased=: NumPy refuses unbiased at run time`);
  if (unbiased !== undefined) {
    const b = booleanOf(unbiased);
    if (b === undefined) return fail('numpy.argument', unbiased.span, `${site.shown}: unbiased is True or False`);
    return b ? 1 : 0;
  }
  const count = ddof ?? correction;
  if (count !== undefined) {
    const c = integer(count);
    if (c === undefined || c < 0) return fail('numpy.argument', count.span, `${site.shown}: ${ddof ? 'ddof' : 'correction'} is a non-negative integer`);
    return c;
  }
  if (lib === 'torch') return 1;
  if (lib === 'numpy') return 0;
  return fail('numpy.ambiguous-library', site.span,
    `${site.shown} divides by N for a NumPy array (ddof=0) but by N − 1 for a PyTorch tensor (correction=1), and nothing here says which: ` +
      `write np.var(…) / np.std(…), or give ddof=0 (NumPy) or correction=0 (PyTorch)`);
}

/** var or std of the call's first argument, as its library computes it. */
export function* varianceOf(std: boolean, args: Args, kw: Keywords, site: Site, lib: VarianceLibrary, combine: Broadcast): Deferred<Lowered> {
  kw.allow(['axis', 'dim', 'keepdims', 'keepdim', 'ddof', 'correction', 'unbiased', 'dtype']);
  args.count(1, 2);
  const a = yield* args.get(0);
  const second = args.raw(1);
  // torch.var(x, False) is the old unbiased= flag; otherwise the second argument is the axis.
  const flagged = second !== undefined && booleanOf(second) !== undefined && lib !== 'numpy';
  const c = correctionOf(kw, flagged ? second : undefined, lib, site);
  if (c !== 0) {
    const spelled = lib === 'torch' ? 'correction=0 (or unbiased=False)' : lib === 'numpy' ? 'ddof=0' : 'ddof=0 (NumPy) or correction=0 (PyTorch)';
    return fail('numpy.unsupported', site.span,
      `${site.shown} here is the sample ${std ? 'standard deviation' : 'variance'} (dividing by N − ${c}), which is not supported: ` +
        `the population ${std ? 'standard deviation' : 'variance'} (dividing by N, as layer and batch normalization use) is, with ${spelled}`);
  }
  const axisNode = kw.get('axis') ?? kw.get('dim') ?? (flagged ? undefined : second);
  const keep = flag(kw, ['keepdims', 'keepdim'], site.shown);
  const d = plainAxis(a, axisNode, site.shown, true);
  let v: Lowered;
  if (d === 'all') {
    const m: Lowered = { ast: callNode('mean', [a.ast], site.span, site.nameSpan), kind: 'scalar' };
    v = { ast: callNode('mean', [squared(combine(a, '-', m, site.nameSpan), site).ast], site.span, site.nameSpan), kind: 'scalar' };
  } else {
    const m = along('mean', a, d, true, site);
    v = along('mean', squared(combine(a, '-', m, site.nameSpan), site), d, keep, site);
  }
  return std ? { ast: callNode('sqrt', [v.ast], site.span, site.nameSpan), kind: v.kind } : v;
}
