/**
 * `matcalc check`: exit codes (0 correct, 3 incorrect, 2 bad input), the human answer, the JSON
 * object, option values that begin with '-', and the batch "claim" field.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../../src/cli';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli.js');

function run(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: matcalc check', function () {
  this.timeout(30_000);
  it('a right claim: exit 0, the verdict and how it was decided', () => {
    const r = run(['check', "x'*A*x", '--wrt', 'x', '--claim', "x'*A' + x'*A"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), [
      'correct: xᵀAᵀ + xᵀA is the derivative with respect to x in numerator layout',
      '  claim:    xᵀAᵀ + xᵀA  (1×n)',
      '  correct:  xᵀ(A + Aᵀ)  (1×n, numerator layout)',
      "  text:     x'*(A + A')",
      '  decided numerically at 6 random points of random sizes (tolerance 1e-6)',
    ]);
  });
  it('a wrong claim: exit 3 with the diagnosis and the correct derivative', () => {
    const r = run(['check', "x'*A*x", '--wrt', 'x', '--claim', '2*A*x', '--layout', 'denominator']);
    assert.equal(r.code, 3, r.err);
    assert.match(r.out, /^incorrect \(symmetric-only\): right only when A is symmetric \(Aᵀ = A\)/);
    assert.match(r.out, /correct: {2}\(A \+ Aᵀ\)x {2}\(n×1, denominator layout\)/);
  });
  it('--json: exactly the documented object', () => {
    const r = run(['check', 'norm2(A*x - b)^2', '--wrt', 'x', '--where', 'b: vector(m)', '--layout', 'denominator', '--claim', "A'*(A*x - b)", '--json']);
    assert.equal(r.code, 3, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['ok', 'verdict', 'diagnosis', 'expected', 'claim', 'method', 'tolerance']);
    assert.equal(j.ok, true);
    assert.equal(j.verdict, 'incorrect');
    assert.equal(j.diagnosis.kind, 'scaled');
    assert.equal(j.diagnosis.factor, '1/2');
    assert.equal(typeof j.diagnosis.detail, 'string');
    assert.deepEqual(Object.keys(j.expected), ['text', 'latex', 'unicode', 'shape']);
    assert.equal(j.expected.text, "2*A'*(A*x - b)");
    assert.equal(j.claim.shape, 'n×1');
    assert.equal(j.method, 'numeric');
    assert.equal(j.tolerance, 1e-6);
    const exact = JSON.parse(run(['check', "x'*A*x", '--wrt', 'x', '--claim', "x'*(A + A')", '--json']).out);
    assert.equal(exact.method, 'exact');
    assert.equal(exact.diagnosis, null);
    assert.equal(exact.tolerance, 0);
  });
  it('an option value may begin with "-"', () => {
    const r = run(['check', "y'*X*x", '--wrt', 'x', '--claim', "-X'*y", '--layout', 'denominator']);
    assert.equal(r.code, 3, r.err);
    assert.match(r.out, /^incorrect \(sign\)/);
  });
  it('a claim that does not read: exit 2 with a caret under the claim', () => {
    const r = run(['check', "x'*A*x", '--wrt', 'x', '--claim', '2*A*']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.err.trimEnd().split('\n').slice(1), ['2*A*', '   ^']);
    assert.match(r.err, /--claim, column 4/);
    assert.equal(run(['check', "x'*A*x", '--wrt', 'x']).code, 2);
  });
  it('batch: a request with "claim" answers the check object', () => {
    const lines = [
      JSON.stringify({ expr: "x'*A*x", wrt: 'x', claim: "x'*A" }),
      JSON.stringify({ expr: "x'*A*x", wrt: 'x' }),
      JSON.stringify({ expr: "x'*A*x", wrt: 'x', claim: '(' }),
    ].join('\n');
    const r = run(['batch'], lines);
    assert.equal(r.code, 0, r.err);
    const [a, b, c] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(a.verdict, 'incorrect');
    assert.equal(a.diagnosis.kind, 'missing-term');
    assert.equal(a.diagnosis.term.text, "x'*A'");
    assert.equal(b.result.text, "x'*(A + A')");
    assert.equal(c.ok, false);
    assert.equal(c.error.source, 'claim');
  });
});

describe('cli: matcalc proofread', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'matcalc-proofread-'));
  it('one line per equality, a summary, exit 3 when a step is wrong', () => {
    const file = join(dir, 'notes.md');
    writeFileSync(file, '<!-- x: vector(n); A: matrix(n, n) -->\n\n$$\\nabla_x (x^T A x) = x^T(A + A^T) = 2x^T A$$\n');
    const r = run(['proofread', file]);
    assert.equal(r.code, 3, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[0], `${file}:3:24 ok`);
    assert.match(lines[1], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:39 wrong — symmetric-only: right only when A is symmetric`));
    assert.equal(lines[2], 'proofread: 1 ok, 1 wrong, 0 skipped');
  });
  it('--json, exit 0 when all is right, 2 for a file of another kind', () => {
    const file = join(dir, 'ok.matcalc');
    writeFileSync(file, "x: vector(n)\nd/dx(x'*x) == 2*x'\n");
    const r = run(['proofread', file, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.summary, { ok: 1, wrong: 0, skipped: 0 });
    assert.equal(j.findings[0].status, 'ok');
    assert.equal(j.findings[0].line, 2);
    assert.equal(run(['proofread', join(dir, 'notes.txt')]).code, 2);
    assert.equal(run(['proofread', join(dir, 'missing.md')]).code, 2);
  });
});
