/** Variables and small builders shared by the writer tests. */
import { Expr, num, rawAdd, rawMul, rawPow, rationalNum, variable } from '../../../src/core/model/expr';
import { parseDecimal, type Rational } from '../../../src/core/model/rational';
import { shape, SCALAR } from '../../../src/core/model/shape';

export const x = variable('x', shape('n', 1));
export const y = variable('y', shape('n', 1));
export const b = variable('b', shape('m', 1));
export const w = variable('w', shape('n', 1));
export const z = variable('z', shape('n', 1));
export const r = variable('r', shape(1, 'n'));
export const A = variable('A', shape('m', 'n'));
export const B = variable('B', shape('n', 'p'));
export const X = variable('X', shape('n', 'n'));
export const S = variable('S', shape('n', 'n'), true);
export const s = variable('s', SCALAR);
export const t = variable('t', SCALAR);
export const a = variable('a', SCALAR);
export const alpha = variable('alpha', SCALAR);
export const theta = variable('theta', shape('n', 1));
export const Sigma = variable('Sigma', shape('n', 'n'));
export const x1 = variable('x1', shape('n', 1));
export const W1 = variable('W1', shape('h', 'n'));
export const wOut = variable('w_out', shape('h', 1));
export const loss = variable('loss', SCALAR);

/** A decimal literal as the readers build it (printed as written, unlike num(0.5), which is ½). */
export const decimal = (text: string): Expr => rationalNum(parseDecimal(text) as Rational);

export const neg = (e: Expr): Expr => rawMul([num(-1), e]);
export const sub = (p: Expr, q: Expr): Expr => rawAdd([p, neg(q)]);
export const div = (p: Expr, q: Expr): Expr => rawMul([p, rawPow(q, num(-1))]);
