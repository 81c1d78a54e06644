/**
 * The batch's remembered answers (src/cli/batch/cache.ts): a request asked again is answered from
 * memory with the same line as when computed (its id in front), what depends on the moment is never
 * remembered, and the table stays bounded by size.
 */
import * as assert from 'node:assert/strict';
import { answerBatchLine, answerLine, serialize } from '../../../src/cli/batch/answer';
import { AnswerCache, isPure, requestKey } from '../../../src/cli/batch/cache';
import { checkRequest, type BatchRequest } from '../../../src/cli/batch/request';
import { jsonLine } from '../../../src/cli/batch/json';

const checked = (json: unknown): BatchRequest => {
  const c = checkRequest(json);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};

describe('cli batch: remembered answers', () => {
  const lines = [
    JSON.stringify({ id: 1, expr: "x'*A*x", wrt: 'x' }),
    JSON.stringify({ id: 'two\u2028', expr: "x'*A*x", wrt: 'x' }),
    JSON.stringify({ expr: "x'*A*x", wrt: 'x' }),
    JSON.stringify({ id: 4, wrt: 'x', expr: "x'*A*x" }),
    JSON.stringify({ id: 5, expr: "x'*A*x", wrt: 'x', emit: 'latex' }),
    JSON.stringify({ id: 6, expr: "x'*A*x", wrt: 'x', check: true }),
    JSON.stringify({ id: 7, expr: 'sum(exp(W*x))', wrt: 'W', steps: true, granularity: 'summary' }),
    JSON.stringify({ id: 8, expr: "x'*A*x", wrt: 'x', claim: '(A + A^T)*x' }),
    JSON.stringify({ id: 9, expr: 'A*(x' }),
    JSON.stringify({ id: 10, expr: 'x', wrt: 'y' }),
    JSON.stringify({ id: 11, expr: 'x', order: 3 }),
    '{"id": 12, "expr": ',
  ];

  it('answers every line, asked once or again, with the line computed afresh (ids in front, escaped)', () => {
    const cache = new AnswerCache();
    const fresh = lines.map((l) => serialize(answerBatchLine(l)));
    const first = lines.map((l) => answerLine(l, cache));
    const again = lines.map((l) => answerLine(l, cache));
    assert.deepEqual(first, fresh);
    assert.deepEqual(again, fresh);
    // Lines 1–4 ask the same (other ids, another field order): one answer remembered for them.
    assert.ok(cache.size > 0);
    assert.equal(fresh[1], `{"id":"two\\u2028",${fresh[2].slice(1)}`);
    assert.equal(fresh[3], `{"id":4,${fresh[2].slice(1)}`);
    for (const l of again) assert.equal(l.split('\n').length, 2);
  });

  it('a remembered answer is served without computing it again', () => {
    const cache = new AnswerCache();
    const line = JSON.stringify({ id: 1, expr: "x'*A*x", wrt: 'x' });
    const key = requestKey(checked(JSON.parse(line)));
    answerLine(line, cache);
    // Replace the remembered text: the next answer must be that text (so it was not recomputed).
    cache.remember(key, '{"ok":true,"marker":1}\n');
    assert.equal(answerLine(line, cache), '{"id":1,"ok":true,"marker":1}\n');
  });

  it('the key is what the request asks: not its id, nor its field order; every other field counts', () => {
    const base = { expr: "x'*A*x", wrt: 'x' };
    const k = requestKey(checked(base));
    assert.equal(requestKey(checked({ id: 3, ...base })), k);
    assert.equal(requestKey(checked({ wrt: 'x', expr: "x'*A*x" })), k);
    assert.equal(requestKey(checked({ ...base, wrt: ['x'] })), k);
    const others: Record<string, unknown>[] = [
      { where: 'x: vector(n)' },
      { layout: 'denominator' },
      { order: 2 },
      { from: 'plain' },
      { check: true },
      { steps: true },
      { granularity: 'summary' },
      { emit: 'text' },
      { form: 'index' },
      { claim: 'A*x' },
      { timeLimitMs: 100 },
      { outputLimit: 1000 },
    ];
    const keys = others.map((o) => requestKey(checked({ ...base, ...o })));
    assert.equal(new Set([k, ...keys]).size, others.length + 1);
  });

  it('an answer of the moment (past its time limit, cancelled, internal) is not remembered', () => {
    const error = (code: string) => ({ ok: false as const, error: { message: 'm', code: code as 'limit.time', source: 'request' } });
    assert.equal(isPure({ ok: true }), true);
    assert.equal(isPure(error('parse.empty')), true);
    assert.equal(isPure(error('limit.output')), true);
    assert.equal(isPure(error('limit.time')), false);
    assert.equal(isPure(error('limit.cancelled')), false);
    assert.equal(isPure(error('internal')), false);
    // Through answerLine: a 1 ms budget on a large request runs out, and the answer is not kept.
    const cache = new AnswerCache();
    const big = Array.from({ length: 60 }, (_, i) => `sum(sin(W${i}*x))`).join(' + ');
    const line = JSON.stringify({ expr: big, wrt: 'x', check: true, steps: true, timeLimitMs: 0.001 });
    const answer = JSON.parse(answerLine(line, cache)) as { ok: boolean; error?: { code: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error?.code, 'limit.time');
    assert.equal(cache.size, 0);
  });

  it('is bounded by size: emptied when full, and a large answer is not kept', () => {
    const cache = new AnswerCache(1600);
    // Past a sixteenth of the capacity (100): not kept.
    cache.remember('k'.repeat(50), 'a'.repeat(150));
    assert.equal(cache.size, 0);
    for (let i = 0; i < 20; i++) cache.remember(`k${i}`, jsonLine({ ok: true, n: i, pad: 'x'.repeat(60) }));
    assert.ok(cache.size > 0 && cache.size < 20, `size ${cache.size}`);
    assert.equal(cache.get('k19'), jsonLine({ ok: true, n: 19, pad: 'x'.repeat(60) }));
    assert.equal(cache.get('k0'), undefined);
  });
});
