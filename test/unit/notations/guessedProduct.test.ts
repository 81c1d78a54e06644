import assert from 'node:assert/strict';
import { toUnicode } from '../../../src/core/write';
import { assertSame, plain, readAs, refusedAs } from './helpers';

/**
 * Auto detection and a word whose product reading needs a guess: `sum(dW)` read sum(d·W), d assumed a
 * scalar by its letter (dW is the gradient's name in ML code, and d the differential's letter), and
 * `Net` with N and e declared read N·e·t, t assumed a scalar. A word that would be the only sign of
 * Unicode math is a name — as the plain syntax reads it, asking for its declaration (name.undeclared,
 * naming the product's spelling too) — when it starts with an undeclared d (dW, dx, db) or mixes
 * declared letters with undeclared ones (Net with N and e declared, t not). Words all of whose letters
 * are declared, or none (Ax, Wx by their conventions), read as before; so does a text that is Unicode
 * math by another marker, and `--from unicode`.
 */
describe('notations/auto: a word whose product needs a guess is a name', () => {
  it('refuses sum(dW) and dx + 1 as undeclared names, naming the declaration and the product', () => {
    for (const [text, word, product] of [
      ['sum(dW)', 'dW', 'd*W'],
      ['dx + 1', 'dx', 'd*x'],
      ['sum(db)', 'db', 'd*b'],
    ] as const) {
      const e = refusedAs(text, 'auto');
      assert.equal(e.code, 'name.undeclared', `${text}: ${e.message}`);
      assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
      assert.ok(e.message.includes(`declare it, e.g. ${word}: `), `${text}: ${e.message}`);
      assert.ok(e.message.includes(`write ${product}`), `${text}: ${e.message}`);
    }
  });

  it('refuses Net with N and e declared and t not, naming the product', () => {
    const where = 'e: vector(n); N: matrix(n,n)';
    const e = refusedAs('Net', 'auto', where);
    assert.equal(e.code, 'name.undeclared', e.message);
    assert.deepEqual([e.start, e.end], [0, 3]);
    assert.ok(e.message.includes('write N*e*t'), e.message);
  });

  it('refuses a word with digits as a word of letters: W12x with only W12 declared, Woutx with only Wout, naming the product; --from unicode reads it', () => {
    for (const [text, where, word, product, assumed] of [
      ['sum(W12x)', 'W12: matrix(n,n)', 'W12x', 'W12*x', 'x: vector(n)'],
      ['W12x + 1', 'W12: matrix(n,n)', 'W12x', 'W12*x', 'x: vector(n)'],
      ['sum(Woutx)', 'Wout: matrix(n,n)', 'Woutx', 'Wout*x', 'x: vector(n)'],
      ['sum(aW2)', 'W2: matrix(n,n)', 'aW2', 'a*W2', 'a: scalar'],
    ] as const) {
      const e = refusedAs(text, 'auto', where);
      assert.equal(e.code, 'name.undeclared', `${text}: ${e.message}`);
      assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
      assert.ok(e.message.includes(`write ${product} for the product`), `${text}: ${e.message}`);
      assertSame(readAs(text, 'unicode', where), plain(text.replace(word, product), `${where}; ${assumed}`), `${text} (unicode)`);
    }
    // Every factor declared, or a numbered name no declared name starts (x1, a11b): read as before.
    const where = 'W12: matrix(n,n); x: vector(n)';
    assertSame(readAs('sum(W12x)', 'auto', where), plain('sum(W12*x)', where), 'W12 and x declared');
    assertSame(readAs('sum(x1)', 'auto', 'x1: vector(n)'), plain('sum(x1)', 'x1: vector(n)'), 'x1 declared');
  });

  it('reads the declared name, and the product where every letter is declared', () => {
    assertSame(readAs('sum(dW)', 'auto', 'dW: matrix(m,n)'), plain('sum(dW)', 'dW: matrix(m,n)'), 'dW declared');
    assertSame(readAs('sum(dW)', 'auto', 'd: scalar; W: matrix(m,n)'), plain('sum(d*W)', 'd: scalar; W: matrix(m,n)'), 'd and W declared');
    const where = 'e: vector(n); N: matrix(n,n); t: scalar';
    assertSame(readAs('Net', 'auto', where), plain('N*e*t', where), 'N, e and t declared');
  });

  it('the Unicode writer sets a factor d apart before a letter (d·W, 2d·x), and what it prints reads back, by auto too', () => {
    for (const [text, printed] of [
      ['sum(d*W)', 'sum(d·W)'],
      ['2*d*x', '2d·x'],
      ['d*x + y', 'd·x + y'],
      ['a*d*x', 'ad·x'],
    ] as const) {
      const e = plain(text);
      assert.equal(toUnicode(e), printed, text);
      for (const from of ['auto', 'unicode'] as const) assertSame(readAs(printed, from), e, `${printed} (${from})`);
    }
  });

  it('leaves the readings the docs promise: Ax, Wx, Wx + b declared, 2x, xᵀAx, mI; another marker, and --from unicode, read the product', () => {
    assertSame(readAs('Ax', 'auto'), plain('A*x'), 'Ax');
    assertSame(readAs('sin(Wx)', 'auto'), plain('sin(W*x)'), 'sin(Wx)');
    const where = 'W: matrix(m,n); x: vector(n); b: vector(m)';
    assertSame(readAs('Wx + b', 'auto', where), plain('W*x + b', where), 'Wx + b declared');
    assertSame(readAs('2x', 'auto'), plain('2*x'), '2x');
    assertSame(readAs('xᵀAx', 'auto'), plain("x'*A*x"), 'xᵀAx');
    assertSame(readAs('mI/4', 'auto', 'A: matrix(m,m)'), readAs('mI/4', 'unicode', 'A: matrix(m,m)'), 'mI/4 (the size m times I)');
    assertSame(readAs('2 + sum(dW)ᵀ', 'auto'), plain("2 + sum(d*W)'"), 'another marker');
    assertSame(readAs('sum(dW)', 'unicode'), plain('sum(d*W)'), '--from unicode');
  });
});
