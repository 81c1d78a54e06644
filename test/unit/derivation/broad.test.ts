/**
 * Derivations for a broad set of expressions — every operator, every shape combination, several
 * variables, second order, symmetric variables, all layouts — and for every case of the corpus
 * (test/corpus/*.json), in both granularities: each step numerically true, the last step the
 * presented result, all LaTeX renderable in KaTeX.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSound, derivation, rules, stepWith, type Case } from './helpers';

const BROAD: readonly (Case & { readonly id: string })[] = [
  // scalars
  { id: 'exp-tanh', expr: 'exp(tanh(3*x)) + x', where: 'x: scalar', wrt: ['x'] },
  { id: 'sigmoid-sqrt', expr: 'sigmoid(sqrt(x)*a)', where: 'x: scalar', wrt: ['x'] },
  { id: 'quotient', expr: 'sin(x)/(1 + x^2)', where: 'x: scalar', wrt: ['x'] },
  { id: 'shared', expr: 'cos(x^2)*x^2 + exp(x^2)', where: 'x: scalar', wrt: ['x'] },
  { id: 'abs-tan', expr: 'abs(tan(x)) - 2*x', where: 'x: scalar', wrt: ['x'] },
  { id: 'constant', expr: 'a^2 + 3', where: 'x: scalar', wrt: ['a'] },
  { id: 'identity-scalar', expr: 'x', where: 'x: scalar', wrt: ['x'] },
  { id: 'no-dependence', expr: 'sin(a)', where: 'x: scalar; a: scalar', wrt: ['a'] },
  // vectors
  { id: 'identity-vector', expr: 'x', wrt: ['x'] },
  { id: 'sum-plus', expr: 'sum(w + x)', wrt: ['x'] },
  { id: 'hadamard', expr: 'w .* x', wrt: ['w'] },
  { id: 'division', expr: 'w ./ x', wrt: ['x'] },
  { id: 'scalar-expansion', expr: 'x + z', where: 'z: scalar', wrt: ['z'] },
  { id: 'scalar-times', expr: 'x*z', where: 'z: scalar', wrt: ['x'] },
  { id: 'quadratic', expr: "x'*A*x", wrt: ['x'] },
  { id: 'least-squares', expr: 'norm2(A*x - b)^2', where: 'b: vector(m)', wrt: ['x'] },
  { id: 'norm', expr: 'norm2(x - a)', where: 'a: vector(n)', wrt: ['x'] },
  { id: 'norm1', expr: 'norm1(A*x)', wrt: ['x'] },
  { id: 'softmax', expr: 'softmax(z)', wrt: ['z'] },
  { id: 'cross-entropy', expr: "-t'*log(softmax(z))", wrt: ['z'] },
  { id: 'logsumexp', expr: "logsumexp(W*x) - y'*W*x", wrt: ['x'] },
  { id: 'mlp-layer', expr: 'tanh(W*x + b)', where: 'b: vector(m)', wrt: ['x'] },
  { id: 'mlp-two', expr: "v'*sigmoid(W*tanh(U*x))", wrt: ['x'] },
  { id: 'logistic', expr: 'sum(log(exp(-y .* (X*w)) + 1))', wrt: ['w'] },
  { id: 'elementwise-shared', expr: 'sin(x) .* sin(x) + cos(x)', wrt: ['x'] },
  { id: 'diag', expr: "sum(diag(x)*y)", wrt: ['x'] },
  { id: 'vector-of-scalar', expr: 'x*exp(t) + y*t^2', where: 't: scalar', wrt: ['t'] },
  { id: 'literal-vector-x', expr: "[sum(x), x'*x]", wrt: ['x'] },
  { id: 'literal-mixed', expr: '[x^2, 7, sin(x)*x]', where: 'x: scalar', wrt: ['x'] },
  { id: 'row-vector', expr: "x'*A", wrt: ['x'] },
  { id: 'min', expr: 'sum(min(0, x - a))', where: 'a: vector(n)', wrt: ['x'] },
  // matrices
  { id: 'trace', expr: 'tr(A*X*B)', wrt: ['X'] },
  { id: 'det', expr: 'det(A*X*B)', where: 'A: matrix(n, n); B: matrix(n, n); X: matrix(n, n)', wrt: ['X'] },
  { id: 'logdet', expr: 'logdet(X) + tr(inv(X)*A)', where: 'X: matrix(n, n); A: matrix(n, n)', wrt: ['X'] },
  { id: 'matpow', expr: 'tr(X^3)', where: 'X: matrix(n, n)', wrt: ['X'] },
  { id: 'frobenius', expr: 'norm2(X*W - Y)^2', wrt: ['W'] },
  { id: 'matrix-jacobian', expr: 'A*X*B', wrt: ['X'] },
  { id: 'inverse-jacobian', expr: 'inv(X)', where: 'X: matrix(n, n)', wrt: ['X'] },
  { id: 'matrix-of-scalar', expr: 'A*t + B*t^2', where: 't: scalar; A: matrix(m, n); B: matrix(m, n)', wrt: ['t'] },
  { id: 'matrix-vector-fn', expr: 'exp(X*w)', wrt: ['X'] },
  { id: 'symmetric', expr: "x'*S*x + tr(S*A)", where: 'S: matrix(n, n) symmetric; A: matrix(n, n)', wrt: ['S'] },
  { id: 'symmetric-logdet', expr: 'logdet(S)', where: 'S: matrix(n, n) symmetric', wrt: ['S'] },
  // layouts
  { id: 'denominator', expr: 'tanh(W*x)', wrt: ['x'], layout: 'denominator' },
  { id: 'mixed-gradient', expr: "x'*A*x", wrt: ['x'], layout: 'mixed' },
  { id: 'numerator-matrix', expr: 'tr(A*X)', wrt: ['X'], layout: 'numerator' },
  { id: 'denominator-matrix', expr: 'tr(A*X)', wrt: ['X'], layout: 'denominator' },
  // several scalar variables
  { id: 'gradient-xy', expr: '3*x^2*y', where: 'x: scalar; y: scalar', wrt: ['x', 'y'] },
  { id: 'jacobian-xy', expr: '[3*x^2*y, 2*x + y^8]', where: 'x: scalar; y: scalar', wrt: ['x', 'y'] },
  { id: 'jacobian-xy-denominator', expr: '[3*x^2*y, 2*x + y^8]', where: 'x: scalar; y: scalar', wrt: ['x', 'y'], layout: 'denominator' },
  { id: 'stacked-vector', expr: 'a*x + b*sin(x)', where: 'a: scalar; b: scalar', wrt: ['a', 'b'] },
  // second order
  { id: 'hessian-quadratic', expr: "x'*A*x + b'*x", where: 'b: vector(n)', wrt: ['x'], order: 2 },
  { id: 'hessian-least-squares', expr: 'norm2(A*x - b)^2', where: 'b: vector(m)', wrt: ['x'], order: 2 },
  { id: 'hessian-scalar', expr: 'sin(x^2)', where: 'x: scalar', wrt: ['x'], order: 2 },
  { id: 'hessian-logsumexp', expr: 'logsumexp(z)', wrt: ['z'], order: 2 },
  { id: 'hessian-matrix', expr: 'tr(X*A*X)', where: 'X: matrix(n, n); A: matrix(n, n)', wrt: ['X'], order: 2 },
  { id: 'hessian-xy', expr: 'x^2*y + sin(x*y)', where: 'x: scalar; y: scalar', wrt: ['x', 'y'], order: 2 },
];

function forBoth(c: Case, label: string): void {
  for (const g of ['summary', 'full'] as const) {
    it(`${label} (${g})`, () => assertSound(derivation(c, g), `${label} ${g}`));
  }
}

describe('derivation: a broad set of expressions', () => {
  for (const c of BROAD) forBoth(c, `${c.id}: ${c.expr} wrt ${c.wrt.join(',')}${c.order === 2 ? ' (order 2)' : ''}${c.layout ? ` [${c.layout}]` : ''}`);

  it('explains a scalar function of a matrix by differentials: each piece, substituted, trace form, identified', () => {
    const d = derivation({ expr: 'tr(A*X*B)', wrt: ['X'] }, 'summary');
    assertSound(d, 'tr(AXB)');
    assert.deepEqual(rules(d), ['differential', 'trace-form', 'identify', 'layout']);
    assert.equal(stepWith(d, 'differential').p.afterText, 'df = tr(A dX B)');
    assert.equal(stepWith(d, 'trace-form').p.afterText, 'df = tr(BA dX)');
    assert.match(stepWith(d, 'identify').p.explanation, /denominator layout/);
  });

  it('the backprop view: reverse mode for a scalar function of matrices, naming the rules it uses', () => {
    const d = derivation({ expr: 'tr(A*X*B)', wrt: ['X'], method: 'backprop' }, 'summary');
    assertSound(d, 'tr(AXB) backprop');
    assert.ok(rules(d).includes('chain-rule'));
    assert.match(d.pub[0].explanation, /Lᵀ·Ḡ·Rᵀ/);
    assert.equal(d.pub[d.pub.length - 1].rule, 'layout');
  });

  it('symmetrises the gradient with respect to a symmetric matrix in a step of its own', () => {
    const d = derivation({ expr: 'tr(S*A)', where: 'S: matrix(n, n) symmetric; A: matrix(n, n)', wrt: ['S'] }, 'summary');
    assert.ok(rules(d).includes('symmetric'));
  });

  it('a second derivative differentiates the gradient: the last step is the Hessian', () => {
    const d = derivation({ expr: "x'*A*x", wrt: ['x'], order: 2 }, 'summary');
    const last = d.pub[d.pub.length - 1];
    assert.equal(last.rule, 'second-derivative');
    assert.match(last.after, /A \+ A\^\{\\top\}$/);
  });

  it('several scalar variables: one partial derivative per variable, then the stack', () => {
    const d = derivation({ expr: '3*x^2*y', where: 'x: scalar; y: scalar', wrt: ['x', 'y'] }, 'summary');
    assert.deepEqual(rules(d), ['partial-derivative', 'partial-derivative', 'stack-partials']);
    assert.match(d.pub[2].after, /\\begin\{bmatrix\} 6xy & 3x\^\{2\} \\end\{bmatrix\}$/);
  });
});

interface CorpusCase extends Case {
  readonly id: string;
  readonly source: string;
}

const CORPUS_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'corpus');

function loadCorpus(): CorpusCase[] {
  if (!existsSync(CORPUS_DIR)) return [];
  const out: CorpusCase[] = [];
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as unknown[];
    for (const c of data) if (typeof c === 'object' && c !== null && 'expr' in c && 'wrt' in c) out.push(c as CorpusCase);
  }
  return out;
}

describe('derivation: every corpus case', () => {
  const cases = loadCorpus();
  it('finds the corpus', () => assert.ok(cases.length >= 80, `${cases.length} corpus cases in ${CORPUS_DIR}`));
  for (const c of cases) forBoth(c, `${c.id} — ${c.source}`);
});
