/**
 * The per-sample reading of a loss gradient (Parr & Howard §6): when the result is c·aᵀX (or
 * c·Xᵀa, or c·mean(a), c·sum(a)) with X a data matrix whose rows are the samples xᵢᵀ, it is the
 * weighted sum c·Σᵢ aᵢxᵢᵀ over the samples. If a is masked by a relu's step 𝟙[u > 0], only the
 * active samples contribute, and on them max(0, u) = u: the paper's error eᵢ = xᵢᵀw + b − yᵢ.
 * The step's claim is the matrix form with the mask and error written that way (checked
 * numerically); the sum is its entry-wise reading.
 */
import type { Derivative } from '../calculus/form';
import { Expr, freeVariables, rawAdd, rawFn, rawMul, rawPow, rawTranspose, variable, withArgs, sizeNode } from '../model/expr';
import { isColumn, isMatrix, isScalar, SCALAR, shape } from '../model/shape';
import { add, hadamard, mul, neg, num, pow, reduce, splitCoefficient, transpose } from '../simplify/build';
import { tidy } from '../present/tidy';
import { latexDim } from '../write/names';
import { equalClaim, step } from './context';
import { EQUALS, SEPARATOR, note } from './notation';
import type { Definitions, Part, Step } from './step';
import type { Writer } from './writer';

type Pattern = 'row' | 'column' | 'mean' | 'sum';

interface Reading {
  readonly pattern: Pattern;
  readonly coefficient: readonly Expr[];
  readonly a: Expr;
  readonly X?: Expr;
}

function readResult(e: Expr): Reading | undefined {
  const factors = e.op === 'mul' ? e.args : [e];
  const scalars = factors.filter((g) => isScalar(g.shape));
  const chain = factors.filter((g) => !isScalar(g.shape));
  if (chain.length === 2) {
    const [p, q] = chain;
    if (p.shape.rows === 1 && q.op === 'var' && isMatrix(q.shape)) return { pattern: 'row', coefficient: scalars, a: transpose(p), X: q };
    if (p.op === 'transpose' && p.args[0].op === 'var' && isMatrix(p.args[0].shape) && isColumn(q.shape)) {
      return { pattern: 'column', coefficient: scalars, a: q, X: p.args[0] };
    }
    return undefined;
  }
  if (chain.length === 0) {
    const reductions = scalars.filter((g) => (g.op === 'mean' || g.op === 'sum') && isColumn(g.args[0].shape));
    if (reductions.length !== 1) return undefined;
    const r = reductions[0];
    return { pattern: r.op as Pattern, coefficient: scalars.filter((g) => g !== r), a: r.args[0] };
  }
  return undefined;
}

/** relu(u) → u inside element-wise operations (exact where the mask 𝟙[u > 0] is 1). */
function onActiveSet(e: Expr, u: Expr): Expr {
  if (e.op === 'fn' && e.name === 'relu' && e.args[0] === u) return u;
  const elementwise = e.op === 'add' || e.op === 'hadamard' || e.op === 'fn'
    || (e.op === 'pow' && isScalar(e.args[1].shape))
    || (e.op === 'mul' && e.args.filter((g) => !isScalar(g.shape)).length <= 1);
  if (!elementwise) return e;
  return withArgs(e, e.args.map((g, i) => (e.op === 'pow' && i === 1 ? g : isScalar(g.shape) && !isScalar(e.shape) ? g : onActiveSet(g, u))));
}

/** Entry i of an element-wise expression of samples, or undefined when it is not one. */
class Entries {
  usedRows = false;
  constructor(private readonly rows: ReadonlyMap<string, Expr>, private readonly n: Expr['shape']['rows']) {}

  of(e: Expr): Expr | undefined {
    if (isScalar(e.shape)) return e;
    if (!isColumn(e.shape) || e.shape.rows !== this.n) return undefined;
    switch (e.op) {
      case 'var':
        return variable(`${e.name}_i`, SCALAR);
      case 'ones':
        return num(1);
      case 'zeros':
        return num(0);
      case 'add':
      case 'hadamard': {
        const parts = e.args.map((g) => this.of(g));
        if (parts.some((p) => p === undefined)) return undefined;
        return e.op === 'add' ? rawAdd(parts as Expr[]) : rawMul(parts as Expr[]);
      }
      case 'pow': {
        const base = this.of(e.args[0]);
        return base && isScalar(e.args[1].shape) ? rawPow(base, e.args[1]) : undefined;
      }
      case 'fn': {
        const arg = this.of(e.args[0]);
        return arg ? rawFn(e.name as never, arg) : undefined;
      }
      case 'mul': {
        const scalars = e.args.filter((g) => isScalar(g.shape));
        const chain = e.args.filter((g) => !isScalar(g.shape));
        if (chain.length === 1) {
          const inner = this.of(chain[0]);
          return inner ? rawMul([...scalars, inner]) : undefined;
        }
        const [X, ...rest] = chain;
        const row = X.op === 'var' && isMatrix(X.shape) ? this.rows.get(X.name as string) : undefined;
        if (row === undefined || rest.some((g) => g.shape.rows === this.n)) return undefined;
        this.usedRows = true;
        return rawMul([...scalars, rawTranspose(row), ...rest]);
      }
      default:
        return undefined;
    }
  }
}

