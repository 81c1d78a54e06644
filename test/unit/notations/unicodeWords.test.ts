import assert from 'node:assert/strict';
import { toText, toUnicode } from '../../../src/core/write';
import { readExpression } from '../../../src/core/read';
import { plain, readAs, refusedAs } from './helpers';

/**
 * Words in Unicode math: a function name is a call only with its argument in parentheses. `det A`,
 * `sin x`, `sin²x` and `sin^2(x)` are what a writer means as det(A), sin(x), sin(x)², but they
 * read as products of letters (d·e·t·A) if read at all: refused, at the word, saying how to write
 * the call. Letters that are all declared variables are their product, as in LaTeX, so what the
 * writer prints for c·o·s·(t + 1) reads back.
 */
describe('notations/unicode: function names without parentheses', () => {
  it('refuses a function name before a space and its operand, at the name', () => {
    const cases: [string, string, string?][] = [
      ['det A', 'det'],
      ['tr A', 'tr'],
      ['sin x', 'sin', 'x: scalar'],
      ['sum x', 'sum'],
      ['exp x', 'exp', 'x: scalar'],
      ['logdet A', 'logdet'],
      ['log det A', 'log det'],
      ['2 + det X', 'det'],
    ];
    for (const [text, word, where] of cases) {
      for (const from of ['auto', 'unicode'] as const) {
        const e = refusedAs(text, from, where);
        assert.equal(e.code, 'unicode.function-call', `${text}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
        assert.ok(e.message.includes('in parentheses'), e.message);
      }
    }
  });

  it('refuses a function name directly before an operand that is not in parentheses (log|S|, sin√x, cosπ): it read as the letters times the operand', () => {
    // log|S| read l·o·g·det(S), sin√x s·i·n·√x: with a space between (log |S|) they were refused.
    const cases: readonly [string, string, string, string?][] = [
      ['log|S|', 'log', 'log(|S|)', 'S: matrix(n, n)'],
      ['log|x|', 'log', 'log(|x|)', 'x: scalar'],
      ['log‖x‖₂', 'log', 'log(‖x‖₂)', 'x: vector(n)'],
      ['2 + tr‖X‖_F', 'tr', 'tr(‖X‖_F)', 'X: matrix(m, n)'],
      ['sin√x', 'sin', 'sin(√x)', 'x: scalar'],
      ['exp𝐱', 'exp', 'exp(𝐱)'],
      ['tr𝐀', 'tr', 'tr(𝐀)'],
      ['logσ(x)', 'log', 'log(σ(x))', 'x: scalar'],
      ['exp½', 'exp', 'exp(½)'],
      ['2logθ', 'log', 'log(θ)', 'θ: scalar'],
    ];
    for (const [text, word, hint, where] of cases) {
      for (const from of ['auto', 'unicode'] as const) {
        const e = refusedAs(text, from, where);
        assert.equal(e.code, 'unicode.function-call', `${text}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
        assert.ok(e.message.includes(`, ${hint} (`), `${text}: ${e.message}`);
      }
      assert.ok(readExpression(hint, where, 'unicode').ok, `the hint ${hint} reads`);
    }
    // Auto detection reads these as the plain syntax, which refuses them as it did: a name cosπ, a bracket after a name.
    for (const [text, word, where] of [['cosπ', 'cos', undefined], ['logθ', 'log', 'θ: scalar'], ['sin[x]', 'sin', 'x: scalar']] as const) {
      const e = refusedAs(text, 'unicode', where);
      assert.equal(e.code, 'unicode.function-call', `${text}: ${e.message}`);
      assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
      refusedAs(text, 'auto', where);
    }
    // A function name with its argument in parentheses, and one followed by an operator, read as before.
    assert.equal(toText(readAs('log(|S|)', 'unicode', 'S: matrix(n, n)')), 'log(det(S))');
    assert.equal(toText(readAs('exp(x)|x|', 'unicode', 'x: scalar')), 'exp(x)*abs(x)');
  });

  it('refuses a power written on the function name (sin²x, sin^2(x)): it is the power of the value, hinted as written (cos³x: cos(x)³), and the hint reads', () => {
    const cases: readonly [string, string][] = [
      ['sin²x', 'sin(x)²'],
      ['sin²(x)', 'sin(x)²'],
      ['cos³(x)', 'cos(x)³'],
      ['cos³x', 'cos(x)³'],
      ['sin^2(x)', 'sin(x)^2'],
      ['sin^-2(x)', 'sin(x)^(-2)'],
      ['tan^(1/2)(x)', 'tan(x)^(1/2)'],
      ['cos⁻²(x)', 'cos(x)⁻²'],
      ['exp¹⁰(x)', 'exp(x)¹⁰'],
    ];
    for (const [text, hint] of cases) {
      const e = refusedAs(text, 'unicode', 'x: scalar');
      assert.equal(e.code, 'unicode.function-call', `${text}: ${e.message}`);
      assert.equal(text.slice(e.start, e.end), text.slice(0, 3));
      assert.ok(e.message.includes(`a power after them, ${hint} (`), `${text}: ${e.message}`);
      assert.ok(readExpression(hint, 'x: scalar', 'unicode').ok, `the hint ${hint} reads`);
    }
  });

  it('refuses f⁻¹ on the name as inverse or reciprocal (sin⁻¹(x): arcsin or 1/sin?), naming both spellings, which read', () => {
    const cases: readonly [string, string, string][] = [
      ['sin⁻¹(x)', 'arcsin(x)', 'sin(x)⁻¹'],
      ['cos^-1(x)', 'arccos(x)', 'cos(x)^(-1)'],
      ['tanh⁻¹(x)', 'arctanh(x)', 'tanh(x)⁻¹'],
      ['log^(-1)(x)', 'exp(x)', 'log(x)^(-1)'],
    ];
    for (const [text, inverse, reciprocal] of cases) {
      const e = refusedAs(text, 'unicode', 'x: scalar');
      assert.equal(e.code, 'unicode.function-call', `${text}: ${e.message}`);
      assert.ok(e.message.startsWith(`'${text.slice(0, -'(x)'.length)}' may mean the inverse function or the reciprocal: write ${inverse} for the inverse function, ${reciprocal} for the reciprocal`), `${text}: ${e.message}`);
      for (const hint of [inverse, reciprocal]) assert.ok(readExpression(hint, 'x: scalar', 'unicode').ok, `the hint ${hint} reads`);
    }
    // A function with no inverse of its own: only the reciprocal.
    const det = refusedAs('det⁻¹(A)', 'unicode', 'A: matrix(n, n)');
    assert.ok(det.message.includes('a power after them, det(x)⁻¹'), det.message);
  });

  it('still reads a call, with or without a space before the parenthesis, and products of single letters', () => {
    assert.equal(readAs('sin (x)', 'unicode', 'x: scalar'), plain('sin(x)', 'x: scalar'));
    assert.equal(readAs('2 sin(x)', 'unicode', 'x: scalar'), plain('2*sin(x)', 'x: scalar'));
    assert.equal(readAs('a sin(x)', 'unicode', 'a, x: scalar'), plain('a*sin(x)', 'a, x: scalar'));
  });

  it('reads letters that are all declared variables as their product, as LaTeX does, so the printed form reads back', () => {
    const where = 'c, o, s, t: scalar';
    for (const text of ['c*o*s*(t + 1)', 'c*o*s^2*t', 'c*o*s*t']) {
      const expr = plain(text, where);
      const unicode = toUnicode(expr);
      assert.equal(readAs(unicode, 'unicode', where), expr, `${text} printed as ${unicode}`);
      assert.equal(readAs(unicode, 'auto', where), expr, `${text} printed as ${unicode} (auto)`);
    }
  });

  it('prints undeclared letters that spell a function before a power apart (c·o·s², not cos²), so that they read back', () => {
    // c, a and b are scalars by their letters, undeclared: the reader does not read cos² as letters.
    const where = 'o, s: scalar; x: vector(n)';
    for (const text of ['c*o*s^2', 'a*b*s^3', "c*o*s^2*x'", 'c*o*s^a', 'c*o*s^2 + 1', 'a*b*s^2*c*o*s^2']) {
      const expr = plain(text, where);
      const unicode = toUnicode(expr);
      assert.ok(!/cos[²³^]|abs[²³^]/.test(unicode), `${text} printed as ${unicode}`);
      assert.equal(readAs(unicode, 'unicode', where), expr, `${text} printed as ${unicode}`);
      assert.equal(readAs(unicode, 'auto', where), expr, `${text} printed as ${unicode} (auto)`);
    }
  });

  it('names an unknown function as written, capital letters and all (Stringy, not tringy)', () => {
    for (const from of ['auto', 'unicode', 'latex'] as const) {
      const text = 'Stringy(x)·x';
      const t = from === 'latex' ? 'Stringy(x) x' : text;
      const e = refusedAs(t, from, 'x: scalar');
      assert.equal(e.code, 'name.unknown-function', `${from}: ${e.message}`);
      assert.equal(t.slice(e.start, e.end), 'Stringy', `${from}: span`);
      assert.ok(e.message.includes("unknown function 'Stringy'") && e.message.includes('S t r i n g y'), e.message);
    }
  });
});
