/**
 * The element-wise function records (src/core/functions/): each derivative against central finite
 * differences of the record's own value, the numerics of the value (erf against Python's math.erf,
 * the stable forms on their tails), and every notation — the plain text and the LaTeX read back to
 * the same expression, the LaTeX renders in KaTeX, the NumPy reader knows the library spellings.
 * (The emitted NumPy code of every function runs in python3 in write/numpy.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS, type ElementwiseFunction } from '../../../src/core/functions/index';
import { erf } from '../../../src/core/functions/erf';
import { elementwiseDerivative } from '../../../src/core/calculus/elementwise';
import { rawFn, rawMul, variable, num, type Expr } from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import { evaluate, makeRng, numericEnv } from '../../../src/core/numeric';
import { readPlain } from '../../../src/core/syntax';
import { readLatex } from '../../../src/core/syntax/latex';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toLatex, toText, toUnicode, toTorch, toJax } from '../../../src/core/write';
import { derive, emitCode } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { differentiate } from '../../../src/core/calculus/derive';
import { Matrix } from 'ml-matrix';
import { assertRenders } from '../write/katex';

const s = variable('s', SCALAR);
const x = variable('x', shape('n', 1));

/** A point in the function's domain, away from a kink at 0. */
function pointFor(name: ElementwiseFunction, rng: ReturnType<typeof makeRng>): number {
  const domain = FUNCTIONS[name].domain;
  const v = domain === 'unit-interval' ? rng.uniform(-0.9, 0.9) : domain === 'positive' ? rng.uniform(0.3, 3)
    : domain === 'above-one' ? rng.uniform(1.2, 3) : rng.uniform(-3, 3);
  return Math.abs(v) < 0.05 ? v + 0.1 : v;
}

const valueAt = (e: Expr, at: number): number => evaluate(e, numericEnv({}, { s: new Matrix([[at]]) })).get(0, 0);

