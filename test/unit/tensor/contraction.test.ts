import assert from 'node:assert/strict';
import type { Matrix } from 'ml-matrix';
import { derive } from '../../../src/core';
import { differentiate } from '../../../src/core/calculus/derive';
import { simplify } from '../../../src/core/simplify/simplify';
import type { Expr } from '../../../src/core/model/expr';
import { evaluate, makeRng, randomEnv } from '../../../src/core/numeric';
import { readPlain } from '../../../src/core/syntax';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { readLatex } from '../../../src/core/syntax/latex';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { readUnicode } from '../../../src/core/syntax/unicode';
import type { Outcome } from '../../../src/core/api';
import type { CheckedExpression } from '../../../src/core/syntax';
import { latexIndexForm, specParts, type EinsumCase } from './cases';
import { bruteForce } from './bruteForce';
import { error, value } from '../notations/helpers';
import { assertSound, derivation, stepWith, type Case } from '../derivation/helpers';
import { toNumpy } from '../../../src/core/write';
import { flat, relativeError, runPython, type PythonRequest } from '../write/python';

/**
 * Contractions with no form in matrix operations (every summed index held by three or more
 * matrices over distinct index pairs: an intermediate with three indices would be needed), which
 * the core keeps as general contraction nodes.
 */
const SQUARE = (names: string): string => names.split('').map((n) => `${n}: matrix(n, n)`).join('; ');
const CASES: readonly (EinsumCase & { readonly latex?: false })[] = [
  { kind: 'K4, scalar', spec: 'ij,ik,il,jk,jl,kl->', operands: ['A', 'B', 'C', 'D', 'E', 'F'], form: '', where: SQUARE('ABCDEF') },
  {
    kind: 'K4, rectangular', spec: 'ij,ik,il,jk,jl,kl->', operands: ['A', 'B', 'C', 'D', 'E', 'F'], form: '',
    where: 'A: matrix(m, n); B: matrix(m, p); C: matrix(m, q); D: matrix(n, p); E: matrix(n, q); F: matrix(p, q)',
  },
  { kind: 'K4, one operand six times (sextic)', spec: 'ij,ik,il,jk,jl,kl->', operands: ['X', 'X', 'X', 'X', 'X', 'X'], form: '', where: SQUARE('X') },
  { kind: 'K4, implicit output', spec: 'ij,ik,il,jk,jl,kl', operands: ['A', 'X', 'X', 'D', 'X', 'A'], form: '', where: SQUARE('ADX') },
  { kind: 'K4 with a vector', spec: 'ij,ik,il,jk,jl,kl,i->', operands: ['A', 'B', 'C', 'D', 'E', 'F', 'x'], form: '', where: `${SQUARE('ABCDEF')}; x: vector(n)` },
  { kind: 'K4 with a scalar', spec: ',ij,ik,il,jk,jl,kl->', operands: ['c', 'A', 'B', 'C', 'D', 'E', 'F'], form: '', where: `${SQUARE('ABCDEF')}; c: scalar` },
  { kind: 'K4 with a diagonal', spec: 'ii,ij,ik,il,jk,jl,kl->', operands: ['M', 'A', 'B', 'C', 'D', 'E', 'F'], form: '', where: SQUARE('MABCDEF') },
  { kind: 'K4, vector output', spec: 'ia,ja,ka,ij,jk,ki->a', operands: ['A', 'B', 'C', 'D', 'E', 'F'], form: '', where: SQUARE('ABCDEF') },
  {
    kind: 'K4 minus an edge, matrix output', spec: 'ia,ib,ij,ja,jb->ab', operands: ['A', 'B', 'C', 'D', 'E'], form: '',
    where: 'A: matrix(m, n); B: matrix(m, p); C: matrix(m, q); D: matrix(q, n); E: matrix(q, p)',
  },
  { kind: 'matrix output, transposed', spec: 'ia,ib,ij,ja,jb->ba', operands: ['A', 'B', 'C', 'D', 'X'], form: '', where: SQUARE('ABCDX') },
  { kind: 'matrix output with a vector', spec: 'ai,aj,bi,bj,ij,i->ab', operands: ['A', 'B', 'C', 'D', 'E', 'x'], form: '', where: `${SQUARE('ABCDE')}; x: vector(n)` },
  { kind: 'K5, scalar', spec: 'ij,ik,il,im,jk,jl,jm,kl,km,lm->', operands: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'Q'], form: '', where: `${SQUARE('ABCDEFGHPQ')}` },
];

