/**
 * Activation functions of PyTorch (`F.silu`, `torch.nn.functional.leaky_relu`, …) and JAX
 * (`jax.nn.silu`, …), and PyTorch's small arithmetic functions (`torch.rsqrt`, `x.reciprocal()`,
 * `x.neg()`), read as the exact compositions of the core's functions they are (PyTorch's and JAX's
 * definitions), so no operator is added and the read-as line shows what is differentiated:
 *
 * | code | reads as |
 * |---|---|
 * | `silu(u)`, `swish(u)` | u .* sigmoid(u) |
 * | `leaky_relu(u, s)` (s = 0.01) | max(0, u) + s*min(0, u) |
 * | `elu(u, α)` (α = 1) | max(0, u) + α*expm1(min(0, u)) |
 * | `celu(u, α)` (α = 1) | max(0, u) + α*expm1(min(0, u)/α) |
 * | `selu(u)` | λ*(max(0, u) + α*expm1(min(0, u))), PyTorch's λ and α |
 * | `relu6(u)` | min(max(0, u), 6) |
 * | `hardtanh(u, lo, hi)` (−1, 1), `hard_tanh(u)` | min(max(u, lo), hi) |
 * | `hardsigmoid(u)`, `hard_sigmoid(u)` | min(max(0, u + 3), 6)/6 |
 * | `hardswish(u)`, `hard_swish(u)`, `hard_silu(u)` | u .* (min(max(0, u + 3), 6)/6) |
 * | `logsigmoid(u)`, `log_sigmoid(u)` | -softplus(-u) |
 * | `softsign(u)`, `soft_sign(u)` | u ./ (1 + abs(u)) |
 * | `mish(u)` | u .* tanh(softplus(u)) |
 * | `tanhshrink(u)` | u - tanh(u) |
 * | `softshrink(u, λ)` (λ = 0.5) | max(0, u - λ) + min(0, u + λ) |
 * | `hardshrink(u, λ)` (λ = 0.5) | u .* step(abs(u) - λ) |
 * | `rsqrt(u)` | u.^(-0.5) |
 * | `reciprocal(u)` | u.^(-1) |
 * | `neg(u)`, `negative(u)` | -u |
 *
 * Each is exact for every real u (max(0, u) + s·min(0, u) is u for u ≥ 0 and s·u below; expm1 of
 * min(0, u) is 0 for u ≥ 0), so the value is the library's and the derivative is the library's
 * wherever the function is differentiable. softshrink's reading is its kernel (`u > λ ? u − λ : u < −λ ?
 * u + λ : 0`) for every λ ≥ 0, the only λ PyTorch takes (a negative number is refused, as PyTorch
 * does); hardshrink's (`−λ ≤ u ≤ λ ? 0 : u`) for every λ, the step 𝟙[|u| − λ > 0] strict as the
 * kernel's bounds are inclusive. The parameters are scalars, positional or by keyword;
 * `inplace` changes nothing of the value. Read only after a module prefix (a bare `silu(x)` may be the
 * code's own function) or, for the tensor methods PyTorch has (`x.neg()`, `x.reciprocal()`,
 * `x.rsqrt()`), as a method.
 */
import type { Span } from '../../api';
import type { Ast } from '../ast';
import { fail } from '../diagnostics';
import { asAtom, asFactor, callNode, numberNode, parenNode, powerNode, productNode, sumNode, unaryNode } from '../nodes';
import type { Args, Keywords } from './arguments';
import type { Lowered } from './matmul';
import type { PyNode } from './parser';
import type { Deferred } from '../deferred';
import { table } from '../table';

/** A parameter after the input: its keyword and its default (as a number and as written). */
interface Parameter {
  readonly name: string;
  readonly value: number;
  readonly text: string;
}

interface Activation {
  readonly params: readonly Parameter[];
  /** The composition, of the input u and the parameters (as written or their defaults), at the call. */
  readonly build: (u: Ast, p: readonly Ast[], at: Builder) => Ast;
}

/** Plain syntax nodes placed at a call (span and name span). */
export class Builder {
  constructor(
    readonly span: Span,
    readonly nameSpan: Span,
  ) {}

  num(v: number, text = String(v)): Ast {
    return numberNode(v, text, this.nameSpan);
  }

  call(name: string, ...args: Ast[]): Ast {
    return callNode(name, args, this.span, this.nameSpan);
  }

  /** max(0, u), the plain reading of relu. */
  relu(u: Ast): Ast {
    return this.call('max', this.num(0), u);
  }

  /** min(0, u). */
  min0(u: Ast): Ast {
    return this.call('min', this.num(0), u);
  }

