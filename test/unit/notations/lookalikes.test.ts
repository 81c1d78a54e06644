import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import type { Notation } from '../../../src/core/api';
import { toText, toUnicode } from '../../../src/core/write';
import { plain } from './helpers';

/**
 * Characters pasted from papers, word processors and rendered math that look like the notation's
 * own: the primes ′ ʹ and the typographic apostrophe ’ for the transpose ', ⊤ and ⊺ (\top and
 * \intercal as rendered) for ᵀ, the dot operator ⋅ and the bullet operator ∙ for ·. Each reads as
 * the mark it stands for; dashes, which are not minus signs, and invisible characters (zero-width,
 * bidirectional controls, a byte-order mark) are refused with an error that says which character it
 * is and what to write.
 */
describe('notations: look-alike and invisible characters', () => {
  const read = (text: string, from: Notation | 'auto', where?: string) => {
    const r = readExpression(text, where, from);
    if (!r.ok) assert.fail(`${JSON.stringify(text)} (${from}): ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const refused = (text: string, from: Notation | 'auto', where?: string) => {
    const r = readExpression(text, where, from);
    assert.ok(!r.ok, `${JSON.stringify(text)} (${from}) should be refused, read as ${r.ok ? toText(r.value.expr) : ''}`);
    return r.error;
  };
  const quadratic = "x'*A*x";

  it('reads the primes ′ ʹ and the apostrophe ’ as the transpose, in the plain syntax and in Unicode math', () => {
    for (const p of ['′', 'ʹ', '’']) {
      assert.equal(read(`x${p}*A*x`, 'auto').expr, plain(quadratic), `x${p}*A*x`);
      assert.equal(read(`x${p}*A*x`, 'plain').expr, plain(quadratic), `x${p}*A*x plain`);
      const unicode = read(`x${p}Ax`, 'auto');
      assert.equal(unicode.notation, 'unicode');
      assert.equal(unicode.expr, plain(quadratic), `x${p}Ax`);
      assert.equal(read(`(Ax)${p}y`, 'unicode').expr, plain("(A*x)'*y"), `(Ax)${p}y`);
    }
  });

  it('reads ⊤ and ⊺ (the rendered \\top and \\intercal) as the transpose ᵀ', () => {
    for (const t of ['⊤', '⊺']) {
      assert.equal(read(`x${t}Ax`, 'auto').expr, plain(quadratic), `x${t}Ax`);
      assert.equal(read(`x${t}*A*x`, 'plain').expr, plain(quadratic), `x${t}*A*x`);
    }
  });

  it('reads the dot operator ⋅ and the bullet operator ∙ as the middle dot ·', () => {
    for (const d of ['⋅', '∙']) {
      const dot = read(`x ${d} y`, 'auto');
      assert.equal(dot.notation, 'unicode');
      assert.equal(dot.expr, read('x · y', 'unicode').expr, `x ${d} y`);
      assert.equal(read(`A${d}x`, 'auto').expr, plain('A*x'), `A${d}x`);
    }
  });

  it('refuses en and em dashes, which are not minus signs, saying so', () => {
    for (const [d, name] of [['–', 'en dash'], ['—', 'em dash']]) {
      for (const from of ['auto', 'plain', 'unicode'] as const) {
        const text = `x ${d} y`;
        const e = refused(text, from);
        assert.deepEqual([e.start, e.end], [2, 3], `${text} (${from}): span`);
        assert.ok(e.message.includes(name) && e.message.includes('not a minus sign'), e.message);
      }
    }
  });

  it('refuses invisible characters, naming them by code point (a caret under nothing says nothing)', () => {
    const cases: [string, string][] = [
      ['\u200b', 'U+200B'],
      ['\u200e', 'U+200E'],
      ['\u202e', 'U+202E'],
      ['\ufeff', 'U+FEFF'],
      ['\u00ad', 'U+00AD'],
      ['\u2060', 'U+2060'],
    ];
    for (const [c, code] of cases) {
      for (const from of ['auto', 'plain', 'unicode', 'latex', 'numpy'] as const) {
        const text = `x${c} + y`;
        const e = refused(text, from);
        assert.deepEqual([e.start, e.end], [1, 2], `${code} (${from}): span`);
        assert.ok(e.message.includes(code) && e.message.includes('invisible'), `${code} (${from}): ${e.message}`);
      }
    }
  });

  it('reads the micro sign µ (U+00B5) as the Greek letter μ (U+03BC) in every notation and declaration: one variable, never two', () => {
    const micro = '\u00b5';
    const mu = '\u03bc';
    const where = `${mu}: scalar; x: vector(n)`;
    const expected = plain(`${mu}*x`, where);
    for (const [text, from] of [
      [`${micro}*x`, 'plain'],
      [`${micro}x`, 'unicode'],
      [`${micro} x`, 'latex'],
      [`${micro} * x`, 'numpy'],
      [`${micro}*x`, 'auto'],
    ] as const) {
      assert.equal(read(text, from, where).expr, expected, `${text} (${from}), ${mu} declared`);
      assert.equal(read(text, from, `${micro}: scalar; x: vector(n)`).expr, expected, `${text} (${from}), ${micro} declared`);
    }
    // Both spellings in one text are one variable (before: two, μ + µ, each with its own derivative).
    const both = read(`${micro}*x + ${mu}*x`, 'plain', where);
    assert.equal(both.expr, plain(`${mu}*x + ${mu}*x`, where));
    assert.equal(both.variables.length, 2);
    // LaTeX's \mu (the name mu) beside µ: the same symbol, refused as two spellings of it.
    const e = refused(`\\mu + ${micro}`, 'latex', 'mu: scalar');
    assert.equal(e.code, 'name.same-print', e.message);
  });

  it('reads a Greek letter declared as itself (μ: scalar) in Unicode math as that variable, as the writer prints it', () => {
    for (const [name, text] of [['μ', 'μ*x'], ['σ', 'σ*x'], ['σ', 'σ*(x + x)'], ['θ', "θ*x'*x"]]) {
      const where = `${name}: scalar; x: vector(n)`;
      const expr = plain(text, where);
      const unicode = toUnicode(expr);
      assert.equal(read(unicode, 'unicode', where).expr, expr, `${text} printed as ${unicode}`);
    }
  });

  it('reads a letter with its circumflex or macron typed as one character (ŷ U+0177, ā U+0101) as the writers\' ŷ (y and U+0302)', () => {
    const where = 'y_hat: vector(n); a_bar: scalar; x: vector(n)';
    for (const [text, expected] of [['\u0177ᵀx', "y_hat'*x"], ['\u0101x', 'a_bar*x'], ['\u0101\u0177', 'a_bar*y_hat']]) {
      assert.equal(read(text, 'unicode', where).expr, plain(expected, where), text);
      assert.equal(read(text, 'auto', where).expr, plain(expected, where), `${text} (auto)`);
    }
  });

  it('reads math-alphanumeric letters (Word writes 𝑥ᵀ𝐴𝑥) as their letters, bold ones as bold (vectors)', () => {
    const cases: [string, string, string?][] = [
      ['𝑥ᵀ𝐴𝑥', quadratic],
      ['𝑥^𝑇 𝐴𝑥', quadratic],
      ['𝐱ᵀ𝐱', "x'*x"],
      ['𝒙ᵀ𝒙', "x'*x"],
      ['𝐀𝐱', 'A*x'],
      ['ℎᵀℎ', "h'*h"],
      ['𝜃𝑥 + 𝑦', 'theta*x + y'],
      ['sin(𝑥) + 2𝑎', 'sin(x) + 2*a', 'x, a: scalar'],
    ];
    for (const [text, expected, where] of cases) {
      const r = read(text, 'auto', where);
      assert.equal(r.notation, 'unicode', text);
      assert.equal(r.expr, plain(expected, where), text);
    }
    // Bold lowercase beside a plain letter: the bold one is a vector, the other a scalar (as in LaTeX).
    assert.equal(read('𝐖𝐱 + 𝐛', 'auto').expr, read('\\mathbf{W}\\mathbf{x} + \\mathbf{b}', 'latex').expr);
    // 𝐞₁ stays the unit vector the writer prints.
    assert.equal(read('𝐞₁ᵀ𝑥', 'auto').expr, read('𝐞₁ᵀx', 'unicode').expr);
  });
});
