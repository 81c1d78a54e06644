import assert from 'node:assert/strict';
import type { Matrix } from 'ml-matrix';
import { derive } from '../../../src/core';
import type { Expr } from '../../../src/core/model/expr';
import { evaluate, makeRng, randomEnv } from '../../../src/core/numeric';
import { readPlain } from '../../../src/core/syntax';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toText } from '../../../src/core/write';
import { readLatex } from '../../../src/core/syntax/latex';
import { EINSUM_CASES, latexIndexForm, type EinsumCase } from './cases';
import { bruteForce } from './bruteForce';
import { error, value } from '../notations/helpers';

const plainText = (k: EinsumCase): string => `einsum("${k.spec}", ${k.operands.join(', ')})`;
/** The case in LaTeX index notation: with sums, with the Einstein convention, and without a left side where it may go. */
const latexTexts = (k: EinsumCase): string[] =>
  [latexIndexForm(k, 'sums'), latexIndexForm(k, 'einstein'), latexIndexForm(k, 'sums', false), latexIndexForm(k, 'einstein', false)].filter((t): t is string => t !== undefined);
const numpyTexts = (k: EinsumCase): string[] => [
  `np.einsum('${k.spec}', ${k.operands.join(', ')})`,
  `torch.einsum("${k.spec}", ${k.operands.join(', ')})`,
  `torch.einsum('${k.spec}', [${k.operands.join(', ')}])`,
  `jnp.einsum('${k.spec}', ${k.operands.join(', ')}, optimize=True)`,
];

