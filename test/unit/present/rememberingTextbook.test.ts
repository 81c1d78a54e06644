/**
 * rememberingTextbook() (present/present.ts) puts a derivation's totals in textbook form walking only
 * the nodes no earlier call of it left as they were (present/bottomUp.ts `settled`): a recurrence's
 * k-th total holds the (k−1)-th, and walking all of it each time was quadratic (docs/reliability.md).
 * Exact only because what a walk makes of a node depends on that node's tree alone: checked on random
 * growing expressions — each holding earlier results, as the totals do, and the raw trees before them —
 * against textbook(), which walks everything, node for node (in a child process,
 * rememberingTextbookProbe.ts).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { type Expr, rawAdd, rawMul, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { rewriteBottomUp } from '../../../src/core/present/bottomUp';
import { toText } from '../../../src/core/write';

const same = (a: Expr, b: Expr, what: string): void => assert.equal(a, b, `${what}: ${toText(a)} ≠ ${toText(b)}`);

describe('present: a remembering textbook() is textbook()', function () {
  this.timeout(120_000);

  it('on 200 random sequences of growing expressions, each holding earlier results', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'rememberingTextbookProbe.js'), '200'], { encoding: 'utf8' });
    const { compared, changed, differ } = JSON.parse(out) as { compared: number; changed: number; differ: string[] };
    assert.deepEqual(differ, []);
    assert.equal(compared, 1_600);
    // Most of them are rewritten (factored or tidied), so the comparison is of something.
    assert.ok(changed > compared / 2, `${changed} of ${compared} changed by textbook()`);
  });

  it('a walk with settled nodes is the walk without them, and skips them', () => {
    const n = shape('n', 'n');
    const [A, B, S] = ['A', 'B', 'S'].map((name) => variable(name, n));
    const x = variable('x', shape('n', 1));
    // What a pass that changes some nodes (transposes of sums become sums of transposes) makes of a
    // tree holding a tree it walked before, with and without the nodes it left as they were.
    const pass = (e: Expr): Expr => (e.op === 'transpose' && e.args[0].op === 'add' ? rawAdd(e.args[0].args.map(rawTranspose)) : e);
    const inner = rawMul([A, rawTranspose(rawAdd([A, B])), S]);
    const settled = new Set<Expr>();
    same(rewriteBottomUp(inner, pass, undefined, settled), rewriteBottomUp(inner, pass), 'inner');
    assert.ok(settled.has(A) && settled.has(S) && !settled.has(inner), 'the unchanged nodes are settled, the changed not');
    const outer = rawAdd([rawMul([inner, x, rawTranspose(x)]), rawTranspose(rawAdd([S, B]))]);
    const seen: Expr[] = [];
    const counted = (e: Expr): Expr => (seen.push(e), pass(e));
    same(rewriteBottomUp(outer, counted, undefined, settled), rewriteBottomUp(outer, pass), 'outer');
    assert.ok(!seen.includes(A) && !seen.includes(S), 'settled nodes are not walked again');
  });
});
