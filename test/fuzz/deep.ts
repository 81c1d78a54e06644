/**
 * Expressions nested far past the readers' depth limit, built directly with the raw constructors,
 * and the pipeline run on them: every pass must be iterative (or bounded), so none may overflow the
 * stack. `deepPipeline` reports the stages that threw, with their error.
 */
import { type Expr, num, ones, rawAdd, rawFn, rawHadamard, rawMul, rawPow, rawReduce, rawTranspose, variable } from '../../src/core/model/expr';
import { shape } from '../../src/core/model/shape';
import { differentiate } from '../../src/core/calculus/derive';
import { normalize, simplify } from '../../src/core/simplify/simplify';
import { present } from '../../src/core/service';
import { toLatex, toNumpy, toText } from '../../src/core/write/index';
import { Matrix } from 'ml-matrix';
import { evaluate, type NumericEnv } from '../../src/core/numeric/index';

const x = variable('x', shape(1, 1));
const v = variable('v', shape('n', 1));
const A = variable('A', shape('n', 'n'));

/** One level of nesting around e, and the variable the chain starts from. */
export const DEEP_BUILDERS: Readonly<Record<string, { readonly leaf: Expr; readonly wrap: (e: Expr) => Expr }>> = {
  sum: { leaf: x, wrap: (e) => rawAdd([e, x]) },
  sin: { leaf: x, wrap: (e) => rawFn('sin', e) },
  negation: { leaf: x, wrap: (e) => rawMul([num(-1), e]) },
  product: { leaf: x, wrap: (e) => rawMul([e, x]) },
  power: { leaf: x, wrap: (e) => rawPow(e, num(1)) },
  transpose: { leaf: v, wrap: (e) => rawTranspose(e) },
  'matrix-vector product': { leaf: v, wrap: (e) => rawMul([A, e]) },
  hadamard: { leaf: v, wrap: (e) => rawHadamard([e, ones(shape('n', 1))]) },
};

/** A point for every chain: n = 2, x = 0.5, v = (0.5, 0.5), A = I/2 (values may underflow; no matter). */
const POINT: NumericEnv = {
  dims: new Map([['n', 2]]),
  values: new Map([['x', new Matrix([[0.5]])], ['v', new Matrix([[0.5], [0.5]])], ['A', Matrix.eye(2).mul(0.5)]]),
};

export interface DeepReport {
  readonly stages: readonly string[];
  /** "stage: error" for each stage that threw. */
  readonly threw: readonly string[];
}

export function deepExpression(name: string, depth: number): { f: Expr; x: Expr } {
  const b = DEEP_BUILDERS[name];
  let e = b.leaf;
  for (let i = 0; i < depth; i++) e = b.wrap(e);
  return { f: e.shape.rows === 1 && e.shape.cols === 1 ? e : rawReduce('sum', e), x: b.leaf };
}

export function deepPipeline(name: string, depth: number, opts: { differentiate: boolean }): DeepReport {
  const { f, x: wrt } = deepExpression(name, depth);
  const stages: string[] = [];
  const threw: string[] = [];
  const stage = <T>(label: string, run: () => T): T | undefined => {
    stages.push(label);
    try {
      return run();
    } catch (e) {
      threw.push(`${label}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return undefined;
    }
  };
  stage('toText', () => toText(f));
  stage('toLatex', () => toLatex(f));
  stage('normalize', () => normalize(f));
  stage('simplify', () => simplify(f));
  stage('evaluate', () => evaluate(f, POINT));
  if (opts.differentiate) {
    const d = stage('differentiate', () => differentiate(f, [wrt], 1));
    if (d) {
      stage('present', () => toText(present(d, 'numerator')));
      stage('toNumpy', () => toNumpy(f, d));
    }
  }
  return { stages, threw };
}