  /** min(max(u, lo), hi), lo written first as max(0, u) when it is 0. */
  clamp(u: Ast, lo: Ast | undefined, hi: Ast | undefined): Ast {
    const low = lo === undefined ? u : isZero(lo) ? this.relu(u) : this.call('max', u, lo);
    if (hi === undefined) return low;
    return isZero(hi) && lo === undefined ? this.min0(u) : this.call('min', low, hi);
  }

  times(a: Ast, op: '*' | '.*' | '/' | './', b: Ast): Ast {
    return parenNode(productNode(asFactor(a), [{ op, opSpan: this.nameSpan, operand: asFactor(b) }]), this.span);
  }

  plus(a: Ast, op: '+' | '-', b: Ast): Ast {
    return parenNode(sumNode(a, [{ op, opSpan: this.nameSpan, operand: op === '-' ? asFactor(b) : b }]), this.span);
  }

  neg(a: Ast): Ast {
    return parenNode(unaryNode('-', asFactor(a), this.span), this.span);
  }

  /** c*a, or a itself when c is the number 1. */
  scaled(c: Ast, a: Ast): Ast {
    return c.kind === 'number' && c.value === 1 ? a : this.times(c, '*', a);
  }

  power(a: Ast, k: number, text: string): Ast {
    const exponent = k < 0 ? unaryNode('-', this.num(-k, text.replace(/^-/, '')), this.nameSpan) : this.num(k, text);
    return parenNode(powerNode('.^', asAtom(a), exponent, this.nameSpan, this.span), this.span);
  }

  hardSigmoid(u: Ast): Ast {
    return this.times(this.call('min', this.relu(this.plus(u, '+', this.num(3))), this.num(6)), '/', this.num(6));
  }
}

const isZero = (a: Ast): boolean => a.kind === 'number' && a.value === 0;

const param = (name: string, value: number, text = String(value)): Parameter => ({ name, value, text });
const none: readonly Parameter[] = [];

const silu: Activation = { params: none, build: (u, _p, b) => b.times(u, '.*', b.call('sigmoid', u)) };
const hardTanh: Activation = { params: [param('min_val', -1, '-1'), param('max_val', 1)], build: (u, [lo, hi], b) => b.clamp(u, lo, hi) };
const hardSigmoid: Activation = { params: none, build: (u, _p, b) => b.hardSigmoid(u) };
const hardSwish: Activation = { params: none, build: (u, _p, b) => b.times(u, '.*', b.hardSigmoid(u)) };
const logSigmoid: Activation = { params: none, build: (u, _p, b) => b.neg(b.call('softplus', b.neg(u))) };
const softSign: Activation = { params: none, build: (u, _p, b) => b.times(u, './', b.plus(b.num(1), '+', b.call('abs', u))) };
const elu: Activation = {
  params: [param('alpha', 1, '1')],
  build: (u, [alpha], b) => b.plus(b.relu(u), '+', b.scaled(alpha, b.call('expm1', b.min0(u)))),
};

/** SELU's constants as PyTorch (torch/nn/functional.py) and JAX write them. */
const SELU_ALPHA = '1.6732632423543772848170429916717';
const SELU_SCALE = '1.0507009873554804934193349852946';

/** The activation functions and PyTorch's small arithmetic functions, by their name after the module prefix. */
export const ACTIVATIONS: Readonly<Record<string, Activation>> = table({
  silu,
  swish: silu,
  leaky_relu: {
    params: [param('negative_slope', 0.01, '0.01')],
    build: (u, [s], b) => b.plus(b.relu(u), '+', b.scaled(s, b.min0(u))),
  },
  elu,
  celu: {
    params: [param('alpha', 1, '1')],
    build: (u, [alpha], b) => b.plus(b.relu(u), '+', b.scaled(alpha, b.call('expm1', alpha.kind === 'number' && alpha.value === 1 ? b.min0(u) : b.times(b.min0(u), '/', alpha)))),
  },
  selu: {
    params: none,
    build: (u, _p, b) => b.times(b.num(Number(SELU_SCALE), SELU_SCALE), '*', b.plus(b.relu(u), '+', b.times(b.num(Number(SELU_ALPHA), SELU_ALPHA), '*', b.call('expm1', b.min0(u))))),
  },
  relu6: { params: none, build: (u, _p, b) => b.clamp(u, b.num(0), b.num(6)) },
  hardtanh: hardTanh,
  hard_tanh: { params: none, build: (u, _p, b) => b.clamp(u, b.neg(b.num(1)), b.num(1)) },
  hardsigmoid: hardSigmoid,
  hard_sigmoid: hardSigmoid,
  hardswish: hardSwish,
  hard_swish: hardSwish,
  hard_silu: hardSwish,
  logsigmoid: logSigmoid,
  log_sigmoid: logSigmoid,
  softsign: softSign,
  soft_sign: softSign,
  mish: { params: none, build: (u, _p, b) => b.times(u, '.*', b.call('tanh', b.call('softplus', u))) },
  tanhshrink: { params: none, build: (u, _p, b) => b.plus(u, '-', b.call('tanh', u)) },
  softshrink: {
    params: [param('lambd', 0.5, '0.5')],
    build: (u, [l], b) => b.plus(b.relu(b.plus(u, '-', l)), '+', b.min0(b.plus(u, '+', l))),
  },
  hardshrink: {
    params: [param('lambd', 0.5, '0.5')],
    build: (u, [l], b) => b.times(u, '.*', b.call('step', b.plus(b.call('abs', u), '-', l))),
  },
  rsqrt: { params: none, build: (u, _p, b) => b.power(u, -0.5, '0.5') },
  reciprocal: { params: none, build: (u, _p, b) => b.power(u, -1, '1') },
  neg: { params: none, build: (u, _p, b) => b.neg(u) },
  negative: { params: none, build: (u, _p, b) => b.neg(u) },
});

