/**
 * The inverse trigonometric and the hyperbolic functions: asin, acos, atan (also spelled arcsin,
 * arccos, arctan), sinh and cosh.
 */
import type { FunctionRecord } from './types';

/** Written `write` in plain text (reading also `also`), `\latex` in LaTeX, `numpy` in np/jnp/torch. */
function named(write: string, also: readonly string[], latex: string, unicode: string, numpy: string, rest: Pick<FunctionRecord, 'derivative' | 'value' | 'atZero' | 'domain' | 'rule'>): FunctionRecord {
  return {
    ...rest,
    plain: { write, read: [write, ...also] },
    latex: { write: `\\${latex}`, commands: [latex], operatorNames: [write, ...also.filter((n) => n !== latex)] },
    unicode,
    form: 'call',
    code: { numpy: (m, u) => `${m}.${numpy}(${u})`, read: [numpy, ...[write, ...also].filter((n) => n !== numpy)], methods: [numpy, ...(numpy === write ? [] : [write])] },
  };
}

export const INVERSE_AND_HYPERBOLIC = {
  asin: named('asin', ['arcsin'], 'arcsin', 'arcsin', 'arcsin', {
    // 1/√(1 − u²)
    derivative: (b, a) => b.pow(b.sub(b.ones(a.shape), b.pow(a, b.num(2))), b.num(-0.5)),
    value: Math.asin,
    atZero: 0,
    domain: 'unit-interval',
    rule: { display: 'arcsin', text: 'd/du arcsin(u) = 1/√(1 − u²)' },
  }),
  acos: named('acos', ['arccos'], 'arccos', 'arccos', 'arccos', {
    derivative: (b, a) => b.neg(b.pow(b.sub(b.ones(a.shape), b.pow(a, b.num(2))), b.num(-0.5))),
    value: Math.acos,
    atZero: Math.PI / 2,
    domain: 'unit-interval',
    rule: { display: 'arccos', text: 'd/du arccos(u) = −1/√(1 − u²)' },
  }),
  atan: named('atan', ['arctan'], 'arctan', 'arctan', 'arctan', {
    derivative: (b, a) => b.pow(b.add(b.ones(a.shape), b.pow(a, b.num(2))), b.num(-1)),
    value: Math.atan,
    atZero: 0,
    rule: { display: 'arctan', text: 'd/du arctan(u) = 1/(1 + u²)' },
  }),
  sinh: named('sinh', [], 'sinh', 'sinh', 'sinh', {
    derivative: (b, a) => b.fn('cosh', a),
    value: Math.sinh,
    atZero: 0,
    rule: { display: 'sinh', text: 'd/du sinh(u) = cosh(u)' },
  }),
  cosh: named('cosh', [], 'cosh', 'cosh', 'cosh', {
    derivative: (b, a) => b.fn('sinh', a),
    value: Math.cosh,
    atZero: 1,
    rule: { display: 'cosh', text: 'd/du cosh(u) = sinh(u)' },
  }),
} satisfies Record<string, FunctionRecord>;
