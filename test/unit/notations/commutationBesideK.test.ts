/**
 * The commutation matrix beside a variable named K (attention's keys): the writers printed it
 * K(T,d) and K_{T,d}, which a reader given the declaration of K reads as the variable K — the
 * Jacobian of softmax(QKᵀ/√d)V by K did not read back at all. It is printed bold, 𝐊(T,d) and
 * \mathbf{K}_{T,d}, as the unit vector is 𝐞ₖ: read as the commutation matrix whatever is declared.
 * The plain K(m,n) and K_{m,n} are still read so when K is not declared.
 */
import * as assert from 'node:assert/strict';
import type { Notation } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { commutation, type Expr } from '../../../src/core/model/expr';
import { compareNumerically } from '../../../src/core/numeric/equal';
import { value } from './helpers';

const ATTENTION = 'Q: matrix(T, d); K: matrix(T, d); V: matrix(T, e)';

const read = (text: string, where: string, from: Notation | 'auto'): Expr => value(readExpression(text, where, from), `${from}: ${text}`).expr;

describe('notations: the commutation matrix beside a variable named K', () => {
  for (const [expr, wrt] of [["softmax(Q*K'/sqrt(d), 2)*V", 'K'], ["vec(K')", 'K'], ["vec(Q')", 'Q']] as const) {
    it(`${expr} by ${wrt}: the result, written in Unicode and LaTeX, reads back with K declared`, () => {
      const { text = '', unicode = '', latex = '' } = value(derive({ expr, where: ATTENTION, wrt: [wrt] }), expr).result;
      assert.match(text, /commutation\(/, 'the result has a commutation matrix');
      assert.match(unicode, /𝐊\(/);
      assert.match(latex, /\\mathbf\{K\}_\{/);
      const meant = read(text, ATTENTION, 'plain');
      for (const [written, from] of [[unicode, 'unicode'], [latex, 'latex'], [unicode, 'auto'], [latex, 'auto']] as const) {
        const back = read(written, ATTENTION, from);
        if (back !== meant) assert.equal(compareNumerically(back, meant).equal, true, `${from}: ${written} read as another value`);
      }
    });
  }

  it('reads 𝐊(m,n) and \\mathbf{K}_{m,n} as the commutation matrix, K declared or not; K(m,n) and K_{m,n} when K is not declared', () => {
    const K23 = commutation(2, 3);
    for (const where of ['x: vector(6)', 'x: vector(6); K: matrix(6, 6)']) {
      assert.equal(read('𝐊(2,3)x', where, 'unicode').args[0], K23, where);
      assert.equal(read('\\mathbf{K}_{2,3}x', where, 'latex').args[0], K23, where);
    }
    assert.equal(read('K(2,3)x', 'x: vector(6)', 'unicode').args[0], K23);
    assert.equal(read('K_{2,3}x', 'x: vector(6)', 'latex').args[0], K23);
  });
});
