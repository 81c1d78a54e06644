/**
 * The `matcalc` command line is a contract others script against: output formats, JSON fields,
 * exit codes and error carets. These tests run the compiled CLI in a child process.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import '../../../src/cli';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli.js');

function run(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: matcalc derive', function () {
  this.timeout(30_000);
  it('prints the result in Unicode and plain text, with shape and layout', () => {
    const r = run(['derive', "x' * A * x", '--wrt', 'x', '--where', 'x: vector(n); A: matrix(n, n)']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), [
      "read as: x'*A*x   (plain)",
      'xᵀ(A + Aᵀ)',
      "  text: x'*(A + A')",
      '  shape 1×n, numerator layout, with respect to x (n×1)',
    ]);
  });
  it('--json gives input, wrt, layout, result and check', () => {
    const r = run(['derive', 'norm2(A*x - b)^2', '--wrt', 'x', '--where', 'b: vector(m)', '--layout', 'mixed', '--check', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.input.text, 'norm2(A*x - b)^2');
    assert.equal(j.input.shape, '1×1');
    assert.deepEqual(j.wrt, ['x']);
    assert.equal(j.layout, 'mixed');
    assert.equal(j.result.text, "2*A'*(A*x - b)");
    assert.equal(j.result.shape, 'n×1');
    assert.equal(j.result.latex, '2A^{\\top}(A\\mathbf{x} - \\mathbf{b})');
    assert.ok(j.check.maxRelError < 1e-6 && j.check.samples >= 3 && j.check.passed);
  });
  it('several scalars are stacked (Parr & Howard T3), and the denominator layout transposes', () => {
    const args = ['derive', '[3*x^2*y, 2*x + y^8]', '--wrt', 'x,y', '--where', 'x: scalar; y: scalar', '--emit', 'text'];
    assert.equal(run(args).out.trim(), '[6*x*y, 3*x^2; 2, 8*y^7]');
    assert.equal(run([...args, '--layout', 'denominator']).out.trim(), '[6*x*y, 2; 3*x^2, 8*y^7]');
  });
  describe('a scalar loss by several variables that are not all scalars (--wrt W,b): one result per variable', () => {
    const where = 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k)';
    const loss = "sum(sum((X*W + ones(N, 1)*b' - Y).^2))/N";
    const base = ['derive', loss, '--wrt', 'W,b', '--where', where, '--layout', 'denominator'];
    it('for a human: ∂L/∂W = 2Xᵀ(XW + 𝟏bᵀ − Y)/N, then ∂L/∂b = 2(XW + 𝟏bᵀ − Y)ᵀ𝟏/N, each checked', () => {
      const r = run([...base, '--check']);
      assert.equal(r.code, 0, r.err);
      const blocks = r.out.trimEnd().split('\n\n');
      assert.equal(blocks.length, 2, r.out);
      assert.match(blocks[0], /^read as: .*\n2Xᵀ\(XW \+ 𝟏bᵀ − Y\)\/N\n[^]*with respect to W \(n×k\)\n {2}numerical check: passed/);
      assert.match(blocks[1], /^read as: .*\n2\(XW \+ 𝟏bᵀ − Y\)ᵀ𝟏\/N\n[^]*with respect to b \(k×1\)\n {2}numerical check: passed/);
    });
    it('--json: {"wrt": ["W", "b"], "results": [...]}, each what derive --json gives for that variable alone', () => {
      const r = run([...base, '--json', '--check']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as { wrt: string[]; results: { wrt: string[]; result: { text: string }; check: { passed: boolean } }[] };
      assert.deepEqual(j.wrt, ['W', 'b']);
      assert.deepEqual(j.results.map((x) => x.wrt), [['W'], ['b']]);
      assert.ok(j.results.every((x) => x.check.passed));
      for (const [k, name] of ['W', 'b'].entries()) {
        const alone = JSON.parse(run(['derive', loss, '--wrt', name, '--where', where, '--layout', 'denominator', '--json']).out) as { result: unknown };
        assert.deepEqual(j.results[k].result, alone.result, name);
      }
    });
    it('--emit text: one line per variable, in the order given; code refused with a usage error', () => {
      assert.deepEqual(run([...base, '--emit', 'text']).out.trimEnd().split('\n'), ["2/N*X'*(X*W + ones(N)*b' - Y)", "2/N*(X*W + ones(N)*b' - Y)'*ones(N)"]);
      assert.deepEqual(run(['derive', loss, '--wrt', 'b', '--wrt', 'W', '--where', where, '--emit', 'text']).out.trimEnd().split('\n').length, 2);
      const code = run([...base, '--emit', 'numpy']);
      assert.equal(code.code, 2);
      assert.match(code.err, /--emit numpy writes one derivative: .*\(W, b\), ask for one --wrt at a time/);
    });
    it('scalars still stack into one gradient, and an unknown variable is still an error', () => {
      assert.equal(run(['derive', 'x^2*y', '--wrt', 'x,y', '--where', 'x: scalar; y: scalar', '--emit', 'text']).out.trim(), "[2*x*y, x^2]'");
      const r = run(['derive', loss, '--wrt', 'W,c', '--where', where]);
      assert.equal(r.code, 2);
      assert.match(r.err, /'c' does not occur/);
    });
  });
  it('--order 2 gives the Hessian', () => {
    assert.equal(run(['derive', "x'*A*x", '--wrt', 'x', '--order', '2', '--emit', 'text']).out.trim(), "A + A'");
  });
  it('--emit latex and --emit numpy', () => {
    assert.equal(run(['derive', "x'*A*x", '--wrt', 'x', '--emit', 'latex']).out.trim(), '\\mathbf{x}^{\\top}(A + A^{\\top})');
    const py = run(['derive', "x'*A*x", '--wrt', 'x', '--emit', 'numpy']).out;
    assert.match(py, /^import numpy as np/m);
    assert.match(py, /def value\(/);
    assert.match(py, /def derivative\(/);
  });
  it('--steps prints a numbered derivation', () => {
    const r = run(['derive', 'x + x^2', '--wrt', 'x', '--where', 'x: scalar', '--steps', '--granularity', 'summary']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Derivation:\n {2}1\. Introduce intermediate variables/);
    assert.match(r.out, /\(a common mistake\)/);
    assert.match(r.out, /df\/dx = 1 \+ 1 · 2x = 1 \+ 2x/);
  });
});

describe('cli: errors', function () {
  this.timeout(30_000);
  it('a bad expression: exit 2, one line with the column, and a caret under the input', () => {
    const r = run(['derive', 'A*x +', '--wrt', 'x']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.deepEqual(r.err.split('\n').slice(0, 3), ["error[parse.expected-expression]: expected an expression after '+' (column 5)", 'A*x +', '    ^']);
  });
  it('a shape conflict names both sides', () => {
    const r = run(['derive', 'A*y', '--wrt', 'y', '--where', 'A: matrix(m, n); y: vector(k)']);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot multiply A \(m×n\) by y \(k×1\) in A\*y: inner dimensions n and k differ/);
  });
  it('an error in --where points into the declarations', () => {
    const r = run(['derive', 'A*x', '--wrt', 'x', '--where', 'A: matrix(m, n; x: vector(n)']);
    assert.equal(r.code, 2);
    assert.match(r.err, /\(--where, column 15\)\nA: matrix\(m, n; x: vector\(n\)\n {14}\^/);
  });
  it('usage errors exit 2', () => {
    assert.equal(run(['derive', 'x', '--layout', 'sideways']).code, 2);
    assert.equal(run(['derive']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['derive', 'x', '--bogus']).code, 2);
  });
  it('-- ends the options: an expression that starts with two minus signs is read, not taken for an option', () => {
    const r = run(['derive', '--wrt', 'x', '--where', 'x: vector(n); A: matrix(n, n)', '--', "--x'*A*x"]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.split('\n')[1], 'xᵀ(A + Aᵀ)');
    const two = run(['derive', '--wrt', 'x', '--', 'x', '--check']);
    assert.equal(two.code, 2);
    assert.match(two.err, /one expression only/);
  });
  it('a repeated --wrt adds variables; any other repeated option is a usage error, never a silent override', () => {
    const both = run(['derive', 'a*x + b*x^2', '--wrt', 'a', '--wrt', 'b', '--json']);
    assert.equal(both.code, 0, both.err);
    assert.deepEqual(JSON.parse(both.out).wrt, ['a', 'b']);
    const twice = run(['derive', 'x^2', '--wrt', 'x', '--layout', 'numerator', '--layout', 'denominator']);
    assert.equal(twice.code, 2);
    assert.match(twice.err, /--layout is given twice/);
    assert.equal(run(['derive', 'x^2', '--wrt', 'x', '--check', '--check']).code, 2);
  });
});

describe('cli: matcalc batch', function () {
  this.timeout(30_000);
  it('answers one JSON line per request, in order, and goes on after a bad one', () => {
    const input = [
      JSON.stringify({ expr: "x'*x", wrt: 'x' }),
      'not json',
      JSON.stringify({ expr: 'A*', wrt: ['x'] }),
      JSON.stringify({ expr: 'softmax(z)', wrt: 'z', emit: 'numpy' }),
      JSON.stringify({ expr: 'x + x^2', wrt: 'x', where: 'x: scalar', steps: true, check: true }),
    ].join('\n');
    const r = run(['batch'], input);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    assert.equal(lines[0].ok, true);
    assert.equal(lines[0].result.text, "2*x'");
    assert.equal(lines[1].ok, false);
    assert.equal(lines[2].ok, false);
    assert.deepEqual([lines[2].error.start, lines[2].error.end], [1, 2]);
    assert.equal(lines[2].error.source, 'expr');
    assert.equal(lines[3].ok, true);
    assert.match(lines[3].code, /def derivative/);
    assert.equal(lines[4].result.text, '1 + 2*x');
    assert.ok(lines[4].steps.length > 0 && lines[4].check.passed);
  });
});

describe('cli: the index form', function () {
  this.timeout(30_000);
  it('--form index prints the component formula first; results with 4 indices show it anyway', () => {
    const r = run(['derive', 'inv(X)', '--wrt', 'X', '--form', 'index']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.split('\n').slice(0, 2), ['read as: inv(X)   (plain)', '∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ   (i, j, k, l = 1…n)']);
    const auto = run(['derive', 'inv(X)', '--wrt', 'X']);
    assert.ok(auto.out.includes('  in components: ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ'), auto.out);
    const latex = run(['derive', "x*x'", '--wrt', 'x', '--form', 'index', '--emit', 'latex']);
    assert.equal(latex.out.trim(), '\\frac{\\partial \\left(\\mathbf{x}\\mathbf{x}^{\\top}\\right)_{ij}}{\\partial x_{k}} = \\delta_{ik} x_{j} + x_{i} \\delta_{jk}\\qquad (i, j, k = 1, \\dots, n)');
  });
  it('--emit einsum gives the contractions of the derivative; NumPy code uses them instead of a Kronecker product', () => {
    const r = run(['derive', 'inv(X)', '--wrt', 'X', '--emit', 'einsum']);
    assert.equal(r.out.trim(), '-einsum("ik,lj->ijkl", inv(X), inv(X))');
    const outer = run(['derive', "x*x'", '--wrt', 'x', '--emit', 'einsum']);
    assert.equal(outer.out.trim(), 'einsum("ik,j->ijk", eye(n), x) + einsum("i,jk->ijk", x, eye(n))');
    const code = run(['derive', 'A*X*B', '--wrt', 'X', '--emit', 'numpy']);
    assert.match(code.out, /return np\.einsum\('il,rj->ijlr', A, B\)/);
  });
  it('batch "form": "index" adds indexForm; an unavailable index form is an error', () => {
    const input = [
      JSON.stringify({ expr: 'A*x', wrt: 'x', form: 'index' }),
      JSON.stringify({ expr: 'x*y', wrt: 'x,y', where: 'x: scalar; y: scalar', form: 'index' }),
    ].join('\n');
    const lines = run(['batch'], input).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].indexForm.unicode, '∂(Ax)ᵢ/∂xⱼ = Aᵢⱼ   (i = 1…m; j = 1…n)');
    assert.equal(lines[1].ok, false);
    assert.equal(lines[1].error.code, 'form.index-unavailable');
  });
  it('"form": "index" with "emit": "latex" is the index form\'s LaTeX in the batch, as derive --form index --emit latex prints it', () => {
    const requests = [
      { expr: 'inv(X)', wrt: 'X', where: 'X: matrix(n, n)' },
      { expr: "x*x'", wrt: 'x' },
      { expr: 'log(det(X))', wrt: 'X' },
    ];
    const input = requests.map((q) => JSON.stringify({ ...q, form: 'index', emit: 'latex' })).join('\n');
    const answers = run(['batch'], input).out.trim().split('\n').map((l) => JSON.parse(l));
    requests.forEach((q, i) => {
      const cli = run(['derive', q.expr, '--wrt', q.wrt, ...(q.where ? ['--where', q.where] : []), '--form', 'index', '--emit', 'latex']);
      assert.equal(cli.code, 0, cli.err);
      const full = run(['batch'], JSON.stringify({ ...q, form: 'index' })).out.trim();
      assert.deepEqual(answers[i], { ok: true, latex: JSON.parse(full).indexForm.latex }, q.expr);
      assert.equal(cli.out.trim(), answers[i].latex, q.expr);
    });
  });
});
