/**
 * The scaling families of the benchmark (and of test/unit/bench/scaling.test.ts): derivatives whose
 * input grows with one size parameter, written in the plain syntax as a user would type them.
 *
 * - mlp(L): the squared loss of a depth-L tanh network, h_k = tanh(W_k h_{k-1}), h_0 = x,
 *   f = ‖h_L − y‖², differentiated with respect to the first layer's weights W1.
 * - sum(K): a sum of K different terms (four kinds in turn) of one vector x, gradient in x.
 * - chain(K): aᵀA1A2…AK b, gradient with respect to the middle factor.
 * - vector(M): a component-wise vector function [f1, …, fM] of three scalars, its M×3 Jacobian.
 *
 * Each request is a DeriveRequest (the public API). The MLP nests two syntax levels per layer, so
 * beyond MLP_TEXT_MAX_LAYERS the plain-syntax reader refuses it (its text passes MAX_INPUT_LENGTH);
 * `mlpExpr` builds the same expression directly in the model, exactly as the reader would (the unit
 * test checks that both give the same hash-consed node), so larger depths can be differentiated.
 */
import type { DeriveRequest } from '../src/core/api';
import { num, rawAdd, rawFn, rawMul, rawPow, rawReduce, variable, type Expr } from '../src/core/model/expr';
import { shape } from '../src/core/model/shape';

export type FamilyName = 'mlp' | 'sum' | 'chain' | 'vector';

export interface Family {
  readonly name: FamilyName;
  /** What the family is, for reports. */
  readonly title: string;
  /** The size parameter's name (L, K, M). */
  readonly parameter: string;
  /** The sizes the benchmark measures. */
  readonly sizes: readonly number[];
  request(size: number): DeriveRequest;
}

/**
 * The deepest MLP the plain-syntax reader accepts: two nesting levels per layer (MAX_DEPTH =
 * 30,000) and about 12 characters per layer (MAX_INPUT_LENGTH = 100,000), so the length decides.
 */
export const MLP_TEXT_MAX_LAYERS = 8_424;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export function mlpRequest(layers: number): DeriveRequest {
  let h = 'x';
  for (let k = 1; k <= layers; k++) h = `tanh(W${k}*${h})`;
  const weights = range(layers).map((k) => `W${k}`).join(', ');
  return { expr: `norm2(${h} - y)^2`, where: `${weights}: matrix(n, n); x, y: vector(n)`, wrt: ['W1'], layout: 'mixed' };
}

/**
 * The MLP loss as NumPy code, one reassignment per layer (`h = np.tanh(W3 @ h)`): any depth reads,
 * since the text does not nest; the reader binds each layer once (issue 17).
 */
export function mlpNumpyRequest(layers: number): DeriveRequest {
  const body = range(layers).map((k) => `    h = np.tanh(W${k} @ h)`);
  const expr = ['def loss(x, y):', '    h = x', ...body, '    return np.linalg.norm(h - y)**2'].join('\n');
  const weights = range(layers).map((k) => `W${k}`).join(', ');
  return { expr, where: `${weights}: matrix(n, n); x, y: vector(n)`, wrt: ['W1'], layout: 'mixed', from: 'numpy' };
}

/**
 * A residual network's loss as NumPy code, one residual block per line (h = h + np.tanh(W_k @ h)):
 * every layer adds to the sum of all the layers before it, which a flat sum would copy.
 */
export function resnetNumpyRequest(layers: number): DeriveRequest {
  const body = range(layers).map((k) => `    h = h + np.tanh(W${k} @ h)`);
  const expr = ['def loss(x, y):', '    h = x', ...body, '    return np.sum((h - y)**2)'].join('\n');
  const weights = range(layers).map((k) => `W${k}`).join(', ');
  return { expr, where: `${weights}: matrix(n, n); x, y: vector(n)`, wrt: ['W1'], layout: 'mixed', from: 'numpy' };
}

/** The MLP loss nested as one NumPy expression, np.linalg.norm(np.tanh(W2 @ np.tanh(W1 @ x)) - y)**2: L levels of nesting. */
export function mlpNestedNumpyRequest(layers: number): DeriveRequest {
  let h = 'x';
  for (let k = 1; k <= layers; k++) h = `np.tanh(W${k} @ ${h})`;
  return { ...mlpRequest(layers), expr: `np.linalg.norm(${h} - y)**2`, from: 'numpy' };
}

/** The MLP loss in LaTeX, \left\| \tanh(W_{2} \tanh(W_{1} x)) - y \right\|^2: L levels of nesting. */
export function mlpLatexRequest(layers: number): DeriveRequest {
  let h = 'x';
  for (let k = 1; k <= layers; k++) h = `\\tanh(W_{${k}} ${h})`;
  return { ...mlpRequest(layers), expr: `\\left\\| ${h} - y \\right\\|^2`, from: 'latex' };
}

