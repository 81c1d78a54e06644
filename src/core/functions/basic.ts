/**
 * The smooth element-wise functions of the first vocabulary: exp, log, sin, cos, tan, tanh,
 * sigmoid (σ) and sqrt.
 */
import type { FunctionRecord } from './types';

/** The logistic function, stable on both tails: never exp of a large positive number. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const npCall = (name: string) => (m: string, u: string): string => `${m}.${name}(${u})`;

/** A function every notation spells by its name, written and read as `name(u)`. */
function named(name: string, latex: string, more: Omit<FunctionRecord, 'plain' | 'latex' | 'unicode' | 'form' | 'code'> & { readonly commands?: readonly string[] }): FunctionRecord {
  const { commands, ...rest } = more;
  return {
    ...rest,
    plain: { write: name, read: [name] },
    latex: { write: latex, commands: commands ?? [name], operatorNames: [] },
    unicode: name,
    form: 'call',
    code: { numpy: npCall(name), read: [name], methods: [name] },
  };
}

export const BASIC_FUNCTIONS = {
  exp: named('exp', '\\exp', {
    derivative: (_b, _a, u) => u,
    value: Math.exp,
    atZero: 1,
    rule: { display: 'exp', text: 'd/du exp(u) = exp(u)' },
  }),
  log: named('log', '\\log', {
    derivative: (b, a) => b.pow(a, b.num(-1)),
    value: Math.log,
    atZero: -Infinity,
    domain: 'positive',
    commands: ['log', 'ln'],
    rule: { display: 'log', text: 'd/du log(u) = 1/u' },
  }),
  sin: named('sin', '\\sin', {
    derivative: (b, a) => b.fn('cos', a),
    value: Math.sin,
    atZero: 0,
    rule: { display: 'sin', text: 'd/du sin(u) = cos(u)' },
  }),
  cos: named('cos', '\\cos', {
    derivative: (b, a) => b.neg(b.fn('sin', a)),
    value: Math.cos,
    atZero: 1,
    rule: { display: 'cos', text: 'd/du cos(u) = −sin(u)' },
  }),
  tan: named('tan', '\\tan', {
    derivative: (b, a, u) => b.add(b.ones(a.shape), b.pow(u, b.num(2))),
    value: Math.tan,
    atZero: 0,
    rule: { display: 'tan', text: 'd/du tan(u) = 1 + tan²(u)' },
  }),
  tanh: named('tanh', '\\tanh', {
    derivative: (b, a, u) => b.sub(b.ones(a.shape), b.pow(u, b.num(2))),
    value: Math.tanh,
    atZero: 0,
    rule: { display: 'tanh', text: 'd/du tanh(u) = 1 − tanh²(u)' },
  }),
  sigmoid: {
    derivative: (b, a, u) => b.hadamard(u, b.sub(b.ones(a.shape), u)),
    value: sigmoid,
    atZero: 0.5,
    plain: { write: 'sigmoid', read: ['sigmoid'] },
    latex: { write: '\\sigma', commands: ['sigmoid'], operatorNames: [] },
    unicode: 'σ',
    form: 'call',
    code: { numpy: (_m, u) => `_sigmoid(${u})`, torch: (u) => `torch.sigmoid(${u})`, read: ['sigmoid', 'expit'], methods: ['sigmoid'] },
    rule: { display: 'σ', text: 'd/du σ(u) = σ(u)(1 − σ(u))' },
  },
} satisfies Record<string, FunctionRecord>;

export const SQRT: FunctionRecord = {
  derivative: (b, _a, u) => b.mul(b.num(0.5), b.pow(u, b.num(-1))),
  value: Math.sqrt,
  atZero: 0,
  domain: 'positive',
  plain: { write: 'sqrt', read: ['sqrt'] },
  latex: { write: '', commands: [], operatorNames: ['sqrt'] },
  unicode: '√',
  form: 'sqrt',
  code: { numpy: npCall('sqrt'), read: ['sqrt'], methods: ['sqrt'] },
  rule: { display: '√', text: 'd/du √u = 1/(2√u)' },
};
