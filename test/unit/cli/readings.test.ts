/**
 * Issue 12's examples, through the CLI as a user runs them: one reading, stated; the misreadings
 * fixed or refused with a coded error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

function run(args: readonly string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function derive(expr: string, ...rest: string[]): { code: number; out: string; err: string; readAs?: string; text?: string } {
  const r = run(['derive', expr, ...rest]);
  const readAs = /^read as: (.*)$/m.exec(r.out)?.[1];
  const text = /^ {2}text: (.*)$/m.exec(r.out)?.[1];
  return { ...r, readAs, text };
}

describe('cli: issue 12 examples (one reading, stated)', function () {
  this.timeout(60_000);

  it("the product's own Unicode output reads back as Unicode math (xᵀx, xᵀ(A + Aᵀ)x, Aᵀx)", () => {
    const a = derive('xᵀx', '--wrt', 'x');
    assert.equal(a.code, 0, a.err);
    assert.equal(a.readAs, "x'*x   (unicode)");
    assert.equal(a.text, "2*x'");
    const b = derive('xᵀ(A + Aᵀ)x', '--wrt', 'x', '--where', 'A: matrix(n, n)');
    assert.equal(b.code, 0, b.err);
    assert.equal(b.readAs, "x'*(A + A')*x   (unicode)");
    const c = derive('Aᵀx', '--wrt', 'x');
    assert.equal(c.code, 0, c.err);
    assert.equal(c.readAs, "A'*x   (unicode)");
    assert.equal(c.text, "A'");
  });

  it("a transpose of a scalar is the scalar: x'*x with x: scalar is read as written and gives 2x, checked", () => {
    const a = derive("x'*x", '--wrt', 'x', '--where', 'x: scalar', '--check');
    assert.equal(a.code, 0, a.err);
    assert.equal(a.readAs, "x'*x   (plain)");
    assert.equal(a.text, '2*x');
    assert.match(a.out, /numerical check: passed/);
    const b = derive("(x'*y)'*x", '--wrt', 'x', '--where', 'x: scalar; y: scalar', '--check');
    assert.equal(b.text, '2*x*y');
    assert.match(b.out, /numerical check: passed/);
  });

  it('\\otimes is the Kronecker product, \\odot Hadamard, \\oslash division', () => {
    // tr(A ⊗ X) = tr(A)·tr(X): its derivative by X is tr(A)·I (as a Hadamard product it would not even be defined here).
    const k = derive('\\operatorname{tr}(A \\otimes X)', '--wrt', 'X', '--where', 'A: matrix(m, m); X: matrix(n, n)', '--check');
    assert.equal(k.code, 0, k.err);
    assert.equal(k.readAs, 'tr(kron(A, X))   (latex)');
    assert.equal(k.text, 'tr(A)*eye(n)');
    assert.match(k.out, /numerical check: passed/);
    assert.equal(derive('\\mathbf{w} \\odot \\mathbf{x}', '--wrt', 'w').readAs, 'w .* x   (latex)');
    assert.equal(derive('\\mathbf{w} \\oslash \\mathbf{x}', '--wrt', 'w').readAs, 'w ./ x   (latex)');
  });

  it('MATLAB rows: [x y] is 1×2, [x -y] two entries, [x - y] one', () => {
    assert.equal(derive('[x y]', '--wrt', 'x').readAs, "[x, y]'   (plain)");
    assert.equal(derive('[x -y]', '--wrt', 'x').readAs, "[x, -y]'   (plain)");
    assert.equal(derive('[x - y]', '--wrt', 'x').readAs, '[x - y]   (plain)');
    const r = derive('[1 2]*x', '--wrt', 'x', '--where', 'x: vector(2)');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.text, "[1, 2]'");
  });

  it('number literals that cannot be represented are errors with a code', () => {
    for (const [expr, at] of [['1e400*x', '1e400'], ['x^1e400', '1e400'], ['1e-400*x', '1e-400'], ['0x10*x', '0x10']] as const) {
      const r = derive(expr, '--wrt', 'x');
      assert.equal(r.code, 2, expr);
      assert.match(r.err, /^error\[parse\.number\]: /, expr);
      assert.ok(r.err.includes(at), expr);
    }
  });

  it("shapes follow from usage: the seed's [log(x^2), sin(3*x)] needs no declaration", () => {
    const r = derive('[log(x^2), sin(3*x)]', '--wrt', 'x');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.text, '[2/x, 3*cos(3*x)]');
  });

  it('control characters in errors are escaped; carets follow display columns', () => {
    const r = derive('x + \u001b]0;title\u0007', '--wrt', 'x');
    assert.equal(r.code, 2);
    assert.ok(!r.err.includes('\u001b'), 'no raw ESC on the terminal');
    assert.ok(r.err.includes('\\x1b'));
    const wide = derive('中文 + x @@', '--wrt', 'x', '--from', 'plain');
    const lines = wide.err.split('\n');
    assert.match(lines[0], /^error\[[a-z.-]+\]: /);
    // 中文 takes 4 columns: the caret under '@' is at display column 10.
    assert.equal(lines[2].indexOf('^'), 9, wide.err);
  });

  it('--from auto never answers after a failure, and mixed notations ask for --from', () => {
    const mixed = derive('xᵀ\\frac{1}{2}x', '--wrt', 'x');
    assert.equal(mixed.code, 2);
    assert.match(mixed.err, /^error\[read\.ambiguous-notation\]: .*--from latex or --from unicode/);
  });
});

describe('cli: issue 12 examples (exact numbers, π)', function () {
  this.timeout(60_000);

  it('integer and rational arithmetic stays exact: x³/3 → x², t²/2 → t, fractions where they remain', () => {
    const cube = derive('x^3/3', '--wrt', 'x', '--check');
    assert.equal(cube.code, 0, cube.err);
    assert.equal(cube.text, 'x^2');
    assert.match(cube.out, /^x²$/m);
    assert.match(cube.out, /numerical check: passed/);
    const half = derive('t^2/2', '--wrt', 't');
    assert.equal(half.code, 0, half.err);
    assert.equal(half.text, 't');
    // what remains of a fraction is a fraction in every notation, and it reads back
    const third = derive('x^3/6 + x/3', '--wrt', 'x', '--emit', 'latex');
    assert.equal(third.code, 0, third.err);
    assert.match(third.out, /\\frac\{x\^\{2\}\}\{2\} \+ \\frac\{1\}\{3\}/);
    const unicode = derive('x^3/6 + x/3', '--wrt', 'x');
    assert.match(unicode.out, /^x²\/2 \+ ⅓$/m);
    assert.equal(unicode.text, 'x^2/2 + 1/3');
    const back = derive('x²/2 + ⅓', '--wrt', 'x');
    assert.equal(back.code, 0, back.err);
    assert.equal(back.readAs, 'x^2/2 + 1/3   (unicode)');
    assert.equal(back.text, 'x');
    // 1/(3x^⅔): powers of products of scalars distribute, the numbers fold
    const root = derive('x^(1/3)', '--wrt', 'x', '--check');
    assert.equal(root.text, 'x^(-2/3)/3');
    assert.match(root.out, /numerical check: passed/);
  });

  it('decimal literals stay decimals; exact where they terminate', () => {
    assert.equal(derive('0.1*x^3', '--wrt', 'x').text, '0.3*x^2');
    assert.equal(derive('0.5*x^2', '--wrt', 'x').text, 'x');
    assert.equal(derive('1.5*x', '--wrt', 'x', '--where', 'x: scalar').text, '1.5');
  });

  it('pi, \\pi, π and np.pi are the constant π, written π, \\pi, pi, np.pi', () => {
    for (const [expr, readAs] of [['pi*t^2', 'pi*t^2   (plain)'], ['\\pi t^2', 'pi*t^2   (latex)'], ['πt²', 'pi*t^2   (unicode)'], ['np.pi * t**2', 'pi*t^2   (numpy)']] as const) {
      const r = derive(expr, '--wrt', 't', '--where', 't: scalar', '--check');
      assert.equal(r.code, 0, `${expr}: ${r.err}`);
      assert.equal(r.readAs, readAs, expr);
      assert.equal(r.text, '2*pi*t', expr);
      assert.match(r.out, /^2πt$/m, expr);
      assert.match(r.out, /numerical check: passed/, expr);
    }
    const latex = derive('sin(2*pi*x)', '--wrt', 'x', '--where', 'x: scalar', '--emit', 'latex');
    assert.match(latex.out, /^2\\pi\\cos\(2\\pi x\)$/m);
    const code = derive('pi*x^2', '--wrt', 'x', '--where', 'x: scalar', '--emit', 'numpy');
    assert.equal(code.code, 0, code.err);
    assert.match(code.out, /np\.pi/);
    // declared, pi is a variable like any other
    const declared = derive('pi*x', '--wrt', 'pi', '--where', 'pi: scalar; x: scalar');
    assert.equal(declared.code, 0, declared.err);
    assert.equal(declared.text, 'x');
  });

  it('erf and GELU derivatives are written with exact constants (2/√π, 1/√2, 1/√(2π))', () => {
    const erf = derive('erf(x)', '--wrt', 'x', '--where', 'x: scalar', '--check');
    assert.equal(erf.code, 0, erf.err);
    assert.equal(erf.text, '2*exp(-x^2)*pi^(-1/2)');
    assert.match(erf.out, /numerical check: passed/);
    const gelu = derive('gelu(x)', '--wrt', 'x', '--where', 'x: scalar', '--check');
    assert.match(gelu.out, /numerical check: passed/);
    assert.ok(!/\d{6}/.test(gelu.out.split('\n').slice(0, 3).join('\n')), gelu.out);
  });
});

describe('cli: issue 12 examples (components of declared vectors and matrices)', function () {
  this.timeout(60_000);

  it('LaTeX x_1^2 + x_2 with x: vector(n) differentiates to 2x₁𝐞₁ + 𝐞₂ (checked numerically)', () => {
    for (const where of ['x: vector(n)', 'x: vector(3)']) {
      const r = derive('x_1^2 + x_2', '--from', 'latex', '--wrt', 'x', '--where', where, '--check');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.readAs, 'entry(x, 1, 1)^2 + entry(x, 2, 1)   (latex)');
      assert.match(r.out, /numerical check: passed/);
      assert.match(r.out, /^\(𝐞₂ \+ 2x₁𝐞₁\)ᵀ$/m);
    }
    // the Unicode the product writes for a component reads back as the component
    const u = derive('x₁² + x₂', '--wrt', 'x', '--where', 'x: vector(3)', '--check');
    assert.equal(u.readAs, 'entry(x, 1, 1)^2 + entry(x, 2, 1)   (unicode)');
    assert.match(u.out, /numerical check: passed/);
  });

  it('A_{12}, A_{1,2} of a declared matrix are its (1, 2) entry; x_{1} braced as well', () => {
    for (const expr of ['A_{12} x_{3}', 'A_{1,2} x_3']) {
      const r = derive(expr, '--from', 'latex', '--wrt', 'A', '--where', 'x: vector(n); A: matrix(n, n)', '--check');
      assert.equal(r.code, 0, `${expr}: ${r.err}`);
      assert.equal(r.readAs, 'entry(A, 1, 2)*entry(x, 3, 1)   (latex)', expr);
      assert.match(r.out, /numerical check: passed/, expr);
    }
  });

  it('undeclared, x_1 stays a scalar name; impossible components are errors', () => {
    const r = derive('x_1^2 + x_2', '--from', 'latex', '--wrt', 'x1');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.readAs, 'x1^2 + x2   (latex)');
    const cases = [
      ['x_0', 'x: vector(n)', /latex\.subscript.*numbered from 1/],
      ['x_5', 'x: vector(3)', /call\.argument.*outside x/],
      ['A_1', 'A: matrix(n, n)', /latex\.subscript.*A_\{i,j\}/],
      ['x_{1,2}', 'x: vector(n)', /latex\.subscript.*one index/],
    ] as const;
    for (const [expr, where, error] of cases) {
      const e = derive(expr, '--from', 'latex', '--where', where);
      assert.equal(e.code, 2, expr);
      assert.match(e.err, error, expr);
    }
    // a subscripted name that is declared itself stays that name
    const own = derive('x_1 + x', '--from', 'latex', '--wrt', 'x1', '--where', 'x: vector(n); x1: vector(n)');
    assert.equal(own.readAs, 'x1 + x   (latex)');
  });
});

describe('cli: issue 12 examples (shapes from usage; what was assumed is stated; ambiguity refused)', function () {
  this.timeout(60_000);

  it('the human answer lists the assumed shapes with what decided each', () => {
    const seed = derive('[log(x^2), sin(3*x)]', '--wrt', 'x');
    assert.equal(seed.code, 0, seed.err);
    assert.match(seed.out, /^ {2}assumed: x scalar \(from x\^2\)$/m);
    const letters = derive("x'*A*x", '--wrt', 'x');
    assert.match(letters.out, /^ {2}assumed: x vector\(n\) \(letter convention\), A matrix\(n, n\) \(letter convention\)$/m);
    const partly = derive("x'*A*x", '--wrt', 'x', '--where', 'x: vector(3)');
    assert.match(partly.out, /^ {2}assumed: A matrix\(3, 3\) \(letter convention\)$/m);
    const declared = derive("x'*A*x", '--wrt', 'x', '--where', 'x: vector(n); A: matrix(n, n)');
    assert.equal(declared.code, 0, declared.err);
    assert.doesNotMatch(declared.out, /assumed:/);
  });

  it('--json has them as assumed: [{name, shape, by, reason}]', () => {
    const r = run(['derive', 'a*x^2 + b', '--wrt', 'x', '--json']);
    assert.equal(r.code, 0, r.err);
    const answer = JSON.parse(r.out) as { assumed: { name: string; shape: string; by: string; reason: string }[] };
    assert.deepEqual(answer.assumed, [
      { name: 'a', shape: 'scalar', by: 'letter', reason: 'letter convention' },
      { name: 'x', shape: 'scalar', by: 'usage', reason: 'from x^2' },
      { name: 'b', shape: 'scalar', by: 'letter', reason: 'letter convention' },
    ]);
  });

  it('W*x + b with b undeclared is refused under b, naming both declarations; each declaration is answered, differently', () => {
    const r = derive('W*x + b', '--wrt', 'b');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^error\[shape\.ambiguous\]: 'b' is a scalar only by its letter, but in W\*x \+ b it could as well be a vector\(m\) like W\*x \(m×1\), and the derivatives differ: declare it, e\.g\. b: vector\(m\) or b: scalar \(column 7\)$/m);
    assert.match(r.err, /^W\*x \+ b\n {6}\^$/m);
    const scalar = derive('W*x + b', '--wrt', 'b', '--where', 'b: scalar', '--check');
    assert.equal(scalar.code, 0, scalar.err);
    assert.equal(scalar.text, 'ones(m)');
    assert.match(scalar.out, /numerical check: passed/);
    const vector = derive('W*x + b', '--wrt', 'b', '--where', 'b: vector(m)', '--check');
    assert.equal(vector.code, 0, vector.err);
    assert.equal(vector.text, 'eye(m)');
    assert.match(vector.out, /numerical check: passed/);
  });
});
