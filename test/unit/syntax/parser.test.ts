import assert from 'node:assert/strict';
import { astText, parsePlain, MAX_DEPTH, type Ast } from '../../../src/core/syntax';
import { SyntaxFailure } from '../../../src/core/syntax/diagnostics';
import { parseExpressionTokens } from '../../../src/core/syntax/plain/parser';
import { scan } from '../../../src/core/syntax/plain/scanner';
import { assertError, error, parse, parseSx, value } from './helpers';

describe('syntax/parser: precedence (MATLAB)', () => {
  const cases: [string, string][] = [
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b + c', '(sum a - b + c)'],
    ['a * b / c .* d ./ e', '(prod a * b / c .* d ./ e)'],
    ['-x^2', '(neg (^ x 2))'],
    ["-x'", "(neg (' x))"],
    ['2^3^2', '(^ (^ 2 3) 2)'], // ^ is left-associative, as in MATLAB
    ["x^2'", "(' (^ x 2))"],
    ['x^-2', '(^ x (neg 2))'],
    ['2^-x^2', '(^ (^ 2 (neg x)) 2)'],
    ["x'*A*x", "(prod (' x) * A * x)"],
    ['x^T*y', "(* (' x) y)"],
    ["x''", "(' (' x))"],
    ['a*-b', '(* a (neg b))'],
    ['a - -b', '(- a (neg b))'],
    // a run of signs is read as the sign it amounts to
    ['--a', 'a'],
    ['---a', '(neg a)'],
    ['-+-a', 'a'],
    ['+-a', '(neg a)'],
    ['a - --b', '(- a b)'],
    ['a*---b', '(* a (neg b))'],
    ['x^--2', '(^ x 2)'],
    ['+a', '(pos a)'],
    ['(a + b) * c', '(* (paren (+ a b)) c)'],
    ['x.^2 .* y', '(.* (.^ x 2) y)'],
    ['-a*b', '(* (neg a) b)'],
    ['a^b*c', '(* (^ a b) c)'],
    ['f(x)^2', '(^ (call f x) 2)'],
    ["[a, b]'", "(' (vec, a b))"],
  ];
  for (const [text, expected] of cases) {
    it(`${text}  →  ${expected}`, () => assert.equal(parseSx(text), expected));
  }
});

describe('syntax/parser: literals, calls, vectors', () => {
  it('reads numbers as written', () => {
    const n = parse('2.5e-3');
    assert.equal(n.kind, 'number');
    if (n.kind === 'number') {
      assert.equal(n.value, 0.0025);
      assert.equal(n.text, '2.5e-3');
    }
  });

  it('reads calls with any number of arguments', () => {
    assert.equal(parseSx('dot(x, A*y)'), '(call dot x (* A y))');
    assert.equal(parseSx('eye(3)'), '(call eye 3)');
    assert.equal(parseSx('f()'), '(call f)');
  });

  it('reads vector literals with , or ;', () => {
    assert.equal(parseSx('[3*x^2*y, 2*x + y^8]'), '(vec, (prod 3 * (^ x 2) * y) (+ (* 2 x) (^ y 8)))');
    assert.equal(parseSx('[a; b; c]'), '(vec; a b c)');
    assert.equal(parseSx('[a]'), '(vec, a)');
  });

  it('reads matrix literals with MATLAB rows when both separators appear', () => {
    assert.equal(parseSx('[a, b; c, 1]'), '(mat [a b] [c 1])');
    assert.equal(parseSx('[a, b, c; 1, 2, 3]'), '(mat [a b c] [1 2 3])');
  });

  it('skips an f(x) = or y = prefix', () => {
    assert.equal(parseSx('f(x, y) = x*y'), '(* x y)');
    assert.equal(parseSx('y = a + b'), '(+ a b)');
    assert.equal(parseSx('g() = a'), 'a');
  });

  it('treats line breaks and comments as whitespace inside an expression', () => {
    assert.equal(parseSx('a +  # first\n  b'), '(+ a b)');
  });
});

