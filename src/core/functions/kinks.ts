/**
 * The element-wise functions with a kink or a jump at 0: relu = max(0, ·), abs, sign, min0 =
 * min(0, ·) and the step 𝟙[· > 0] (relu's derivative, 0 at 0 as Parr & Howard).
 */
import type { FunctionRecord } from './types';

const npCall = (name: string) => (m: string, u: string): string => `${m}.${name}(${u})`;

export const KINK_FUNCTIONS = {
  relu: {
    derivative: (b, a) => b.fn('step', a),
    value: (x) => (x > 0 ? x : 0),
    atZero: 0,
    nonSmooth: true,
    cases: { negative: 'zero', positive: 'identity' },
    plain: { write: 'max', read: ['relu'] },
    latex: { write: '\\max', commands: ['relu'], operatorNames: ['ReLU', 'Relu'] },
    unicode: 'max',
    form: 'zero-first',
    code: { numpy: (m, u) => `${m}.maximum(${u}, 0.0)`, torch: (u) => `torch.clamp(${u}, min=0.0)`, read: ['relu'], methods: ['relu'] },
    rule: { display: 'max(0, ·)', text: 'd/du max(0, u) = 𝟙[u > 0]: 1 where u > 0, 0 elsewhere' },
  },
  abs: {
    derivative: (b, a) => b.fn('sign', a),
    value: Math.abs,
    atZero: 0,
    nonSmooth: true,
    plain: { write: 'abs', read: ['abs'] },
    latex: { write: '', commands: [], operatorNames: ['abs'] },
    unicode: '',
    form: 'abs',
    code: { numpy: npCall('abs'), read: ['abs', 'absolute', 'fabs'], methods: ['abs'] },
    rule: { display: '|·|', text: 'd/du |u| = sign(u)' },
  },
  sign: {
    derivative: (b, a) => b.zeros(a.shape),
    value: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
    atZero: 0,
    nonSmooth: true,
    plain: { write: 'sign', read: ['sign'] },
    latex: { write: '\\operatorname{sign}', commands: ['sgn'], operatorNames: ['sign'] },
    unicode: 'sign',
    form: 'call',
    code: { numpy: npCall('sign'), read: ['sign'], methods: ['sign'] },
    rule: { display: 'sign', text: 'd/du sign(u) = 0 (almost everywhere)' },
  },
  min0: {
    derivative: (b, a) => b.fn('step', b.neg(a)),
    value: (x) => (x < 0 ? x : 0),
    atZero: 0,
    nonSmooth: true,
    cases: { negative: 'identity', positive: 'zero' },
    plain: { write: 'min', read: [] },
    latex: { write: '\\min', commands: [], operatorNames: [] },
    unicode: 'min',
    form: 'zero-first',
    code: { numpy: (m, u) => `${m}.minimum(${u}, 0.0)`, torch: (u) => `torch.clamp(${u}, max=0.0)`, read: [], methods: [] },
    rule: { display: 'min(0, ·)', text: 'd/du min(0, u) = 𝟙[u < 0]: 1 where u < 0, 0 elsewhere' },
  },
  step: {
    derivative: (b, a) => b.zeros(a.shape),
    value: (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
    atZero: 0,
    nonSmooth: true,
    cases: { negative: 'zero', positive: 'one' },
    plain: { write: 'step', read: ['step'] },
    latex: { write: '', commands: [], operatorNames: ['step'] },
    unicode: '𝟙',
    form: 'indicator',
    code: { numpy: (m, u) => `${m}.heaviside(${u}, 0.0)`, torch: (u) => `_step(${u})`, read: [], methods: [] },
    rule: { display: 'the step function', text: 'd/du 𝟙[u > 0] = 0 (almost everywhere)' },
  },
} satisfies Record<string, FunctionRecord>;