const plainText = (k: EinsumCase): string => `einsum("${k.spec}", ${k.operands.join(', ')})`;
const numpyText = (k: EinsumCase): string => `np.einsum('${k.spec}', ${k.operands.join(', ')})`;
/** The notations each case is read in: plain, NumPy, and LaTeX index notation with explicit sums. */
const notations = (k: EinsumCase): [string, 'plain' | 'numpy' | 'latex'][] => [
  [plainText(k), 'plain'],
  [numpyText(k), 'numpy'],
  ...(latexIndexForm(k, 'sums') !== undefined ? [[latexIndexForm(k, 'sums') as string, 'latex'] as [string, 'latex']] : []),
];

describe('tensor/contraction: einsum with no matrix form is a contraction node', () => {
  for (const k of CASES) {
    it(`${k.kind}: ${k.spec} reads the same in plain, NumPy and LaTeX, and evaluates to the einsum`, () => {
      const read = value(readPlain(plainText(k), k.where), plainText(k));
      assert.equal(read.expr.op, 'contract', `${plainText(k)} reads as ${toText(read.expr)}`);
      const { inputs, output } = specParts(k.spec);
      assert.equal(read.expr.name, `${inputs.join(',')}->${output}`, 'the spec is stored in explicit form');
      assert.equal(value(readNumpy(numpyText(k), k.where), numpyText(k)).expr, read.expr, 'NumPy reads the same node');
      const tex = latexIndexForm(k, 'sums') as string;
      const l = value(readLatex(tex, k.where), tex).expr;
      assert.equal(l.op, 'contract', `${tex} reads as ${toText(l)}`);
      const rng = makeRng(5);
      for (let sample = 0; sample < 3; sample++) {
        const env = value(randomEnv(read.variables, read.expr, rng));
        const operands = k.operands.map((name) => env.values.get(name) as Matrix);
        const expected = bruteForce(k.spec, operands);
        const actual = evaluate(read.expr, env).to2DArray();
        assert.deepEqual(actual.map((r) => r.map((x) => Number(x.toPrecision(10)))), expected.map((r) => r.map((x) => Number(x.toPrecision(10)))));
        assert.deepEqual(evaluate(l, env).to2DArray().map((r) => r.map((x) => Number(x.toPrecision(10)))), expected.map((r) => r.map((x) => Number(x.toPrecision(10)))), 'the LaTeX reading');
      }
    });
  }

  it('is hash-consed: the same contraction read twice is the same node, a different spec a different one', () => {
    const k = CASES[0];
    const a = value(readPlain(plainText(k), k.where)).expr;
    const b = value(readPlain(`einsum("ij,ik,il,jk,jl,kl", A, B, C, D, E, F)`, k.where)).expr;
    assert.equal(a, b, 'implicit and explicit output are one node');
    const c = value(readPlain(`einsum("ji,ik,il,jk,jl,kl->", A, B, C, D, E, F)`, k.where)).expr;
    assert.notEqual(a, c);
  });
});

describe('tensor/contraction: derivatives with respect to each operand pass the finite-difference check', () => {
  for (const k of CASES) {
    const names = [...new Set(k.operands)];
    for (const [expr, from] of notations(k)) {
      for (const wrt of names) {
        it(`d ${expr.replace(/\n/g, ' ')} / d${wrt}`, () => {
          const r = value(derive({ expr, where: k.where, wrt: [wrt], check: true, from }), expr);
          assert.equal(r.check?.passed, true, `${expr} by ${wrt}: ${r.result.text} failed the check (max rel. error ${r.check?.maxRelError})`);
          assert.ok((r.check?.samples ?? 0) >= 3, 'checked at several random points');
        });
      }
    }
    const read = value(readPlain(plainText(k), k.where)).expr;
    if (read.shape.rows === 1 && read.shape.cols === 1) {
      for (const wrt of names) {
        it(`d² ${plainText(k)} / d${wrt}² (the Hessian)`, () => {
          const r = value(derive({ expr: plainText(k), where: k.where, wrt: [wrt], order: 2, check: true }));
          assert.equal(r.check?.passed, true, `${plainText(k)} by ${wrt} twice: ${r.result.text} failed (max rel. error ${r.check?.maxRelError})`);
        });
      }
    }
  }

  it('derivatives of expressions around a contraction, and of contractions of expressions', () => {
    const where = `${SQUARE('ABCDEFX')}; x: vector(n)`;
    const exprs = [
      'log(einsum("ij,ik,il,jk,jl,kl->", X, A, B, C, D, E)^2 + 1)',
      'sum(tanh(einsum("ia,ja,ka,ij,jk,ki->a", A, X, C, D, E, F)))',
      'einsum("ij,ik,il,jk,jl,kl->", A*X, exp(B), C, D, E, X\')',
      "x'*einsum(\"ia,ib,ij,ja,jb->ab\", A, B, X, D, E)*x",
      'tr(einsum("ia,ib,ij,ja,jb->ab", A, B, C, X, E)*X)',
    ];
    for (const expr of exprs) {
      for (const wrt of ['X', ...(expr.includes('x') ? ['x'] : [])]) {
        for (const order of [1, 2] as const) {
          const r = value(derive({ expr, where, wrt: [wrt], order, check: true }), expr);
          assert.equal(r.check?.passed, true, `${expr} by ${wrt} (order ${order}): ${r.result.text} failed (max rel. error ${r.check?.maxRelError})`);
        }
      }
    }
  });
});

