/**
 * Valid inputs that the mutation fuzzer starts from, per notation: every corpus case for the plain
 * syntax (test/corpus/*.json), and hand-written LaTeX and NumPy renderings of typical inputs
 * (Parr & Howard's examples, the Matrix Cookbook identities, machine-learning losses).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Notation } from '../../src/core/index';

export interface Seed {
  readonly expr: string;
  readonly where?: string;
}

/** The repository's test/corpus directory, from the compiled out/test/fuzz/*.js or the sources. */
export function corpusDir(): string {
  for (const up of [['..', '..', '..', 'test', 'corpus'], ['..', 'corpus']]) {
    const dir = join(__dirname, ...up);
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`test/corpus not found from ${__dirname}`);
}

export function plainSeeds(): Seed[] {
  const dir = corpusDir();
  const seeds = new Map<string, Seed>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(join(dir, file), 'utf8')) as { expr?: unknown; where?: unknown }[]) {
      if (typeof c.expr !== 'string') continue;
      const where = typeof c.where === 'string' ? c.where : undefined;
      seeds.set(`${c.expr}\u0000${where ?? ''}`, { expr: c.expr, where });
    }
  }
  return [...seeds.values()];
}

const LATEX: readonly string[] = [
  '3x^2y',
  '2x + y^8',
  '\\begin{bmatrix} 3x^2 y \\\\ 2x + y^8 \\end{bmatrix}',
  '\\sin(x^2)',
  '\\ln(\\sin(x^3)^2)',
  '\\mathbf{w} \\cdot \\mathbf{x} + b',
  '\\max(0, \\mathbf{w}^\\top \\mathbf{x} + b)',
  '\\frac{1}{N} \\sum (y - \\max(0, X\\mathbf{w} + b))^2',
  '\\mathbf{x}^T A \\mathbf{x}',
  '\\mathbf{x}^{\\top} A \\mathbf{x} + \\mathbf{b}^{\\top} \\mathbf{x}',
  '\\|A\\mathbf{x} - \\mathbf{b}\\|_2^2',
  '\\left\\| X w - y \\right\\|^2 + \\lambda \\|w\\|^2',
  '\\operatorname{tr}(X^\\top A X)',
  '\\mathrm{tr}(A X B)',
  '\\log\\det X',
  '\\det(X^{-1})',
  'a^\\top X^{-1} b',
  '\\sigma(\\mathbf{w}^\\top \\mathbf{x})',
  '\\tanh(W x + b)',
  '\\exp(-\\tfrac{1}{2} x^\\top x)',
  '\\sqrt{x^\\top x}',
  '\\frac{x - a}{\\|x - a\\|}',
  'x \\odot y',
  '\\mathbf{a} \\circ \\mathbf{x} \\circ \\mathbf{b}',
  '-t^\\top \\log(\\operatorname{softmax}(W x))',
  '\\operatorname{diag}(x)',
  '\\sum_i \\log(1 + e^{-y_i x_i^\\top w})',
  '\\frac{\\partial}{\\partial x} x^2',
  '\\frac{1}{2}(x-\\mu)^\\top \\Sigma^{-1} (x-\\mu)',
  '\\left( A + A^\\top \\right) \\mathbf{x}',
];

const NUMPY: readonly string[] = [
  '3*x**2*y',
  '2*x + y**8',
  'np.array([3*x**2*y, 2*x + y**8])',
  'np.sin(x**2)',
  'np.log(np.sin(x**3)**2)',
  'np.dot(w, x) + b',
  'w @ x + b',
  'np.maximum(0, w @ x + b)',
  'np.mean((y - np.maximum(0, X @ w + b))**2)',
  'x.T @ A @ x',
  'x @ A @ x + b @ x',
  'np.linalg.norm(A @ x - b)**2',
  'np.sum((X @ w - y)**2) + lam * np.sum(w**2)',
  'np.trace(X.T @ A @ X)',
  'np.trace(A @ X @ B)',
  'np.log(np.linalg.det(X))',
  'np.linalg.det(np.linalg.inv(X))',
  'a @ np.linalg.inv(X) @ b',
  '1 / (1 + np.exp(-(w @ x)))',
  'np.tanh(W @ x + b)',
  'np.exp(-0.5 * x @ x)',
  'np.sqrt(x @ x)',
  '(x - a) / np.linalg.norm(x - a)',
  'x * y',
  'np.multiply(a, np.multiply(x, b))',
  '-t @ np.log(np.exp(W @ x) / np.sum(np.exp(W @ x)))',
  'np.diag(x)',
  'np.sum(np.log1p(np.exp(-y * (X @ w))))',
  'np.outer(x, x)',
  'np.kron(A, B)',
];

export function seedsFor(from: Notation): Seed[] {
  if (from === 'plain') return plainSeeds();
  return (from === 'latex' ? LATEX : NUMPY).map((expr) => ({ expr }));
}