function assertClose(actual: number[][], expected: number[][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  actual.forEach((row, i) =>
    row.forEach((a, j) => {
      const e = expected[i][j];
      assert.ok(Math.abs(a - e) <= 1e-9 * (1 + Math.abs(e)), `${what}: entry (${i}, ${j}) is ${a}, einsum gives ${e}`);
    }),
  );
}

describe('tensor/einsum: every case reads in each notation to its matrix form', () => {
  for (const k of EINSUM_CASES) {
    it(`${k.kind}: ${k.spec} of ${k.operands.join(', ')} is ${k.form}`, () => {
      const read = value(readPlain(plainText(k), k.where), plainText(k));
      assert.equal(toText(read.expr), k.form, plainText(k));
      const expected = value(readPlain(k.form, k.where), k.form).expr;
      assert.equal(toText(expected), toText(read.expr), 'the form reads back');
      for (const t of numpyTexts(k)) {
        const n = value(readNumpy(t, k.where), t).expr;
        assert.equal(n, read.expr, `${t} reads as ${toText(n)}`);
      }
      for (const t of latexTexts(k)) {
        const l = value(readLatex(t, k.where), t).expr;
        assert.equal(toText(l), k.form, `${t} reads as ${toText(l)}`);
      }
    });
  }
});

describe('tensor/einsum: the matrix form equals the contraction, entry by entry', () => {
  for (const k of EINSUM_CASES) {
    it(`${k.spec} of ${k.operands.join(', ')}`, () => {
      const read = value(readPlain(plainText(k), k.where), plainText(k));
      const rng = makeRng(7);
      for (let sample = 0; sample < 3; sample++) {
        const env = value(randomEnv(read.variables, read.expr, rng));
        const operands = k.operands.map((name) => env.values.get(name) as Matrix);
        const lowered = evaluate(read.expr, env).to2DArray();
        assertClose(lowered, bruteForce(k.spec, operands), `${plainText(k)} = ${toText(read.expr)}`);
      }
    });
  }
});

describe('tensor/einsum: derivatives with respect to each operand pass the finite-difference check', () => {
  for (const k of EINSUM_CASES) {
    const names = [...new Set(k.operands)];
    for (const wrt of names) {
      for (const [expr, from] of [[plainText(k), 'plain'], [numpyTexts(k)[0], 'numpy'], [latexIndexForm(k, 'sums') as string, 'latex'], [latexIndexForm(k, 'einstein') as string, 'latex']] as const) {
        it(`d ${expr} / d${wrt}`, () => {
          const r = value(derive({ expr, where: k.where, wrt: [wrt], check: true, from }), expr);
          assert.ok(r.check?.passed, `${expr} by ${wrt}: ${r.result.text} failed the check (max rel. error ${r.check?.maxRelError})`);
        });
      }
    }
  }

  it('gives the textbook derivatives: einsum(ij,j->i, A, x) by x is A; the bilinear form by A is xyᵀ (denominator layout)', () => {
    const byX = value(derive({ expr: 'einsum("ij,j->i", A, x)', wrt: ['x'] }));
    assert.equal(byX.result.text, 'A');
    const byA = value(derive({ expr: "np.einsum('i,ij,j->', x, A, y)", wrt: ['A'], layout: 'denominator' }));
    assert.equal(byA.result.text, "x*y'");
    const quadratic = value(derive({ expr: 'einsum("i,ij,j", x, A, x)', wrt: ['x'], layout: 'denominator' }));
    assert.equal(quadratic.result.text, "(A + A')*x");
    const trace = value(derive({ expr: 'einsum("ij,jk,ki", A, B, C)', wrt: ['B'], layout: 'denominator' }));
    assert.equal(trace.result.text, "A'*C'");
  });
});

describe('tensor/einsum: wrong specs are errors pointing into the spec string', () => {
  const cases: [string, string, string, string?, string?][] = [
    // [input, code, the text the span covers, part of the message, where]
    ['einsum("ij,jk->ik", A)', 'einsum.operands', 'ij,jk->ik', 'subscripts for 2 operands, but 1 operand is given'],
    ['einsum("ij,j->i", A, x, y)', 'einsum.operands', 'ij,j->i', 'but 3 operands are given'],
    ['einsum("ijk", A)', 'einsum.rank', 'ijk', 'a matrix, which takes two subscript letters'],
    ['einsum("ij,jk->ik", A, x)', 'einsum.rank', 'jk', 'x is n×1, a vector, which takes one subscript letter'],
    ['einsum("i,i->", x, a)', 'einsum.rank', 'i', 'a scalar, which takes no subscripts'],
    ['einsum("ij,jk->il", A, B)', 'einsum.output', 'l', "the output subscript 'l' does not occur in any operand"],
    ['einsum("ij->ii", A)', 'einsum.output', 'i', "the output subscript 'i' appears more than once"],
    ['einsum("i,j,k->ijk", x, y, z)', 'einsum.output', 'ijk', 'at most 2'],
    ['einsum("i,j,k", x, y, z)', 'einsum.output', 'i,j,k', "write the output after '->'"],
    ['einsum("ij,jk->ik", A, B)', 'einsum.dimension', 'j', "the index 'j' has length n in A but p in B", 'A: matrix(m, n); B: matrix(p, q)'],
    ['einsum("ii", A)', 'einsum.dimension', 'i', "the index 'i' has length m in A but n in A", 'A: matrix(m, n)'],
    ['einsum("i,i->", x, y)', 'einsum.dimension', 'i', "the index 'i' has length 3 in x but 4 in y", 'x: vector(3); y: vector(4)'],
    ['einsum("ij,jk-ik", A, B)', 'einsum.spec', '-', "the output is introduced by '->'"],
    ['einsum("i2,jk", A, B)', 'einsum.spec', '2', "unexpected '2'"],
    ['einsum("ij->i->j", A)', 'einsum.spec', '->', "more than one '->'"],
    ['einsum("...ij->ij", A)', 'einsum.spec', '...', 'broadcasting'],
    ['einsum(A, B)', 'einsum.spec', 'A', 'takes the subscripts as a string first'],
    ['"ij" + A', 'parse.string', '"ij"', 'strings are einsum subscripts'],
  ];
  for (const [text, code, spanText, message, where] of cases) {
    it(`${text}: ${code} at '${spanText}'`, () => {
      const d = error(readPlain(text, where));
      assert.equal(d.code, code, d.message);
      assert.equal(text.slice(d.start, d.end), spanText, `span of: ${d.message}`);
      if (message) assert.ok(d.message.includes(message), `'${d.message}' should include '${message}'`);
    });
  }

  it('points into the spec in the NumPy reader too, also in triple-quoted strings', () => {
    const text = "np.einsum('ij,jk->il', A, B)";
    const d = error(readNumpy(text));
    assert.equal(d.code, 'einsum.output');
    assert.equal(text.slice(d.start, d.end), 'l');
    const triple = 'np.einsum("""ij,jk->iq""", A, B)';
    const t = error(readNumpy(triple));
    assert.equal(triple.slice(t.start, t.end), 'q');
    const first = error(readNumpy('torch.einsum(A, B)'));
    assert.equal(first.code, 'einsum.spec');
  });

  it('keeps a contraction with no matrix form as a contraction node (tensor/contraction.ts)', () => {
    // Every index is held by three matrices: eliminating any one needs a three-index intermediate.
    const text = 'einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)';
    const e = value(readPlain(text, 'A: matrix(n, n); B: matrix(n, n); C: matrix(n, n); D: matrix(n, n); E: matrix(n, n); F: matrix(n, n)')).expr;
    assert.equal(e.op, 'contract');
    assert.equal(toText(e), text);
  });

  it('reads a single-quoted spec in the plain syntax where a transpose cannot stand', () => {
    const e: Expr = value(readPlain("einsum('ij,jk->ik', A, B)")).expr;
    assert.equal(toText(e), 'A*B');
    assert.equal(toText(value(readPlain("einsum('i,i', x', y)")).expr), "x'*y");
  });
});
