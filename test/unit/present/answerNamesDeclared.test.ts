/**
 * An answer's names take every declared name as taken, in one place (present/answerNames.ts): the
 * variables the expression uses, the ones declared and not used, and the dimensions of their shapes.
 * Before, answerNames reserved only the unused ones (service.ts) and the function-name test beside it
 * checked the used ones and the dimensions itself: every other namer had to avoid them on its own.
 */
import * as assert from 'node:assert/strict';
import { answerNames } from '../../../src/core/present/answerNames';
import { variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';

describe('answerNames takes every declared name', () => {
  const x = variable('x', shape('n', 1));
  const A = variable('A', shape('m', 'n'));
  const P = variable('P', shape('N', 'k'));
  const z1 = variable('z1', shape(1, 1));

  it('the variables, used or not, and their dimensions are taken; their letters are the answer\'s', () => {
    const names = answerNames([], [x, A, P, z1]);
    for (const n of ['x', 'A', 'P', 'z1', 'z_1', 'n', 'm', 'N', 'k']) assert.equal(names.taken(n), true, n);
    for (const n of ['u', 'U', 'v', 'f', 'z2']) assert.equal(names.taken(n), false, n);
    for (const l of ['x', 'A', 'P', 'z']) assert.ok(names.letters().has(l), l);
    // A dimension's name is taken, its letter is not the answer's: u₁ beside a size u is no part of u.
    for (const l of ['n', 'm', 'N', 'k']) assert.ok(!names.letters().has(l), l);
  });

  it('a user\'s name that is also a variable\'s names no part, and is taken', () => {
    const h = variable('h', shape('n', 1));
    const names = answerNames([['x', h]], [x]);
    assert.equal(names.of(h), undefined);
    assert.equal(names.taken('x'), true);
  });
});
