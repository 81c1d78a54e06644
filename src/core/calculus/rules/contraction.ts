/**
 * The record of the general contraction (tensor/contraction.ts), u = Σ Πₖ (Aₖ)_{Lₖ} over the
 * summed letters. A contraction is linear in each operand, so (Laue, Mitterreiter & Giesen, NeurIPS
 * 2018, differentiate in index form; the same holds for the einsum
 * rule of autodiff systems, e.g. JAX's and PyTorch's einsum backward):
 * - tangent: u̇ = Σₖ the same contraction with Ȧₖ in the place of Aₖ;
 * - adjoint: Āₖ = the contraction of Ū and the other operands, with Aₖ's letters as the output
 *   (a δ-diagonal diag(·) when Aₖ is written with a repeated letter, 𝟏 over a letter only Aₖ has);
 * - local Jacobian: ∂vec(u)/∂vec(Aₖ)ᵀ = the contraction of the other operands and δ's tying Aₖ's
 *   letters to new ones, rows over u's letters and columns over the new ones.
 * Each is itself a contraction, built by `contraction`, so it becomes matrix operations where it
 * has a matrix form (tensor/lower.ts) and a contraction node where it has none.
 */
import { eye, ones, type Expr } from '../../model/expr';
import { shape, type Dim } from '../../model/shape';
import { add, diagm, transpose } from '../../simplify/build';
import { contraction, contractionSpec, freshLetter, letterDims } from '../../tensor/contraction';
import { componentsText, derivativeComponentsText } from '../../tensor/contractionText';
import type { IndexedOperand } from '../../tensor/lower';
import { UnsupportedDerivative } from '../unsupported';
import type { OperatorRule, TangentRule } from './types';

const operands = (args: readonly Expr[], inputs: readonly string[]): IndexedOperand[] => args.map((expr, k) => ({ expr, letters: inputs[k] }));

const contractTangent: TangentRule = (u, d) => {
  const s = contractionSpec(u);
  return add(...u.args.map((_, k) => contraction(operands(u.args.map((g, j) => (j === k ? d(g) : g)), s.inputs), s.rows, s.cols)));
};

/** The k-th operand's adjoint: the contraction of Ū and the other operands onto its letters. */
function contractAdjoint(u: Expr, ubar: Expr, k: number): Expr {
  const s = contractionSpec(u);
  if (s.rows.length > 1 || s.cols.length > 1) {
    throw new UnsupportedDerivative('a gradient through a contraction with grouped rows or columns (the entries of a Jacobian)', u);
  }
  const own = s.inputs[k];
  const dims = letterDims(u.args, s.inputs);
  const ops: IndexedOperand[] = [...operands(u.args, s.inputs).filter((_, j) => j !== k), { expr: ubar, letters: s.rows + s.cols }];
  for (const c of new Set(own)) {
    if (!ops.some((o) => o.letters.includes(c))) ops.push({ expr: ones(shape(dims.get(c) as Dim, 1)), letters: c });
  }
  const a = u.args[k];
  if (own.length === 2 && own[0] === own[1]) return diagm(contraction(ops, own[0]));
  const g = contraction(ops, own.slice(0, 1), own.slice(1));
  return own.length === 1 && a.shape.rows === 1 && a.shape.cols !== 1 ? transpose(g) : g;
}

/** ∂vec(u)/∂vec(Aₖ)ᵀ: rows over u's letters, columns over new letters tied to Aₖ's by δ's. */
function contractLocal(u: Expr, k: number): Expr {
  const s = contractionSpec(u);
  const own = s.inputs[k];
  const out = s.rows + s.cols;
  const dims = letterDims(u.args, s.inputs);
  const others = operands(u.args, s.inputs).filter((_, j) => j !== k);
  const fresh: string[] = [];
  const ops: IndexedOperand[] = [...others];
  [...own].forEach((c, t) => {
    const p = freshLetter([...s.inputs, out, ...fresh]);
    fresh.push(p);
    const tied = out.includes(c) || others.some((o) => o.letters.includes(c)) || own.indexOf(c) !== t || own.lastIndexOf(c) !== t;
    ops.push(tied ? { expr: eye(dims.get(c) as Dim), letters: c + p } : { expr: ones(shape(dims.get(c) as Dim, 1)), letters: p });
  });
  return contraction(ops, out, fresh.join(''));
}

/** The operand's name in a sentence: its own for a variable, else "operand k". */
const operandName = (u: Expr, a: Expr): string => (a.op === 'var' ? (a.name as string) : `operand ${u.args.indexOf(a) + 1}`);

export const CONTRACT: OperatorRule = {
  tangent: contractTangent,
  adjoint: contractAdjoint,
  local: contractLocal,
  differential: {
    formula: 'd einsum(s, A₁, …, Aₙ) = Σₖ einsum(s, A₁, …, dAₖ, …, Aₙ): a contraction is linear in each operand',
    of: contractTangent,
  },
  derivation: {
    local: (e, depends, write) => {
      const k = e.args.findIndex(depends);
      const name = operandName(e, e.args[k]);
      return {
        id: 'contraction',
        sentence: `In components, ${componentsText(e, write)}: a sum of products with one entry of each operand, so it is linear in each. Differentiating with respect to an entry of ${name} leaves out ${name}'s factor and makes its indices free (a summed index takes the new letter; one kept in the result gives a Kronecker δ): ${derivativeComponentsText(e, k, write)}. Where that contraction has no matrix form it stays a contraction.`,
      };
    },
    adjoint: (e, a) => `a contraction passes back to ${operandName(e, a)} the same contraction with Ḡ in the place of the result and ${operandName(e, a)}'s indices as the output`,
  },
};
