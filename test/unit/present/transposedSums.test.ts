/**
 * A gradient that adds terms and the transpose of a sum of terms has that transpose pushed in where like terms
 * then combine: ∂/∂x of (xᵀx)(xᵀAx) printed (((xᵀx)Aᵀ + (xᵀAx)I)x + (xᵀ((xᵀx)Aᵀ + (xᵀAx)I))ᵀ)ᵀ, where a textbook
 * writes xᵀ((xᵀx)(A + Aᵀ) + 2(xᵀAx)I). Checked numerically; the printed form has no transposed sum, and
 * its text, Unicode and LaTeX read back as the textbook form. The like terms are found through a transposed
 * product's scalars (the Rayleigh quotient of a non-symmetric A printed ((Aᵀ/(xᵀx) − (xᵀAx)I/(xᵀx)²)x +
 * (xᵀ(…))ᵀ)ᵀ) and through a 1×1 run inside a chain (Sxxᵀx is (xᵀx)Sx: (xᵀx)(xᵀSx) written x'*x*x'*S*x printed
 * (((xᵀSx)I + Sxxᵀ)x + (xᵀS(xxᵀ + (xᵀx)I))ᵀ)ᵀ).
 *
 * And where no like terms combine but the pushed terms factor into a smaller form: xᵀAx/(xᵀBx) printed
 * ((Aᵀ/(xᵀBx) − (xᵀAx)Bᵀ/(xᵀBx)²)x + (xᵀ(…))ᵀ)ᵀ, a textbook's xᵀ((A + Aᵀ)/(xᵀBx) − (xᵀAx)(B + Bᵀ)/(xᵀBx)²);
 * xᵀAx·xᵀBx printed xᵀA((xᵀBx)I + Bᵀxxᵀ)ᵀ + xᵀBᵀ(xxᵀAᵀ + (xᵀAx)I) (its 1×1 run xᵀAᵀx is xᵀAx, a scalar equal
 * to its transpose); xᵀAx + xᵀBx printed (…x + (xᵀ(Bᵀ + Aᵀ))ᵀ)ᵀ. A sum whose terms are all negative is written
 * −(…) (−(xᵀAx)(B + Bᵀ), not (xᵀAx)(−B − Bᵀ)).
 */