describe('tensor/contraction: written forms read back', () => {
  const written = (e: Expr): [string, (text: string, where?: string) => Outcome<CheckedExpression>][] => [
    [toText(e), readPlain],
    [toUnicode(e), readUnicode],
    [toLatex(e), readLatex],
  ];
  for (const k of CASES) {
    it(`${k.spec}: the expression and its derivatives read back from plain text, Unicode and LaTeX`, () => {
      const read = value(readPlain(plainText(k), k.where));
      const exprs: Expr[] = [read.expr];
      for (const wrt of new Set(k.operands)) {
        const v = read.variables.find((x) => x.name === wrt) as Expr;
        exprs.push(differentiate(read.expr, [v]).expr);
      }
      for (const e of exprs) {
        for (const [text, read] of written(e)) {
          const back = value(read(text, k.where), text).expr;
          assert.equal(back, e, `${text} reads back as ${toText(back)}, not ${toText(e)}`);
        }
      }
    });
  }
});

describe('tensor/contraction: derivations are sound and name the contraction rule', () => {
  const where = `${SQUARE('ABCDEF')}; x: vector(n)`;
  const cases: Case[] = [
    { expr: 'einsum("ij,ik,il,jk,jl,kl,i->", A, B, C, D, E, F, x)', where, wrt: ['x'] },
    { expr: 'einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)', where, wrt: ['B'] },
    { expr: 'einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)', where, wrt: ['B'], method: 'backprop' },
    { expr: 'einsum("ia,ja,ka,ij,jk,ki->a", A, B, C, D, E, F)', where, wrt: ['A'] },
    { expr: 'sum(tanh(einsum("ia,ja,ka,ij,jk,ki->a", A, B, C, D, E, F)))', where, wrt: ['A'], method: 'backprop' },
    { expr: 'einsum("ij,ik,il,jk,jl,kl,i->", A, B, C, D, E, F, x)', where, wrt: ['x'], order: 2 },
  ];
  for (const c of cases) {
    for (const granularity of ['full', 'summary'] as const) {
      it(`${c.expr} by ${c.wrt[0]}${c.order === 2 ? ' (order 2)' : ''}${c.method ? `, ${c.method}` : ''}, ${granularity}`, () => {
        assertSound(derivation(c, granularity), c.expr);
      });
    }
  }

  it('explains the rule in components', () => {
    const d = derivation(cases[0], 'full');
    const { p } = stepWith(d, 'contraction');
    assert.equal(p.name, 'Contraction (einsum), in components');
    assert.match(p.explanation, /u = Σᵢⱼₖₗ AᵢⱼBᵢₖCᵢₗDⱼₖEⱼₗFₖₗxᵢ/);
    assert.match(p.explanation, /∂u\/∂xₚ = Σⱼₖₗ AₚⱼBₚₖCₚₗDⱼₖEⱼₗFₖₗ/);
    const back = derivation(cases[2], 'full');
    assert.ok(back.pub.some((s) => s.explanation.includes('a contraction passes back to B')), 'the adjoint sentence');
  });
});

