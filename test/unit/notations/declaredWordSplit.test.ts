import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { toUnicode } from '../../../src/core/write';
import { checkClaim, derive } from '../../../src/core/index';
import { assertSame, plain, readAs, refusedAs } from './helpers';

/**
 * A word of juxtaposed letters in Unicode math (and in auto, which reads it as Unicode math) that
 * declared names spell: the declared names win over the letters and over a numbered name (W12x with
 * W12 and x declared is W12·x, not W·12·x; 𝐀𝐱1 with A and x1 declared is A·x1, not one bold name
 * Ax1). A declared name written whole is that name. Where the declared names split it two ways
 * (abc with a, b, c and ab declared), it is refused, naming both readings, at the word.
 */
describe('notations/unicode: a word spelled by declared names', () => {
  const cases: readonly [string, string, string][] = [
    ['W12x', 'x: vector(n); W12: matrix(n,n)', 'W12*x'],
    ['𝐀𝐱1', 'x1: vector(n); A: matrix(n,n)', 'A*x1'],
    ['xᵀW12x', 'x: vector(n); W12: matrix(n,n)', "x'*W12*x"],
    ['W12x + b', 'x: vector(n); W12: matrix(n,n); b: vector(n)', 'W12*x + b'],
    ['Wout h', 'h: vector(n); Wout: matrix(n,n)', 'Wout*h'],
    ['Wouth', 'h: vector(n); Wout: matrix(n,n)', 'Wout*h'],
    ['hWout', 'h: scalar; Wout: matrix(n,n)', 'h*Wout'],
    ['2W12x', 'x: vector(n); W12: matrix(n,n)', '2*W12*x'],
  ];
  for (const [text, where, expected] of cases) {
    for (const from of ['unicode', 'auto'] as const) {
      it(`${text} with ${where} (${from}) reads ${expected}`, () => {
        assertSame(readAs(text, from, where), plain(expected, where), `${text} (${from})`);
      });
    }
  }

  it('a declared name wins where the other letters are read by their conventions (W12x with only W12 declared: W12·x)', () => {
    const r = readExpression('W12x', 'W12: matrix(n,n)', 'unicode');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.variables.map((v) => v.name).sort(), ['W12', 'x']);
  });

  it('refuses a word the declared names spell two ways, naming both, at the word', () => {
    const cases: readonly [string, string, string, readonly string[]][] = [
      ['2 + abc', 'a: scalar; b: scalar; c: scalar; ab: scalar', 'abc', ['ab·c', 'a·b·c']],
      ['xᵀABx', 'x: vector(n); A: matrix(n,n); B: matrix(n,n); AB: matrix(n,n)', 'ABx', ['AB·x', 'A·B·x']],
    ];
    for (const [text, where, word, readings] of cases) {
      for (const from of ['unicode', 'auto'] as const) {
        const e = refusedAs(text, from, where);
        assert.equal(e.code, 'name.ambiguous-word', `${text}: ${e.code}: ${e.message}`);
        assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
        for (const reading of readings) assert.ok(e.message.includes(reading), `${text}: ${e.message} names ${reading}`);
      }
    }
  });

  it('reads a declared name written whole as that name (Wx with W, x and Wx declared), in Unicode math and auto; W·x is the product', () => {
    const where = 'W: matrix(n,n); x: vector(n); Wx: vector(n)';
    for (const from of ['unicode', 'auto'] as const) assertSame(readAs('Wx', from, where), plain('Wx', where), `Wx (${from})`);
    assertSame(readAs('W·x', 'unicode', where), plain('W*x', where), 'W·x');
  });

  it('leaves the readings without declarations as they were (Ax, 2x, xᵀAx, Wx + b, x1 a numbered name)', () => {
    assertSame(readAs('Ax', 'unicode'), plain('A*x'), 'Ax');
    assertSame(readAs('xᵀAx', 'unicode'), plain("x'*A*x"), 'xᵀAx');
    assertSame(readAs('Wx + b', 'auto', 'W: matrix(m,n); x: vector(n); b: vector(m)'), plain('W*x + b', 'W: matrix(m,n); x: vector(n); b: vector(m)'), 'Wx + b');
    assertSame(readAs('2x1', 'unicode', 'x1: vector(n)'), plain('2*x1', 'x1: vector(n)'), '2x1');
    assertSame(readAs('loss', 'unicode', 'loss: scalar'), plain('loss', 'loss: scalar'), 'loss');
  });
});