/**
 * Issue 17's chained assignments: u_{k+1} = sin(u_k)·cos(u_k), f = sum(u_n), as NumPy code. Written
 * out as a tree, f and its gradient double with every assignment.
 */
export function chainedRequest(assignments: number): DeriveRequest {
  const body = range(assignments).map((k) => `    u${k} = np.sin(u${k - 1}) * np.cos(u${k - 1})`);
  const expr = ['def f(x):', '    u0 = x', ...body, `    return np.sum(u${assignments})`].join('\n');
  return { expr, where: 'x: vector(n)', wrt: ['x'], from: 'numpy' };
}

/** The MLP loss built in the model (any depth), and its variable W1. */
export function mlpExpr(layers: number): { readonly f: Expr; readonly w1: Expr } {
  const square = shape('n', 'n');
  const column = shape('n', 1);
  let h = variable('x', column);
  let w1: Expr | undefined;
  for (let k = 1; k <= layers; k++) {
    const w = variable(`W${k}`, square);
    w1 ??= w;
    h = rawFn('tanh', rawMul([w, h]));
  }
  const residual = rawAdd([h, rawMul([num(-1), variable('y', column)])]);
  return { f: rawPow(rawReduce('norm2', residual), num(2)), w1: w1 as Expr };
}

/** Term k of the sum family: four kinds of terms in turn, each with its own coefficients. */
function sumTerm(k: number): { readonly term: string; readonly decls: readonly [string, string][] } {
  switch (k % 4) {
    case 1:
      return { term: `norm2(A${k}*x - b${k})^2`, decls: [[`A${k}`, 'matrix(m, n)'], [`b${k}`, 'vector(m)']] };
    case 2:
      return { term: `c${k}*sin(a${k}'*x)`, decls: [[`c${k}`, 'scalar'], [`a${k}`, 'vector(n)']] };
    case 3:
      return { term: `x'*S${k}*x`, decls: [[`S${k}`, 'matrix(n, n)']] };
    default:
      return { term: `exp(a${k}'*x)`, decls: [[`a${k}`, 'vector(n)']] };
  }
}

export function sumRequest(terms: number): DeriveRequest {
  const parts = range(terms).map(sumTerm);
  const byKind = new Map<string, string[]>();
  for (const [name, kind] of parts.flatMap((p) => p.decls)) byKind.set(kind, [...(byKind.get(kind) ?? []), name]);
  const where = [...byKind].map(([kind, names]) => `${names.join(', ')}: ${kind}`).concat('x: vector(n)').join('; ');
  return { expr: parts.map((p) => p.term).join(' + '), where, wrt: ['x'], layout: 'mixed' };
}

export function chainRequest(factors: number): DeriveRequest {
  const names = range(factors).map((k) => `A${k}`);
  const middle = names[Math.ceil(factors / 2) - 1];
  return { expr: `a'*${names.join('*')}*b`, where: `${names.join(', ')}: matrix(n, n); a, b: vector(n)`, wrt: [middle], layout: 'mixed' };
}

/** Component i of the vector family: five kinds of scalar functions of x, y and z in turn. */
function component(i: number): string {
  switch (i % 5) {
    case 1:
      return `${i}*x^2*y*z`;
    case 2:
      return `sin(${i}*x + y*z)`;
    case 3:
      return `exp(x*z)/${i} + y`;
    case 4:
      return `log(y^2 + ${i})*z + x`;
    default:
      return `x^${(i % 3) + 2} + y*z`;
  }
}

export function vectorRequest(components: number): DeriveRequest {
  return { expr: `[${range(components).map(component).join(', ')}]`, where: 'x, y, z: scalar', wrt: ['x', 'y', 'z'], layout: 'numerator' };
}

const powers = (max: number): number[] => {
  const out: number[] = [];
  for (let s = 1; s <= max; s *= 2) out.push(s);
  return out;
};

export const FAMILIES: readonly Family[] = [
  { name: 'mlp', title: 'MLP loss ‖h_L − y‖², h_k = tanh(W_k h_{k−1}), gradient in W1', parameter: 'L', sizes: powers(256), request: mlpRequest },
  { name: 'sum', title: 'sum of K terms (‖A_k x − b_k‖², c_k sin(a_kᵀx), xᵀS_k x, exp(a_kᵀx)), gradient in x', parameter: 'K', sizes: powers(1024), request: sumRequest },
  { name: 'chain', title: 'aᵀA1⋯AK b, gradient in the middle factor', parameter: 'K', sizes: powers(256), request: chainRequest },
  { name: 'vector', title: '[f1, …, fM] of scalars x, y, z, Jacobian (M×3)', parameter: 'M', sizes: [...powers(128), 200], request: vectorRequest },
];
