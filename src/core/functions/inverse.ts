/**
 * The inverse trigonometric and the hyperbolic functions: asin, acos, atan (also spelled arcsin,
 * arccos, arctan), sinh and cosh, and the inverse hyperbolic functions asinh, acosh, atanh (also
 * spelled arcsinh, arccosh, arctanh as NumPy does, and arsinh, arcosh, artanh as ISO 80000-2 does).
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

/**
 * An inverse hyperbolic function: written `write` in plain text (asinh), `arcName` in LaTeX
 * (`\operatorname{arcsinh}`: neither LaTeX nor KaTeX has a command for it), Unicode and code
 * (np.arcsinh, torch.arcsinh, jnp.arcsinh). Read also as the ISO name `isoName` (arsinh) in plain
 * text and LaTeX, where papers also define the commands \arcsinh and \arsinh; in code only the
 * library names (np.arcsinh, torch.asinh, math.asinh), as no library has arsinh.
 */
function inverseHyperbolic(write: string, arcName: string, isoName: string, rest: Pick<FunctionRecord, 'derivative' | 'value' | 'atZero' | 'domain' | 'rule'>): FunctionRecord {
  const record = named(write, [arcName, isoName], arcName, arcName, arcName, rest);
  return {
    ...record,
    latex: { write: `\\operatorname{${arcName}}`, commands: [arcName, isoName], operatorNames: [write, arcName, isoName] },
    code: { ...record.code, read: [arcName, write], methods: [arcName, write] },
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
  asinh: inverseHyperbolic('asinh', 'arcsinh', 'arsinh', {
    // 1/√(u² + 1)
    derivative: (b, a) => b.pow(b.add(b.pow(a, b.num(2)), b.ones(a.shape)), b.num(-0.5)),
    value: Math.asinh,
    atZero: 0,
    rule: { display: 'arcsinh', text: 'd/du arcsinh(u) = 1/√(u² + 1)' },
  }),
  acosh: inverseHyperbolic('acosh', 'arccosh', 'arcosh', {
    // 1/√(u² − 1), real for u > 1
    derivative: (b, a) => b.pow(b.sub(b.pow(a, b.num(2)), b.ones(a.shape)), b.num(-0.5)),
    value: Math.acosh,
    atZero: NaN,
    domain: 'above-one',
    rule: { display: 'arccosh', text: 'd/du arccosh(u) = 1/√(u² − 1), for u > 1' },
  }),
  atanh: inverseHyperbolic('atanh', 'arctanh', 'artanh', {
    derivative: (b, a) => b.pow(b.sub(b.ones(a.shape), b.pow(a, b.num(2))), b.num(-1)),
    value: Math.atanh,
    atZero: 0,
    domain: 'unit-interval',
    rule: { display: 'arctanh', text: 'd/du arctanh(u) = 1/(1 − u²), for |u| < 1' },
  }),
} satisfies Record<string, FunctionRecord>;