describe('notations/plain: a name that declared names spell', () => {
  it('is refused as undeclared (the plain syntax has no juxtaposition), naming the product of the declared names too', () => {
    for (const [text, where, word, product] of [
      ['W12x', 'x: vector(n); W12: matrix(n,n)', 'W12x', 'W12*x'],
      ['sum(xy)', 'x: vector(n); y: vector(n)', 'xy', 'x*y'],
      ['Wouth', 'h: vector(n); Wout: matrix(n,n)', 'Wouth', 'Wout*h'],
    ] as const) {
      for (const from of ['plain', 'numpy'] as const) {
        const e = refusedAs(text, from, where);
        assert.equal(e.code, 'name.undeclared', `${text} (${from}): ${e.message}`);
        assert.equal(text.slice(e.start, e.end), word, `${text}: span`);
        assert.ok(e.message.includes(`or write ${product} for the product`), `${text} (${from}): ${e.message}`);
      }
    }
  });
});

describe('write/unicode: letters juxtaposed that would spell a name of the expression or of the declarations', () => {
  it('are set apart with ·, so that the text reads back (W*x + Wx was printed Wx + Wx)', () => {
    const where = 'W: matrix(n,n); x: vector(n); Wx: vector(n)';
    const e = plain('sin(W*x + Wx)', where);
    const printed = toUnicode(e);
    assert.equal(printed, 'sin(W·x + Wx)');
    assertSame(readAs(printed, 'unicode', where), e, printed);
    assertSame(readAs(printed, 'auto', where), e, `${printed} (auto)`);
  });

  it('are set apart where the name is declared but unused (sin(W*x) with Wx declared: diag(cos(W·x))W, not …cos(Wx)…)', () => {
    const where = 'W: matrix(n,n); x: vector(n); Wx: vector(n)';
    const r = derive({ expr: 'sin(W*x)', where, wrt: ['x'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const { unicode, text } = r.value.result;
    assert.ok(unicode !== undefined);
    assertSame(readAs(unicode, 'unicode', where), plain(text, where), unicode);
    assertSame(readAs(unicode, 'auto', where), plain(text, where), `${unicode} (auto)`);
    assertSame(readAs(r.value.input.unicode as string, 'auto', where), plain('sin(W*x)', where), 'the input');
  });

  it('and so in the check of a claim: its correct form, the claim and the diagnosis (2 × the derivative diag(cos(W·x))W)', () => {
    const where = 'W: matrix(n,n); x: vector(n); Wx: vector(n)';
    const r = checkClaim({ expr: 'sin(W*x)', where, wrt: ['x'], claim: '2*diag(cos(W*x))*W' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.verdict, 'incorrect');
    const expected = r.value.expected.unicode ?? assert.fail('no Unicode form of the derivative');
    const claimed = r.value.claim.unicode ?? assert.fail('no Unicode form of the claim');
    assertSame(readAs(expected, 'unicode', where), plain('diag(cos(W*x))*W', where), expected);
    assertSame(readAs(claimed, 'unicode', where), plain('2*diag(cos(W*x))*W', where), claimed);
    assert.ok(r.value.diagnosis?.detail.endsWith(expected), r.value.diagnosis?.detail);
  });
});

describe('the index form: letters juxtaposed that would spell a declared, unused name', () => {
  it('are set apart in its entries (sin(W*x) by W with Wx declared: ∂(sin(W·x))ᵢ/∂Wⱼₖ = (cos(W·x))ᵢδᵢⱼxₖ)', () => {
    const where = 'W: matrix(m,n); x: vector(n); Wx: vector(m)';
    const r = derive({ expr: 'sin(W*x)', where, wrt: ['W'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const unicode = r.value.indexForm?.unicode ?? assert.fail('no index form');
    assert.equal(unicode, '∂(sin(W·x))ᵢ/∂Wⱼₖ = (cos(W·x))ᵢδᵢⱼxₖ   (i, j = 1…m; k = 1…n)');
    for (const [piece, expected] of [['sin(W·x)', 'sin(W*x)'], ['cos(W·x)', 'cos(W*x)']] as const) {
      assertSame(readAs(piece, 'unicode', where), plain(expected, where), piece);
    }
  });
});

describe('derivation steps: letters juxtaposed that would spell a declared, unused name', () => {
  it('are set apart in every step (sin(W*x) with Wx declared: u = W·x, ∂y/∂x = diag(cos(W·x))W, read back as the result)', () => {
    const where = 'W: matrix(n,n); x: vector(n); Wx: vector(n)';
    const r = derive({ expr: 'sin(W*x)', where, wrt: ['x'], steps: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const steps = r.value.steps ?? assert.fail('no steps');
    for (const s of steps) {
      const text = s.afterText ?? assert.fail(`${s.name}: no text`);
      assert.ok(!/(^|[^\p{L}])Wx([^\p{L}]|$)/u.test(text), `${s.name}: ${text}`);
    }
    const last = steps[steps.length - 1]?.afterText ?? assert.fail('no last step');
    const rhs = last.slice(last.lastIndexOf(' = ') + 3);
    assertSame(readAs(rhs, 'unicode', where), plain(r.value.result.text, where), last);
  });
});