import assert from 'node:assert/strict';
import { checkEquality, derive } from '../../../src/core/index';
import { type Expr, rawAdd, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { transposedSumsPushed } from '../../../src/core/present/transposedSums';
import { factorize } from '../../../src/core/present/factor';
import { add, mul, num, transpose } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

const WHERE = 'x: vector(n); A: matrix(n, n); B: matrix(n, n); S: matrix(n, n) symmetric';

describe('present: a transposed sum beside its like terms is pushed in', () => {
  for (const [expr, layout, textbook] of [
    ["(x'*x)*(x'*A*x)", 'numerator', "x'*((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))"],
    ["(x'*x)*(x'*A*x)", 'denominator', "((x'*x)*(A + A') + 2*(x'*A*x)*eye(n))*x"],
    ["x'*A*x/(x'*x)", 'numerator', "x'*((A + A')/(x'*x) - 2*(x'*A*x)*eye(n)/(x'*x)^2)"],
    ["x'*A*x/(x'*x)", 'denominator', "((A + A')/(x'*x) - 2*(x'*A*x)*eye(n)/(x'*x)^2)*x"],
    ["x'*x*x'*S*x", 'numerator', "2*x'*((x'*S*x)*eye(n) + (x'*x)*S)"],
    ["x'*x*x'*S*x", 'denominator', "2*((x'*S*x)*eye(n) + (x'*x)*S)*x"],
    ["x'*A*x/(x'*B*x)", 'numerator', "x'*((A + A')/(x'*B*x) - (x'*A*x)*(B + B')/(x'*B*x)^2)"],
    ["x'*A*x/(x'*B*x)", 'denominator', "((A + A')/(x'*B*x) - (x'*A*x)*(B + B')/(x'*B*x)^2)*x"],
    ["x'*A*x*x'*B*x", 'numerator', "x'*((x'*B*x)*(A + A') + (x'*A*x)*(B + B'))"],
    ["x'*A*x*x'*B*x", 'denominator', "((x'*B*x)*(A + A') + (x'*A*x)*(B + B'))*x"],
    ["x'*S*x/(x'*B*x)", 'numerator', "x'*(2*S/(x'*B*x) - (x'*S*x)*(B + B')/(x'*B*x)^2)"],
    ["x'*A*x + x'*B*x", 'numerator', "x'*(A + A' + B + B')"],
    ["x'*A*x + x'*B*x", 'denominator', "(A + A' + B + B')*x"],
    ["-(x'*A*x) - x'*B*x", 'numerator', "-x'*(A + A' + B + B')"],
  ] as const) {
    it(`${expr} (${layout})`, () => {
      const r = derive({ expr, wrt: ['x'], where: WHERE, layout, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
      const printed = r.value.result.text;
      assert.ok(!printed.includes(")'") && !(r.value.result.unicode ?? '').includes(')ᵀ'), `${expr}: a transposed sum in ${printed}`);
      assert.ok(!printed.includes('(-'), `${expr}: a sum of negative terms in ${printed}`);
      const same = checkEquality({ left: printed, right: textbook, where: WHERE });
      assert.ok(same.ok && same.value.verdict === 'correct', `${expr}: ${printed} is not ${textbook}`);
      assert.ok(printed.length <= textbook.length + 4, `${expr}: ${printed} is longer than ${textbook}`);
      for (const written of [r.value.result.unicode, r.value.result.latex]) {
        const back = checkEquality({ left: written ?? '', right: textbook, where: WHERE });
        assert.ok(back.ok && back.value.verdict === 'correct', `${expr}: ${written} does not read back as ${textbook}`);
      }
    });
  }
});

const n = shape('n', 'n');
const [A, B] = ['A', 'B'].map((name) => variable(name, n));
const S = variable('S', n, true);
const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const SQUARES: readonly Expr[] = [A, B, S, rawTranspose(A), rawTranspose(B), add(A, B)];

/**
 * A random column term: a number (often negative), a 1×1 run or two (uᵀMv, its ends x or y) and a chain of
 * squares ending in x or y, sometimes with a 1×1 run inside the chain (Mxxᵀ…) as the product rule writes it.
 */
function column(pick: (k: number) => number, numbered = true): Expr {
  const vec = (): Expr => (pick(3) === 0 ? y : x);
  const sq = (): Expr => SQUARES[pick(SQUARES.length)];
  const run = (): Expr[] => [rawTranspose(vec()), ...(pick(3) === 0 ? [] : [sq()]), vec()];
  const scalars = [num(numbered ? [1, -1, -2, 3][pick(4)] : 1), ...(pick(2) === 0 ? [mul(...run())] : [])];
  const chain = [...Array.from({ length: pick(3) }, sq), ...(pick(3) === 0 ? [vec(), ...run().slice(0, -1)] : []), vec()];
  return mul(...scalars, ...chain);
}

describe('present: pushing a transposed sum in (transposedSumsPushed) and a sum of negative terms (factorize) keep the value', () => {
  it('on 300 random sums Σ cᵢ + (Σ rᵢ)ᵀ of columns and rows: the same value, pushed in where it factors smaller, kept where not', () => {
    let pushed = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(20_261_207 + seed);
      const columns = Array.from({ length: 1 + pick(3) }, () => column(pick));
      const rows = Array.from({ length: 2 + pick(3) }, () => transpose(column(pick)));
      const e = rawAdd([...columns, rawTranspose(rawAdd(rows))]);
      const out = transposedSumsPushed(e);
      if (out === e) kept++;
      else pushed++;
      const same = compareNumerically(out, e, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: pushed in, another value (${same.maxRelError})`);
      const factored = factorize(out);
      const stillSame = compareNumerically(factored, e, [], { samples: 2 });
      assert.ok(stillSame.equal, `seed ${seed}: factored, another value (${stillSame.maxRelError})`);
    }
    assert.ok(pushed >= 60 && kept >= 30, `${pushed} pushed in, ${kept} kept`);
  });

  it('on 300 random sums of terms with one number, most often all negative: −(…) has the value of the sum', () => {
    let negated = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(7_000 + seed);
      const c = [1, 2, 3][pick(3)];
      const terms = Array.from({ length: 2 + pick(4) }, () => mul(num(pick(8) === 0 ? c : -c), column(pick, false)));
      const e = rawAdd(terms);
      const out = factorize(e);
      if (out.op === 'mul' && out.args[0].op === 'num' && (out.args[0].value as number) < 0) negated++;
      const same = compareNumerically(out, e, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(negated >= 50, `${negated} of 300 written −(…)`);
  });
});