describe('syntax/parser: spans', () => {
  it('puts a span on every node', () => {
    const text = "x'*A*(x + 2) - norm2([a, b])";
    const ast = parse(text);
    const seen: string[] = [];
    const visit = (n: Ast): void => {
      seen.push(text.slice(n.span.start, n.span.end));
      switch (n.kind) {
        case 'sum':
        case 'product':
          visit(n.first);
          n.rest.forEach((l) => visit(l.operand));
          break;
        case 'call':
          n.args.forEach(visit);
          break;
        case 'vector':
          n.entries.forEach(visit);
          break;
        case 'power':
          visit(n.base);
          visit(n.exponent);
          break;
        case 'unary':
        case 'paren':
        case 'transpose':
          visit(n.arg);
          break;
      }
    };
    visit(ast);
    assert.deepEqual(seen, [
      text,
      "x'*A*(x + 2)",
      "x'",
      'x',
      'A',
      '(x + 2)',
      'x + 2',
      'x',
      '2',
      'norm2([a, b])',
      '[a, b]',
      'a',
      'b',
    ]);
  });

  it('spans operators and call names', () => {
    const ast = parse('a .* foo(b)');
    assert.equal(ast.kind, 'product');
    if (ast.kind !== 'product') return;
    assert.deepEqual(ast.rest[0].opSpan, { start: 2, end: 4 });
    const call = ast.rest[0].operand;
    assert.equal(call.kind, 'call');
    if (call.kind === 'call') assert.deepEqual(call.nameSpan, { start: 5, end: 8 });
  });

  it('spans x^T including the T', () => {
    const ast = parse('x^T');
    assert.deepEqual(ast.span, { start: 0, end: 3 });
  });
});

describe('syntax/parser: errors', () => {
  it("expected ')' to close '(' (at the end: a zero-width span after the last token)", () => {
    assertError(error(parsePlain('x + (y')), 'parse.unclosed', 6, 6, "expected ')' to close '(' at column 5");
    assertError(error(parsePlain('(a + b')), 'parse.unclosed', 6, 6, "expected ')' to close '(' at column 1");
  });

  it("expected ')' … found another token", () => {
    assertError(error(parsePlain('f(a, b]')), 'parse.unclosed', 6, 7, "expected ')' to close '(' at column 2", "found ']'");
    assertError(error(parsePlain('[a, b)')), 'parse.unclosed', 5, 6, "expected ']' to close '[' at column 1");
  });

  it('gives line and column in multi-line text', () => {
    assertError(error(parsePlain('a +\n (b')), 'parse.unclosed', 7, 7, "to close '(' at line 2, column 2");
  });

  it("unexpected token '*'", () => {
    assertError(error(parsePlain('x * * y')), 'parse.unexpected-token', 4, 5, "unexpected token '*'");
    assertError(error(parsePlain('* x')), 'parse.unexpected-token', 0, 1, "unexpected token '*'");
    assertError(error(parsePlain('x + )')), 'parse.unexpected-token', 4, 5, "unexpected token ')'");
    assertError(error(parsePlain('x ^ *')), 'parse.unexpected-token', 4, 5, "unexpected token '*' after '^'");
  });

  it('explains ** and .T', () => {
    assertError(error(parsePlain('x**2')), 'parse.unexpected-token', 1, 3, "'**' is not plain syntax: write ^");
    assertError(error(parsePlain('x.T*y')), 'parse.numpy-syntax', 1, 3, "'.T' is NumPy syntax");
    assertError(error(parsePlain('x . y')), 'parse.unexpected-token', 2, 3, "unexpected token '.'");
  });

  it('expected an expression after an operator', () => {
    assertError(error(parsePlain('x +')), 'parse.expected-expression', 2, 3, "expected an expression after '+'");
    assertError(error(parsePlain('f(x) =')), 'parse.expected-expression', 5, 6, "expected an expression after '='");
  });

  it('the expression is empty', () => {
    assertError(error(parsePlain('')), 'parse.empty', 0, 0, 'empty');
    assertError(error(parsePlain('  # nothing')), 'parse.empty', 11, 11, 'empty');
  });

  it('missing operator (implicit multiplication is not plain syntax)', () => {
    assertError(error(parsePlain('2x')), 'parse.missing-operator', 1, 2, "missing operator before 'x'", 'write * for a product');
    assertError(error(parsePlain('(a + b)(c)')), 'parse.missing-operator', 7, 8, "missing operator before '('");
    assertError(error(parsePlain('(a b)')), 'parse.missing-operator', 3, 4, "missing operator before 'b'");
    // Inside [ ] a space separates row entries, as in MATLAB (see 'MATLAB rows' below).
  });

  it('unmatched closing bracket', () => {
    assertError(error(parsePlain('a + b)')), 'parse.unmatched', 5, 6, "unmatched ')'");
  });

  it('unknown characters, with hints', () => {
    assertError(error(parsePlain('x ⊙ y')), 'parse.unknown-character', 2, 3, "unexpected character '⊙'", 'write .*');
    assertError(error(parsePlain('x²')), 'parse.unknown-character', 1, 2, 'write x^2');
    assertError(error(parsePlain('x $ y')), 'parse.unknown-character', 2, 3, "unexpected character '$'");
  });

  it('vector literal errors', () => {
    assertError(error(parsePlain('[]')), 'parse.empty-vector', 0, 2, 'at least one entry');
    assertError(error(parsePlain('[a, b; c]')), 'parse.ragged-matrix', 7, 8, 'row 2 of the matrix literal has 1 entry, row 1 has 2');
    assertError(error(parsePlain('[a; b, c]')), 'parse.ragged-matrix', 4, 8, 'row 2 of the matrix literal has 2 entries, row 1 has 1');
    assertError(error(parsePlain('[a, ]')), 'parse.unexpected-token', 4, 5, "unexpected token ']'");
  });

  it('bad left-hand sides of =', () => {
    assertError(error(parsePlain('a + b = c')), 'parse.left-side', 0, 5, "left-hand side of '='");
    assertError(error(parsePlain('= c')), 'parse.left-side', 0, 1, "left-hand side of '='");
    assertError(error(parsePlain('y = a = b')), 'parse.unexpected-token', 6, 7, "unexpected token '='");
  });

  it('numbers too large', () => {
    assertError(error(parsePlain('1e999 + x')), 'parse.number', 0, 5, 'too large');
  });
});

