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