/** The names xᵢ for the rows of the data matrices (lower case of X), when they are free. */
function rowNames(e: Expr, taken: ReadonlySet<string>): Map<string, Expr> {
  const out = new Map<string, Expr>();
  for (const v of freeVariables(e)) {
    if (v.op !== 'var' || !isMatrix(v.shape)) continue;
    const lower = (v.name as string).toLowerCase();
    if (lower === v.name || taken.has(lower)) continue;
    out.set(v.name as string, variable(`${lower}_i`, shape(v.shape.cols, 1)));
  }
  return out;
}

export function perSampleStep(w: Writer, result: Expr, d: Derivative, defs: Definitions): Step | undefined {
  const reading = readResult(result);
  if (!reading) return undefined;
  const taken = new Set(freeVariables(d.f).map((v) => v.name as string));
  const n = reading.a.shape.rows;
  if (reading.X && reading.X.shape.rows !== n) return undefined;

  // The mask of an active set, and the rest of the weights.
  const factors = reading.a.op === 'hadamard' ? reading.a.args : [reading.a];
  const masks = factors.filter((g) => g.op === 'fn' && g.name === 'step');
  const mask = masks.length === 1 ? masks[0] : undefined;
  const others = factors.filter((g) => g !== mask);
  let rest: Expr = mask ? onActiveSet(others.length === 1 ? others[0] : hadamard(...others), mask.args[0]) : reading.a;
  let coefficient = mul(num(1), ...reading.coefficient);
  const [c] = splitCoefficient(coefficient);
  if (c.n < 0n && rest.op === 'add') {
    rest = tidy(add(...rest.args.map(neg)));
    coefficient = neg(coefficient);
  }
  const weights = mask ? hadamard(mask, rest) : rest;
  let matrixForm: Expr;
  switch (reading.pattern) {
    case 'row': matrixForm = mul(coefficient, transpose(weights), reading.X as Expr); break;
    case 'column': matrixForm = mul(coefficient, transpose(reading.X as Expr), weights); break;
    default: matrixForm = mul(coefficient, reduce(reading.pattern, weights));
  }

  const rows = rowNames(result, taken);
  const entries = new Entries(rows, n);
  const restEntry = entries.of(rest);
  const maskEntry = mask ? entries.of(mask.args[0]) : undefined;
  // Only a gradient whose weights involve the samples (a prediction xᵢᵀw per row) is read per sample.
  if (!restEntry || (mask && !maskEntry) || !entries.usedRows) return undefined;
  if (reading.X && !rows.has(reading.X.name as string)) return undefined;

  // The sum: c·Σᵢ aᵢ·xᵢᵀ (or xᵢ), over the active samples when masked; eᵢ names the error.
  const sumCoefficient = reading.pattern === 'mean'
    ? mul(coefficient, pow(sizeNode(reading.a.shape), num(-1)))
    : coefficient;
  const useE = mask !== undefined && !taken.has('e') && !isScalar(rest.shape) && rest.op === 'add';
  const eI = variable('e_i', SCALAR);
  const weight = useE ? eI : restEntry;
  const sample = reading.X ? rows.get(reading.X.name as string) as Expr : undefined;
  const summand = sample ? rawMul([weight, reading.pattern === 'row' ? rawTranspose(sample) : sample]) : weight;
  const unit = sumCoefficient.op === 'num' && Math.abs(sumCoefficient.value as number) === 1;
  const minus = unit && (sumCoefficient.value as number) < 0;
  const cTex = unit ? (minus ? '-' : '') : w.latex(sumCoefficient);
  const cText = unit ? (minus ? '−' : '') : `${w.unicode(sumCoefficient)} `;
  const range = maskEntry
    ? { tex: `_{i\\,:\\,${w.latex(maskEntry)} > 0}`, text: `_{i: ${w.unicode(maskEntry)} > 0}` }
    : { tex: `_{i=1}^{${latexDim(n)}}`, text: `_{i=1..${String(n).replace(/·/g, '')}}` };
  const sumNote = note(`${cTex}\\sum${range.tex} ${w.latex(summand)}`, `${cText}Σ${range.text} ${w.unicode(summand)}`);
  const after: Part[] = [matrixForm, EQUALS, sumNote];
  if (useE) after.push(SEPARATOR, note(`${w.latex(eI)} = ${w.latex(restEntry)}`, `${w.unicode(eI)} = ${w.unicode(restEntry)}`));

  const sampleText = sample ? `row i of ${w.unicode(reading.X as Expr)} is the i-th sample ${w.unicode(rawTranspose(sample))}, so the result is a weighted sum of the samples` : 'the mean is an average over the samples';
  const activeText = mask
    ? `; samples with ${w.unicode(maskEntry as Expr)} ≤ 0 (an inactive max(0, ·)) contribute nothing, and on the active ones max(0, u) = u, so each active sample is weighted by its error${useE ? ` ${w.unicode(eI)}` : ''}`
    : '';
  return step('per-sample', 'note', {
    explanation: `Read the result sample by sample: ${sampleText}${activeText}.`,
    before: [result],
    after,
    claims: [equalClaim(defs, result, matrixForm)],
    focus: reading.a,
    value: result,
  });
}
