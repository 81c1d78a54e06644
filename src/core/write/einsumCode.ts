/**
 * Derivatives with three or four indices as contractions: each term of the index formula
 * (tensor/formula.ts) is one einsum over its factors, e.g. ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ is
 * −einsum('ik,lj->ijkl', X⁻¹, X⁻¹): the array f.shape + x.shape directly, with no Kronecker product
 * of size |f|·|x| built on the way. A δ is an identity matrix; a free index a term does not use is
 * a vector of ones. Also the plain-syntax view of the same contractions (`--emit einsum`).
 */
import type { Expr } from '../model/expr';
import { eye, ones } from '../model/expr';
import { isScalar, mulDim, shape, type Dim } from '../model/shape';
import type { Derivative } from '../calculus/form';
import { indexFormula, NoIndexForm, type IndexFormula } from '../tensor/index';
import { denominatorOf, isCompoundDenominator } from '../tensor/denominator';
import type { ArrayApi } from './arrayCode';
import { toText } from './text';
import { absolute, equals, numberParts, ONE, sign, type Rational } from '../model/rational';
import { pythonCoefficient, pythonMagnitude } from './pythonNumbers';

interface Operand {
  /** An expression, or a δ (the identity) or a 𝟏 over an index. */
  readonly e: Expr;
  readonly letters: string;
}

interface Contraction {
  readonly coef: Rational;
  readonly scalars: readonly Expr[];
  /** Scalars divided by, written last as the matrix form writes them: einsum(…)/n (tensor/denominator.ts). */
  readonly divisors: readonly Expr[];
  readonly operands: readonly Operand[];
  readonly spec: string;
}

/** The terms of the formula as einsum contractions; undefined when there is no index form. */
export function contractions(d: Derivative): Contraction[] | undefined {
  if (d.wrt.length !== 1 || (d.order === 2 && !isScalar(d.f.shape))) return undefined;
  let formula: IndexFormula;
  try {
    formula = indexFormula(d.f, d.wrt[0], d.order);
  } catch (e) {
    if (e instanceof NoIndexForm) return undefined;
    throw e;
  }
  const free = [...formula.fIx, ...formula.xIx.flat()].filter((x): x is string => x !== null);
  const all = [...free, ...formula.terms.flatMap((t) => t.sums)];
  if (all.some((c) => !/^[a-z]$/.test(c))) return undefined;
  return formula.terms.map((t) => {
    const scalars: Expr[] = [];
    const divisors: Expr[] = [];
    const operands: Operand[] = [];
    for (const f of t.factors) {
      const divisor = denominatorOf(f);
      if (divisor !== undefined) divisors.push(divisor);
      else if (f.kind === 'delta') operands.push({ e: eye(formula.ranges.get(f.a) ?? rangeOf(t, f.a)), letters: f.a + f.b });
      else if (f.r === null && f.c === null) scalars.push(f.of);
      else operands.push({ e: f.of, letters: [f.r, f.c].filter((x) => x !== null).join('') });
    }
    for (const c of free) {
      if (!operands.some((o) => o.letters.includes(c))) operands.push({ e: ones(shape(formula.ranges.get(c) as Dim, 1)), letters: c });
    }
    return { coef: t.coef, scalars, divisors, operands, spec: `${operands.map((o) => o.letters).join(',')}->${free.join('')}` };
  });
}

function rangeOf(t: IndexFormula['terms'][number], letter: string): Dim {
  return t.ranges?.[t.sums.indexOf(letter)] ?? 1;
}

/** A positive coefficient in the plain syntax: an integer or a decimal as digits, any other rational as p/q (read back exactly). */
function numberText(k: Rational): string {
  const parts = numberParts(k);
  return 'digits' in parts ? parts.digits : `${parts.numerator}/${parts.denominator}`;
}

/** Python for the derivative array as a sum of einsum calls, or undefined when it has no index form. */
export interface CodeSink {
  /** The code of an expression (statements for its locals go to the body). */
  emit(e: Expr): string;
  /** Adds a statement to the body. */
  bind(line: string): void;
  /** The code of a dimension. */
  dim(d: Dim): string;
}