/** The tensor methods among them (x.neg(), x.reciprocal(), x.rsqrt(), x.hardshrink()): PyTorch's; NumPy's arrays have none. */
export const ACTIVATION_METHODS: readonly string[] = ['neg', 'negative', 'reciprocal', 'rsqrt', 'hardshrink'];

/** A negative number as written (-0.5, (-2)), else false. */
const isNegativeNumber = (a: Ast): boolean =>
  a.kind === 'paren' ? isNegativeNumber(a.arg) : a.kind === 'unary' ? a.op === '-' && a.arg.kind === 'number' && a.arg.value > 0 : a.kind === 'number' && a.value < 0;

/** An integer literal as written (2, -3; not 2.0 or 1e3) with optional signs, else undefined. */
function integerLiteral(n: PyNode): string | undefined {
  if (n.kind === 'number') return /^[0-9_]+$/.test(n.text) ? n.text : undefined;
  if (n.kind === 'unary') {
    const v = integerLiteral(n.arg);
    return v === undefined ? undefined : `${n.op === '-' ? '-' : ''}${v}`;
  }
  return n.kind === 'paren' ? integerLiteral(n.arg) : undefined;
}

/**
 * The composition `fn` stands for, applied to the call's input and parameters (positional after the
 * input, or by keyword; `inplace=True/False` allowed), each parameter a scalar.
 */
export function* activation(fn: string, args: Args, kw: Keywords, site: { readonly shown: string; readonly span: Span; readonly nameSpan: Span }, library: 'torch' | 'jax' | 'scipy' | 'numpy'): Deferred<Lowered> {
  const a = ACTIVATIONS[fn];
  kw.allow([...a.params.map((p) => p.name), 'inplace']);
  const inplace = kw.get('inplace');
  if (inplace !== undefined && !(inplace.kind === 'constant' && (inplace.value === 'True' || inplace.value === 'False'))) {
    fail('numpy.argument', inplace.span, `${site.shown}(…, inplace=…) takes True or False`);
  }
  args.count(1, 1 + a.params.length);
  const u = yield* args.get(0);
  // NumPy's reciprocal of an integer is an integer: np.reciprocal(2) is 0, not 0.5.
  const raw = args.raw(0);
  const whole = raw === undefined ? undefined : integerLiteral(raw);
  if (fn === 'reciprocal' && library === 'numpy' && raw !== undefined && whole !== undefined) {
    fail('numpy.argument', raw.span, `${site.shown} of an integer is an integer in NumPy (np.reciprocal(2) is 0): write 1 / ${whole}.0`);
  }
  const b = new Builder(site.span, site.nameSpan);
  const values: Ast[] = [];
  for (let i = 0; i < a.params.length; i++) {
    const p = a.params[i];
    const given = args.has(i + 1) ? yield* args.get(i + 1) : yield* kw.lowered(p.name, (n) => args.lowerNode(n));
    if (given === undefined) {
      values.push(p.value < 0 ? b.neg(b.num(-p.value, p.text.replace(/^-/, ''))) : b.num(p.value, p.text));
      continue;
    }
    if (given.kind !== 'scalar') fail('numpy.argument', given.ast.span, `${site.shown}: ${p.name} must be a number (a scalar), found ${given.kind === 'unknown' ? 'an array' : `a ${given.kind === 'column' || given.kind === 'row' ? 'vector' : given.kind}`}`);
    if (fn === 'celu' && given.ast.kind === 'number' && given.ast.value === 0) fail('numpy.argument', given.ast.span, `${site.shown}: alpha must not be 0 (CELU divides by it)`);
    if (fn === 'softshrink' && isNegativeNumber(given.ast)) fail('numpy.argument', given.ast.span, `${site.shown}: lambd must be at least 0 (PyTorch refuses a negative lambd)`);
    values.push(given.ast);
  }
  return { ast: a.build(u.ast, values, b), kind: u.kind };
}
