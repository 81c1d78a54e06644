/**
 * The `.matcalc` language features' pure parts: the outline (declarations with positions,
 * expression lines), the checker (the core's read and shape errors at their columns, stale work
 * abandoned), latest-only scheduling, and the core's function catalogue.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { DECLARATION_KEYWORDS, functionCatalogue } from '../../../src/core';
import { undocumentedFunctions } from '../../../src/core/language';
import { ARITY } from '../../../src/core/syntax/functions';
import { runDeclarations, runVariables } from '../../../src/extension/derivation';
import { checkMatcalc, wheresFor } from '../../../src/extension/language/check';
import { declarationOf, declaredAbove, matcalcOutline, wordAt } from '../../../src/extension/language/outline';
import { LatestOnly, type Timers } from '../../../src/extension/schedule';

const DOC = [
  '# A quadratic form',
  'x: vector(n)',
  'A: matrix(n, n)   # square',
  "x' * A * x",
  '',
  'B is a matrix',
  "f(x) = x' * B",
  'x * A',
  'C: matrx(n)',
  "x' * A *",
];
const variables = (expr: string, where: string | undefined) => runVariables(expr, where, 'plain');
const never = { isCancellationRequested: false };

describe('.matcalc outline', () => {
  const outline = matcalcOutline(DOC, runDeclarations);

  it('finds each declared name with its columns, kind and shape', () => {
    assert.deepEqual(
      outline.declarations.map((d) => [d.name, d.line, d.start, d.end, d.kind, d.shape]),
      [
        ['x', 1, 0, 1, 'vector', 'n×1'],
        ['A', 2, 0, 1, 'matrix', 'n×n'],
        ['B', 5, 0, 1, 'matrix', 'matrix'],
      ],
    );
  });

  it('finds the expression of each expression line as the commands do (the right-hand side of f(x) = …)', () => {
    assert.deepEqual(
      outline.expressions.map((e) => [e.line, e.text, DOC[e.line].slice(e.start, e.end)]),
      [
        [3, "x' * A * x", "x' * A * x"],
        [6, "x' * B", "x' * B"],
        [7, 'x * A', 'x * A'],
        [9, "x' * A *", "x' * A *"],
      ],
    );
  });

  it('reports a declaration the core cannot read, at its column', () => {
    assert.equal(outline.problems.length, 1);
    const p = outline.problems[0];
    assert.equal(p.line, 8);
    assert.equal(DOC[8].slice(p.start, p.end), 'matrx');
    assert.match(p.code, /^decl\./);
  });

  it('finds the declaration in force and the names declared above a line', () => {
    assert.equal(declarationOf(outline, 'A', 7)?.line, 2);
    assert.equal(declarationOf(outline, 'nope', 7), undefined);
    assert.deepEqual(declaredAbove(outline, 3).map((d) => d.name), ['x', 'A']);
    assert.deepEqual(wordAt("x' * A * x", 5), { word: 'A', start: 5, end: 6 });
    assert.equal(wordAt("x' * A * x", 3), undefined);
  });

  it('reads the declarations above each expression once per block', () => {
    const wheres = wheresFor(DOC, outline);
    assert.equal(wheres.get(3), 'x: vector(n); A: matrix(n, n)');
    assert.equal(wheres.get(7), wheres.get(6));
  });
});

describe('.matcalc diagnostics', () => {
  const outline = matcalcOutline(DOC, runDeclarations);

  it('reports read and shape errors at their columns, and nothing for good lines', async () => {
    const problems = await checkMatcalc(DOC, outline, variables, never);
    assert.ok(problems);
    const byLine = new Map(problems.map((p) => [p.line, p]));
    assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [7, 8, 9]);
    const shape = byLine.get(7);
    assert.match(shape?.code ?? '', /^shape\./);
    assert.equal(DOC[7].slice(shape?.start, shape?.end), 'x * A');
    const parse = byLine.get(9);
    assert.match(parse?.code ?? '', /^parse\./);
    assert.equal(DOC[9].slice(parse?.start, parse?.end), '*');
  });

  it('gives up (undefined) when the work is stale, between slices', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `x${i} + 1`);
    const token = { isCancellationRequested: false };
    let calls = 0;
    const pending = checkMatcalc(many, matcalcOutline(many, runDeclarations), (e, w) => {
      calls++;
      return variables(e, w);
    }, token);
    token.isCancellationRequested = true;
    assert.equal(await pending, undefined);
    assert.ok(calls < 200, `${calls} expressions checked after cancellation`);
  });
});

describe('latest-only scheduling', () => {
  /** Timers run by hand. */
  function manualTimers(): Timers & { fire(): void; count(): number } {
    const timers = new Map<number, () => void>();
    let next = 1;
    return {
      setTimeout: (fn) => {
        timers.set(next, fn);
        return next++;
      },
      clearTimeout: (h) => void timers.delete(h as number),
      fire: () => {
        const all = [...timers.values()];
        timers.clear();
        for (const f of all) f();
      },
      count: () => timers.size,
    };
  }

  it('keeps only the latest work for a key: fast changes queue nothing stale', () => {
    const timers = manualTimers();
    const s = new LatestOnly<string>(100, timers);
    const ran: number[] = [];
    for (let i = 0; i < 10; i++) s.schedule('cursor', () => ran.push(i));
    assert.equal(s.queued, 1);
    assert.equal(timers.count(), 1);
    timers.fire();
    assert.deepEqual(ran, [9]);
    assert.equal(s.dropped, 9);
  });

  it('cancels running work when newer work comes, and keeps keys apart', async () => {
    const timers = manualTimers();
    const s = new LatestOnly<string>(100, timers);
    let release: () => void = () => undefined;
    const seen: boolean[] = [];
    s.schedule('a', async (token) => {
      await new Promise<void>((r) => (release = r));
      seen.push(token.isCancellationRequested);
    });
    s.schedule('b', () => seen.push(false));
    timers.fire();
    s.schedule('a', () => undefined);
    release();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen, [false, true]);
    s.dispose();
    assert.equal(s.queued, 0);
  });

  it('runNow (the Proofread command): runs at once, drops the pending work and cancels the running one for its key', async () => {
    const timers = manualTimers();
    const s = new LatestOnly<string>(100, timers);
    let release: () => void = () => undefined;
    const tokens: { isCancellationRequested: boolean }[] = [];
    const ran: string[] = [];
    s.schedule('doc', async (token) => {
      tokens.push(token);
      await new Promise<void>((r) => (release = r));
      ran.push(token.isCancellationRequested ? 'first, cancelled' : 'first');
    });
    timers.fire(); // the first run is now running
    s.schedule('doc', () => ran.push('pending, never runs'), 0); // a per-call delay
    const now = s.runNow('doc', (token) => (token.isCancellationRequested ? 'cancelled' : 'now'));
    assert.equal(now, 'now');
    assert.equal(timers.count(), 0, 'the pending work was dropped');
    assert.equal(tokens[0].isCancellationRequested, true, 'the running work was cancelled');
    release();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ran, ['first, cancelled']);
    assert.equal(s.dropped, 2);
  });

  it('runNow rethrows what its work throws and keeps nothing running', () => {
    const s = new LatestOnly<string>(100, manualTimers());
    assert.throws(() => s.runNow('k', () => { throw new Error('boom'); }), /boom/);
    s.cancel('k');
    assert.equal(s.dropped, 0, 'nothing was left running for the key');
  });
});

describe('the core function catalogue (completion and hover words)', () => {
  it('has a signature, a shape rule and a summary for every function the reader knows', () => {
    assert.deepEqual(undocumentedFunctions(), []);
    const names = functionCatalogue().map((f) => f.name);
    assert.deepEqual(names, Object.keys(ARITY));
    const tr = functionCatalogue().find((f) => f.name === 'tr');
    assert.deepEqual([tr?.signature, tr?.shapeRule], ['tr(A)', 'n×n → 1×1']);
  });

  it('lists the declaration keywords the core reads', () => {
    for (const k of DECLARATION_KEYWORDS) {
      const decl = k.word === 'symmetric' ? 'S: matrix(n, n) symmetric' : `v: ${k.snippet.replace(/\$\{\d:(\w+)\}/g, '$1')}`;
      assert.ok(runDeclarations(decl).ok, decl);
    }
  });
});