export function einsumCode(api: ArrayApi, d: Derivative, sink: CodeSink): string | undefined {
  const terms = contractions(d);
  if (terms === undefined || terms.length === 0) return undefined;
  const dimCode = sink.dim;
  // Each operand is emitted once; one used again is bound to a local (_e1 = …) the first time.
  const seen = new Map<Expr, string>();
  const emit = (e: Expr): string => {
    const known = seen.get(e);
    if (known !== undefined) return known;
    const code = sink.emit(e);
    const name = e.op === 'var' || e.op === 'num' ? code : `_e${seen.size + 1}`;
    if (name !== code) sink.bind(`${name} = ${code}`);
    seen.set(e, name);
    return name;
  };
  const operand = (o: Operand): string => {
    if (o.e.op === 'eye') return api.eye(dimCode(o.e.shape.rows));
    if (o.e.op === 'ones') return api.ravel(api.ones(dimCode(o.e.shape.rows), '1'));
    const code = emit(o.e);
    return o.letters.length === 1 ? api.ravel(code) : code;
  };
  // A name needs no brackets: _e1 * np.einsum(…), not (_e1) * …; a size divided by is its dimensions.
  const factor = (e: Expr): string => {
    const code = emit(e);
    return /^[A-Za-z_]\w*$/.test(code) ? code : `(${code})`;
  };
  const divisor = (e: Expr): string => {
    if (e.op !== 'size') return factor(e);
    const [r, c] = e.dims ?? [1, 1];
    const dims = dimCode(mulDim(r, c));
    return dims.includes(' ') ? `(${dims})` : dims;
  };
  return terms
    .map((t, n) => {
      const call = api.einsum(t.spec, t.operands.map(operand));
      // A fraction as the array writer writes it: its denominator after the last /, einsum(…) / 3.0.
      const k = absolute(t.coef);
      const { numerator, denominator } = equals(k, ONE) ? {} : pythonCoefficient(k);
      const lead = numerator === undefined ? [] : [pythonMagnitude(numerator).code];
      const code = [...lead, ...t.scalars.map(factor), call].join(' * ') + t.divisors.map((d) => ` / ${divisor(d)}`).join('') + (denominator === undefined ? '' : ` / ${denominator}`);
      if (n === 0) return sign(t.coef) < 0 ? `-${code}` : code;
      return sign(t.coef) < 0 ? ` - ${code}` : ` + ${code}`;
    })
    .join('');
}

/**
 * A scalar factor before `*einsum(…)` in the plain syntax: bracketed only when its text is a sum or
 * starts with a minus (c*einsum(…), exp(s)*einsum(…), s^2*einsum(…); (a + b)*einsum(…)): * and /
 * are left-associative, so a product or a quotient needs none.
 */
function textFactor(e: Expr): string {
  const text = toText(e);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && (c === '+' || (c === '-' && (i === 0 || text[i - 1] === ' ')))) return `(${text})`;
  }
  return text;
}

/** The contractions in the plain syntax: -einsum("ik,lj->ijkl", inv(X), inv(X)) (δ as eye(n), 𝟏 as ones(n)). */
export function einsumText(d: Derivative): string | undefined {
  const terms = contractions(d);
  if (terms === undefined) return undefined;
  if (terms.length === 0) return '0';
  return terms
    .map((t, n) => {
      const factors = [...(equals(absolute(t.coef), ONE) ? [] : [numberText(absolute(t.coef))]), ...t.scalars.map(textFactor), `einsum("${t.spec}", ${t.operands.map((o) => toText(o.e)).join(', ')})`];
      const divisors = t.divisors.map((d) => (isCompoundDenominator(d) ? `/(${toText(d)})` : `/${toText(d)}`));
      const body = factors.join('*') + divisors.join('');
      if (n === 0) return sign(t.coef) < 0 ? `-${body}` : body;
      return sign(t.coef) < 0 ? ` - ${body}` : ` + ${body}`;
    })
    .join('');
}