describe('tensor/contraction: emitted NumPy agrees with the core and with finite differences in Python', function () {
  this.timeout(120000);
  const where = `${SQUARE('ABCDEF')}; x: vector(n)`;
  const cases: [string, string, 1 | 2][] = [
    ['einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)', 'A', 1],
    ['einsum("ij,ik,il,jk,jl,kl,i->", A, B, C, D, E, F, x)', 'x', 1],
    ['einsum("ij,ik,il,jk,jl,kl,i->", A, B, C, D, E, F, x)', 'x', 2],
    ['einsum("ij,ik,il,jk,jl,kl->", A, B, A, D, E, A)', 'A', 2],
    ['einsum("ia,ja,ka,ij,jk,ki->a", A, B, C, D, E, F)', 'A', 1],
    ['einsum("ia,ib,ij,ja,jb->ab", A, B, C, D, E)', 'C', 1],
    ['einsum("ia,ib,ij,ja,jb->ab", A, B, C, D, E)', 'A', 1],
  ];
  const prepared = cases.map(([expr, wrt, order]) => {
    const read = value(readPlain(expr, where), expr);
    const v = read.variables.find((x) => x.name === wrt) as Expr;
    const d = differentiate(read.expr, [v], order);
    const code = toNumpy(read.expr, d);
    const rng = makeRng(17);
    const envs = [0, 1, 2].map(() => value(randomEnv(read.variables, read.expr, rng)));
    const points = envs.map((env) => Object.fromEntries(read.variables.map((x) => {
      const m = env.values.get(x.name as string) as Matrix;
      return [x.name as string, x.shape.cols === 1 ? m.to1DArray() : m.to2DArray()];
    })));
    return { expr, d, code, envs, request: { code, wrt: [wrt], order, points } satisfies PythonRequest };
  });
  let results: ReturnType<typeof runPython> = [];
  before(() => {
    results = runPython(prepared.map((p) => p.request));
  });
  prepared.forEach((p, i) => it(`${p.expr} by ${p.request.wrt[0]}, order ${p.request.order}`, () => {
    assert.match(p.code, /np\.einsum\('/, 'the contraction is one einsum call');
    const r = results[i];
    if ('error' in r) assert.fail(`python3 raised:\n${r.error}\n${p.code}`);
    r.points.forEach((res, k) => {
      const core = evaluate(p.d.f, p.envs[k]).to1DArray();
      assert.ok(relativeError(flat(res.value), core) < 1e-12, 'value() agrees with the core');
      assert.deepEqual(res.derivativeShape, res.fdShape, 'derivative() has the layout of the finite differences');
      const err = relativeError(flat(res.derivative), flat(res.fd));
      assert.ok(err < (p.request.order === 2 ? 1e-5 : 1e-7), `derivative vs finite differences: relative error ${err}\n${p.code}`);
    });
  }));
});

describe('tensor/contraction: errors in the written forms point into them', () => {
  const where = 'A: matrix(n, n); B: matrix(n, n)';
  const cases: [string, (text: string, where?: string) => Outcome<CheckedExpression>, string, string][] = [
    // [input, reader, code, the text the span covers]
    ['einsum("ij,jk->i|k|", A, B)', readPlain, 'einsum.spec', '|'],
    ['einsum("ij|,jk->ik", A, B)', readPlain, 'einsum.spec', '|'],
    ['einsum("ij,jk->i|i", A, B)', readPlain, 'einsum.output', 'i'],
    ['\\operatorname{einsum}(A, B)', readLatex, 'einsum.spec', 'A'],
    ['\\operatorname{einsum}(\\texttt{ij,jk->iq}, A, B)', readLatex, 'einsum.output', 'q'],
    ['\\operatorname{einsum} A', readLatex, 'einsum.spec', '\\operatorname{einsum}'],
    ['einsum("ij,jk->iq", A, B)ᵀ', readUnicode, 'einsum.output', 'q'],
    ['einsum("ij,j{->i", A, B)ᵀ', readUnicode, 'unicode.character', '{'],
  ];
  for (const [text, read, code, spanText] of cases) {
    it(`${text}: ${code} at '${spanText}'`, () => {
      const d = error(read(text, where));
      assert.equal(d.code, code, d.message);
      assert.equal(text.slice(d.start, d.end), spanText, `span of: ${d.message}`);
    });
  }
});

describe('tensor/contraction: simplification is sound', () => {
  const where = `${SQUARE('ABCDEF')}; x: vector(n); c: scalar`;
  const exprs: [string, string][] = [
    // [input, the simplified form]
    ['einsum("ij,ik,il,jk,jl,km,ml->", A, B, C, D, E, F, eye(n))', 'einsum("ij,ik,im,jk,jm,km->", A, B, C, D, E, F)'],
    ['einsum("ij,ik,il,jk,jl,kl,lm->m", A, B, C, D, E, F, eye(n))', 'einsum("ij,ik,im,jk,jm,km->m", A, B, C, D, E, F)'],
    ['einsum(",ij,ik,il,jk,jl,kl->", c, A, B, C, D, E, F)', 'c*einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)'],
    ['einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, zeros(n, n))', '0'],
    ['einsum("ia,ib,ij,ja,jb->ab", A, B, C, D, E)\'', 'einsum("ia,ib,ij,ja,jb->ba", A, B, C, D, E)'],
    // Once the δ's are contracted (k = i, l = j), Σᵢⱼ AᵢⱼBⱼᵢCᵢⱼDⱼᵢ has a matrix form.
    ['einsum("ij,jk,kl,li,ik,jl->", A, B, C, D, eye(n), eye(n))', "tr(((A .* B') .* C)*D)"],
  ];
  for (const [text, form] of exprs) {
    it(`${text} is ${form}, of equal value`, () => {
      const e = value(readPlain(text, where), text).expr;
      const s = simplify(e);
      assert.equal(toText(s), form);
      const rng = makeRng(3);
      for (let k = 0; k < 3; k++) {
        const env = value(randomEnv(value(readPlain(text, where)).variables, e, rng));
        const a = evaluate(e, env).to1DArray();
        const b = evaluate(s, env).to1DArray();
        assert.ok(relativeError(b, a) < 1e-12, `${text} and ${toText(s)} differ`);
      }
    });
  }
});
