/**
 * Smooth functions of machine learning and numerics: softplus log(1 + eᵘ), log1p log(1 + u),
 * expm1 eᵘ − 1, the error function erf and the exact GELU u·Φ(u) (Hendrycks & Gimpel 2016;
 * PyTorch's `gelu` with the default approximate='none'). The tanh approximation of GELU is a
 * different function and is refused by the NumPy reader.
 */
import { erf, normalCdf } from './erf';
import type { FunctionRecord } from './types';

const npCall = (name: string) => (m: string, u: string): string => `${m}.${name}(${u})`;

/** softplus, stable on both tails: x + log1p(e^(−x)) for x > 0. */
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** 1/√(2π): the standard normal density at 0. */

export const SMOOTH_FUNCTIONS = {
  softplus: {
    derivative: (b, a) => b.fn('sigmoid', a),
    value: softplus,
    atZero: Math.LN2,
    plain: { write: 'softplus', read: ['softplus'] },
    latex: { write: '\\operatorname{softplus}', commands: [], operatorNames: ['softplus'] },
    unicode: 'softplus',
    form: 'call',
    code: {
      numpy: (m, u) => `${m}.logaddexp(0.0, ${u})`,
      torch: (u) => `torch.logaddexp(${u}, torch.zeros_like(${u}))`,
      read: ['softplus'],
      methods: [],
    },
    rule: { display: 'softplus', text: 'd/du log(1 + exp(u)) = σ(u)' },
  },
  log1p: {
    derivative: (b, a) => b.pow(b.add(b.ones(a.shape), a), b.num(-1)),
    value: Math.log1p,
    atZero: 0,
    domain: 'positive',
    plain: { write: 'log1p', read: ['log1p'] },
    latex: { write: '\\operatorname{log1p}', commands: [], operatorNames: ['log1p'] },
    unicode: 'log1p',
    form: 'call',
    code: { numpy: npCall('log1p'), read: ['log1p'], methods: ['log1p'] },
    rule: { display: 'log1p', text: 'd/du log(1 + u) = 1/(1 + u)' },
  },
  expm1: {
    derivative: (b, a) => b.fn('exp', a),
    value: Math.expm1,
    atZero: 0,
    plain: { write: 'expm1', read: ['expm1'] },
    latex: { write: '\\operatorname{expm1}', commands: [], operatorNames: ['expm1'] },
    unicode: 'expm1',
    form: 'call',
    code: { numpy: npCall('expm1'), read: ['expm1'], methods: ['expm1'] },
    rule: { display: 'expm1', text: 'd/du (exp(u) − 1) = exp(u)' },
  },
  erf: {
    // (2/√π) e^(−u²)
    derivative: (b, a) => b.mul(b.num(2), b.pow(b.pi(), b.num(-0.5)), b.fn('exp', b.neg(b.pow(a, b.num(2))))),
    value: erf,
    atZero: 0,
    plain: { write: 'erf', read: ['erf'] },
    latex: { write: '\\operatorname{erf}', commands: [], operatorNames: ['erf'] },
    unicode: 'erf',
    form: 'call',
    code: {
      numpy: (_m, u) => `_erf(${u})`,
      torch: (u) => `torch.erf(${u})`,
      jax: (u) => `jax.lax.erf(${u})`,
      helpers: {
        _erf: (m) => `def _erf(u):
    """The error function entry by entry (NumPy has none): for |u| < 3 the series
    2/sqrt(pi) exp(-u^2) sum 2^n u^(2n+1) / (1*3*...*(2n+1)) (Abramowitz & Stegun 7.1.6),
    beyond it 1 - erfc(u) by the continued fraction of A&S 7.1.14."""
    x = ${m}.abs(${m}.asarray(u, dtype=float))
    s = ${m}.minimum(x, 3.0)
    term = s
    total = s
    for n in range(1, 100):
        term = term * (2.0 * s * s) / (2 * n + 1)
        total = total + term
    series = 2.0 / ${m}.sqrt(${m}.pi) * ${m}.exp(-s * s) * total
    c = ${m}.maximum(x, 3.0)
    f = c
    for k in range(60, 0, -1):
        f = c + (k / 2.0) / f
    fraction = 1.0 - ${m}.exp(-c * c) / (${m}.sqrt(${m}.pi) * f)
    r = ${m}.sign(u) * ${m}.where(x < 3.0, series, fraction)
    return r if ${m}.ndim(r) else ${m}.float64(r)`,
      },
      read: ['erf'],
      methods: ['erf'],
    },
    rule: { display: 'erf', text: 'd/du erf(u) = (2/√π)·exp(−u²)' },
  },
  gelu: {
    // Φ(u) + u·φ(u), Φ(u) = (1 + erf(u/√2))/2, φ(u) = e^(−u²/2)/√(2π)
    derivative: (b, a) => b.add(
      b.mul(b.num(0.5), b.add(b.ones(a.shape), b.fn('erf', b.mul(b.pow(b.num(2), b.num(-0.5)), a)))),
      b.hadamard(a, b.mul(b.pow(b.mul(b.num(2), b.pi()), b.num(-0.5)), b.fn('exp', b.mul(b.num(-0.5), b.pow(a, b.num(2)))))),
    ),
    value: (x) => x * normalCdf(x),
    atZero: 0,
    plain: { write: 'gelu', read: ['gelu'] },
    latex: { write: '\\operatorname{GELU}', commands: [], operatorNames: ['GELU', 'gelu'] },
    unicode: 'GELU',
    form: 'call',
    code: {
      numpy: (_m, u) => `_gelu(${u})`,
      torch: (u) => `torch.nn.functional.gelu(${u})`,
      jax: (u) => `jax.nn.gelu(${u}, approximate=False)`,
      helpers: {
        _gelu: (m) => `def _gelu(u):
    """GELU, exact: u·Φ(u) = u·(1 + erf(u/√2))/2."""
    return u * 0.5 * (1.0 + _erf(u / ${m}.sqrt(2.0)))`,
      },
      read: ['gelu'],
      methods: [],
      refusedKeywords: {
        approximate: "the tanh approximation of GELU is a different function: only the exact GELU x·Φ(x) is read (write gelu(x) without 'approximate')",
      },
    },
    rule: { display: 'GELU', text: 'd/du u·Φ(u) = Φ(u) + u·φ(u), with Φ the standard normal distribution function and φ its density' },
  },
} satisfies Record<string, FunctionRecord>;