describe('syntax/parser: limits', function () {
  // Refusing 100,000 levels now reads 30,000 first (MAX_DEPTH): sizes are asserted, never times.
  this.timeout(60_000);
  it(`fails cleanly at nesting deeper than ${MAX_DEPTH} (100,000 parentheses)`, () => {
    const d = error(parsePlain('('.repeat(99_999) + 'x'));
    assert.equal(d.code, 'limit.depth');
    // the span is the first parenthesis past the limit
    assert.deepEqual([d.start, d.end], [MAX_DEPTH, MAX_DEPTH + 1]);
    // the parser itself (below the size check) on 100,000 balanced parentheses
    const text = '('.repeat(100_000) + 'x' + ')'.repeat(100_000);
    assert.throws(
      () => parseExpressionTokens(text, scan(text)),
      (e: unknown) => e instanceof SyntaxFailure && e.diagnostic.code === 'limit.depth',
    );
  });

  it('fails cleanly on 100,000 brackets, calls, transposes and powers; 99,999 signs are one level, read as −x', () => {
    assert.equal(parseSx('-'.repeat(99_999) + 'x'), '(neg x)');
    // f( rather than exp(: 30,000 nested calls of a longer name do not fit in 100,000 characters
    for (const text of ['['.repeat(100_000), 'f('.repeat(49_999) + 'x', 'x' + "'".repeat(99_999), 'x' + '^2'.repeat(49_999), '2^-'.repeat(33_333) + '2']) {
      assert.equal(error(parsePlain(text)).code, 'limit.depth', text.slice(0, 10));
    }
  });

  it('accepts nesting up to the limit (a leaf has depth 1, each parenthesis adds 1)', () => {
    const ast = parse('('.repeat(MAX_DEPTH - 1) + 'x' + ')'.repeat(MAX_DEPTH - 1));
    assert.equal(ast.kind, 'paren');
    assert.equal(error(parsePlain('('.repeat(MAX_DEPTH) + 'x' + ')'.repeat(MAX_DEPTH))).code, 'limit.depth');
    assert.equal(parse('x' + "'".repeat(MAX_DEPTH - 1)).kind, 'transpose');
    assert.equal(error(parsePlain('x' + "'".repeat(MAX_DEPTH))).code, 'limit.depth');
  });

  it('rejects input over the size limit (1 MB) with limit.size', () => {
    const text = 'x + '.repeat(250_000) + 'x';
    const d = error(parsePlain(text));
    assertError(d, 'limit.size', 100_000, text.length, 'too long');
  });

  it('parses a 10,000-term sum as one shallow node (speed is measured by npm run bench)', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `c${i % 100}*x`).join(' + ');
    const ast = parse(text);
    assert.equal(ast.kind, 'sum');
    if (ast.kind === 'sum') assert.equal(ast.rest.length, 9_999);
  });

  it('MATLAB rows: inside [ ] a space separates entries of a row; a sign after a space starts an entry', () => {
    assert.equal(astText(value(parsePlain('[x y]'))), '[x, y]');
    assert.equal(value(parsePlain('[x y]')).kind, 'matrix');
    assert.equal(astText(value(parsePlain('[x -y]'))), '[x, -y]');
    assert.equal(astText(value(parsePlain('[x - y]'))), '[x - y]');
    assert.equal(astText(value(parsePlain('[1 2; 3 4]'))), '[1, 2; 3, 4]');
    assert.equal(astText(value(parsePlain('[(x -y) z]'))), '[(x - y), z]');
  });

  it('number literals that cannot be represented are errors', () => {
    assertError(error(parsePlain('1e400*x')), 'parse.number', 0, 5, 'too large');
    assertError(error(parsePlain('1e-400*x')), 'parse.number', 0, 6, 'too small');
    assertError(error(parsePlain('0x10*x')), 'parse.number', 0, 4, 'hexadecimal');
  });
});