describe('functions: every record', () => {
  for (const name of ELEMENTWISE_FUNCTIONS) {
    describe(name, () => {
      const r = FUNCTIONS[name];
      const f = rawFn(name, s);
      const df = elementwiseDerivative(name, s, f);

      it('derivative agrees with central finite differences of the value at 8 random points', () => {
        const rng = makeRng(name.length * 7919);
        for (let k = 0; k < 8; k++) {
          const at = pointFor(name, rng);
          const h = 1e-5;
          const fd = (r.value(at + h) - r.value(at - h)) / (2 * h);
          const exact = valueAt(df, at);
          assert.ok(Math.abs(exact - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `${name}′(${at}) = ${exact}, differences give ${fd}`);
        }
      });

      it('the evaluator and constant folding use the record value, and f(0) is the record atZero', () => {
        assert.equal(valueAt(f, 0.4), r.value(0.4));
        assert.ok(Number.isNaN(r.atZero) ? Number.isNaN(r.value(0)) : Object.is(r.value(0) + 0, r.atZero + 0), `${name}(0)`);
      });

      it('plain text and LaTeX read back to the same expression; the LaTeX renders in KaTeX', () => {
        const e = rawFn(name, rawMul([num(2), x]));
        const text = toText(e);
        const plain = readPlain(text, 'x: vector(n)');
        assert.ok(plain.ok && plain.value.expr === e, `${text} reads back${plain.ok ? ` as ${toText(plain.value.expr)}` : `: ${plain.error.message}`}`);
        const latex = toLatex(e);
        const read = readLatex(latex, 'x: vector(n)');
        assert.ok(read.ok && read.value.expr === e, `${latex} reads back${read.ok ? ` as ${toText(read.value.expr)}` : `: ${read.error.message}`}`);
        assertRenders(latex);
        assert.ok(toUnicode(e).length > 0);
      });

      it('every name the NumPy reader accepts reads as this function, under a module that has it', () => {
        // A name is read only under a module that has it (numpy/libraries.ts): np.sigmoid is refused, torch.sigmoid read.
        for (const spelling of r.code.read) {
          let readings = 0;
          for (const module of ['np', 'torch', 'scipy.special']) {
            const read = readNumpy(`${module}.${spelling}(x)`, 'x: vector(n)');
            if (!read.ok) {
              assert.equal(read.error.code, 'numpy.unsupported', `${module}.${spelling}(x): ${read.error.message}`);
              continue;
            }
            readings++;
            assert.equal(read.value.expr, rawFn(name, x), `${module}.${spelling}(x)`);
          }
          assert.ok(readings > 0, `${spelling}: read under no module`);
        }
      });

      it('derive() and every code writer handle it', () => {
        const arg = r.domain === 'unit-interval' ? '0.5*tanh(x)' : r.domain === 'positive' ? 'x.*x + 1' : r.domain === 'above-one' ? 'x.*x + 2' : 'x';
        const expr = `sum(${r.plain.write === 'max' || r.plain.write === 'min' ? `${r.plain.write}(0, ${arg})` : `${r.plain.read[0] ?? name}(${arg})`})`;
        const d = derive({ expr, wrt: ['x'], check: true, steps: true });
        assert.ok(d.ok, d.ok ? '' : d.error.message);
        assert.ok(d.value.check?.passed, `numerical check of ${expr}: ${JSON.stringify(d.value.check)}`);
        for (const target of ['numpy', 'torch', 'jax'] as const) assert.ok(emitCode({ expr, wrt: ['x'] }, target).ok, target);
        const g = differentiate(rawFn(name, x), [x]);
        const torch = toTorch(g.f, g);
        const jax = toJax(g.f, g);
        assert.ok(!/\b_erf\(|\b_gelu\(/.test(torch) && !/\b_erf\(|\b_gelu\(/.test(jax), 'torch and jax use their own erf and gelu');
      });
    });
  }
});

describe('functions: numerics', () => {
  it('erf agrees with Python 3.12 math.erf to 1e-14 (series below 3, continued fraction above)', () => {
    const reference: readonly [number, number][] = [
      [-7, -1.0], [-5.5, -0.9999999999999927], [-3.2, -0.9999939742388483], [-3, -0.9999779095030014],
      [-2.9, -0.9999589021219005], [-1.5, -0.9661051464753108], [-0.5, -0.5204998778130465], [-1e-8, -1.1283791670955126e-8],
      [0, 0], [1e-8, 1.1283791670955126e-8], [0.3, 0.3286267594591274], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
      [1.7, 0.9837904585907745], [2.5, 0.999593047982555], [2.999, 0.9999777698314002], [3, 0.9999779095030014],
      [3.001, 0.9999780483390822], [4.2, 0.9999999971445058], [5.9, 0.9999999999999999], [6.5, 1.0],
    ];
    for (const [at, want] of reference) assert.ok(Math.abs(erf(at) - want) < 1e-14, `erf(${at}) = ${erf(at)}, Python ${want}`);
    assert.ok(Number.isNaN(erf(NaN)));
  });
  it('the stable forms: σ, softplus and GELU on both tails', () => {
    assert.equal(FUNCTIONS.sigmoid.value(-800), 0);
    assert.equal(FUNCTIONS.sigmoid.value(800), 1);
    assert.equal(FUNCTIONS.softplus.value(800), 800);
    assert.equal(FUNCTIONS.softplus.value(-800), 0);
    assert.ok(Math.abs(FUNCTIONS.softplus.value(3) - 3.048587351573742) < 1e-15);
    // x·Φ(x) against SciPy's ndtr: relative accuracy on the far left tail, where 1 + erf(x/√2) cancels.
    const gelu: readonly [number, number][] = [[-10, -7.61985302416047e-23], [-5, -1.4332578593959663e-6], [-1, -0.15865525393145707], [0.5, 0.34573123063700656], [3, 2.99595030590511], [10, 10]];
    for (const [at, want] of gelu) assert.ok(Math.abs(FUNCTIONS.gelu.value(at) - want) <= 1e-12 * Math.abs(want), `gelu(${at}) = ${FUNCTIONS.gelu.value(at)}, SciPy ${want}`);
  });
});

describe('functions: readers', () => {
  it('arcsin, arccos and arctan are also spelled asin, acos, atan, in every notation', () => {
    for (const [plain, latex, numpy] of [['arcsin(x)', '\\arcsin(x)', 'torch.asin(x)'], ['arccos(x)', '\\arccos x', 'np.arccos(x)'], ['arctan(x)', '\\operatorname{atan}(x)', 'jnp.atan(x)']]) {
      const name = plain.slice(3, 6) as ElementwiseFunction;
      const want = rawFn(('a' + name) as ElementwiseFunction, x);
      for (const read of [readPlain(plain, 'x: vector(n)'), readLatex(latex, 'x: vector(n)'), readNumpy(numpy, 'x: vector(n)')]) {
        assert.ok(read.ok && read.value.expr === want, read.ok ? toText(read.value.expr) : read.error.message);
      }
    }
    // Python's math module takes numbers (64e9901): math.atan of a scalar is atan; of an array it is refused.
    const t = variable('t', SCALAR);
    for (const [text, name] of [['math.atan(t)', 'atan'], ['math.asin(t)', 'asin'], ['math.asinh(t)', 'asinh']] as const) {
      const read = readNumpy(text, 't: scalar');
      assert.ok(read.ok && read.value.expr === rawFn(name, t), read.ok ? toText(read.value.expr) : read.error.message);
      assert.ok(!readNumpy(text.replace('(t)', '(x)'), 'x: vector(n)').ok, `${text} of a vector`);
    }
  });
  it('the inverse hyperbolic functions: asinh, acosh, atanh in every notation (NumPy arcsinh, ISO arsinh)', () => {
    const spellings: readonly [ElementwiseFunction, readonly string[]][] = [
      ['asinh', ['asinh(x)', 'arcsinh(x)', 'arsinh(x)', '\\operatorname{arcsinh}(x)', '\\operatorname{arsinh} x', '\\arsinh(x)', 'np.arcsinh(x)', 'torch.asinh(x)', 'jnp.arcsinh(x)', 'x.asinh()']],
      ['acosh', ['acosh(x)', 'arccosh(x)', 'arcosh(x)', '\\operatorname{arccosh}(x)', '\\operatorname{arcosh}(x)', '\\arccosh(x)', 'np.arccosh(x)', 'torch.acosh(x)', 'torch.arccosh(x)', 'x.arccosh()']],
      ['atanh', ['atanh(x)', 'arctanh(x)', 'artanh(x)', '\\operatorname{arctanh}(x)', '\\operatorname{artanh}(x)', '\\artanh(x)', 'np.arctanh(x)', 'torch.atanh(x)', 'jax.numpy.arctanh(x)']],
    ];
    for (const [name, texts] of spellings) {
      const want = rawFn(name, x);
      for (const text of texts) {
        const read = readExpression(text, 'x: vector(n)', 'auto');
        assert.ok(read.ok && read.value.expr === want, `${text}: ${read.ok ? toText(read.value.expr) : read.error.message}`);
      }
      // What every writer prints reads back (Unicode too).
      const e = rawFn(name, rawMul([num(2), x]));
      const unicode = readExpression(toUnicode(e), 'x: vector(n)', 'unicode');
      assert.ok(unicode.ok && unicode.value.expr === e, `${toUnicode(e)}: ${unicode.ok ? toText(unicode.value.expr) : unicode.error.message}`);
    }
  });
  it('the inverse hyperbolic derivatives in textbook form, checked numerically: 1/√(x² + 1), 1/√(x² − 1), 1/(1 − x²)', () => {
    const cases: readonly [string, string][] = [
      ['sum(asinh(x))', '(x.^2 + 1).^(-1/2)'],
      ['sum(acosh(x))', '(x.^2 - 1).^(-1/2)'],
      ['sum(atanh(x))', '(1 - x.^2).^-1'],
    ];
    for (const [expr, text] of cases) {
      const d = derive({ expr, where: 'x: vector(n)', wrt: ['x'], layout: 'denominator', check: true });
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      assert.equal(d.value.result.text, text, expr);
      assert.ok(d.value.check?.passed, `numerical check of ${expr}: ${JSON.stringify(d.value.check)}`);
    }
  });
  it('\\cosh^{-1}, \\sin^{-1}: the inverse function or the reciprocal? Refused at the name and its script, naming both spellings', () => {
    const cases: readonly [string, string, RegExp][] = [
      ['\\cosh^{-1}(x)', '\\cosh^{-1}', /\\operatorname\{arccosh\}\(x\) for the inverse function, \(\\cosh x\)\^\{-1\} for the reciprocal/],
      ['\\tanh^{-1} x', '\\tanh^{-1}', /\\operatorname\{arctanh\}\(x\) for the inverse function/],
      ['\\sin^{-1}(x)', '\\sin^{-1}', /\\arcsin\(x\) for the inverse function, \(\\sin x\)\^\{-1\} for the reciprocal/],
      ['\\exp^{-1}(x)', '\\exp^{-1}', /the inverse function or the reciprocal: write \\log\(x\) for the inverse function, \(\\exp x\)\^\{-1\} for the reciprocal/],
      ['\\operatorname{relu}^{-1}(x)', '\\operatorname{relu}^{-1}', /the inverse function or the reciprocal: write \(\\operatorname\{relu\} x\)\^\{-1\} for the reciprocal$/],
      ['\\det^{-1} X', '\\det^{-1}', /supported only as a power: write \(\\det X\)\^\{-1\} for the reciprocal/],
    ];
    for (const [text, span, message] of cases) {
      const read = readLatex(text, 'x: scalar');
      assert.ok(!read.ok, text);
      assert.equal(read.error.code, 'latex.unsupported', text);
      assert.match(read.error.message, message, text);
      assert.equal(text.slice(read.error.start, read.error.end), span, text);
    }
    // Both spellings the message offers read as it says.
    const inverse = readLatex('\\operatorname{arccosh}(x)', 'x: scalar');
    assert.ok(inverse.ok && inverse.value.expr === rawFn('acosh', variable('x', SCALAR)));
    const reciprocal = readLatex('(\\cosh x)^{-1}', 'x: scalar');
    assert.ok(reciprocal.ok && toText(reciprocal.value.expr) === 'cosh(x)^-1', reciprocal.ok ? toText(reciprocal.value.expr) : reciprocal.error.message);
  });
  it('F.gelu is the exact GELU; the tanh approximation is refused with the reason, under the keyword', () => {
    const exact = readNumpy('F.gelu(x)', 'x: vector(n)');
    assert.ok(exact.ok && exact.value.expr === rawFn('gelu', x));
    const text = "F.gelu(x, approximate='tanh')";
    const approx = readNumpy(text, 'x: vector(n)');
    assert.ok(!approx.ok);
    assert.match(approx.error.message, /tanh approximation of GELU is a different function/);
    assert.equal(text.slice(approx.error.start, approx.error.end), "'tanh'");
  });
  it('np.log1p and scipy.special.erf read as the functions, not rewritten', () => {
    const log1p = readNumpy('np.log1p(x)', 'x: vector(n)');
    assert.ok(log1p.ok && log1p.value.expr === rawFn('log1p', x));
    const e = readNumpy('scipy.special.erf(x)', 'x: vector(n)');
    assert.ok(e.ok && e.value.expr === rawFn('erf', x));
  });
});
