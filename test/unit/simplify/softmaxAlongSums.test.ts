/**
 * A softmax along a dimension sums to 1 along it: each row of P = softmax(Z, 2) adds up to 1, so
 * P𝟏 = 𝟏 (and 𝟏ᵀPᵀ = 𝟏ᵀ); each column of P = softmax(Z, 1) does, so 𝟏ᵀP = 𝟏ᵀ (and Pᵀ𝟏 = 𝟏); and
 * sum(softmax(Z, 2)) is the number of rows, sum(softmax(Z, 1)) of columns. ∂ sum(softmax(Z, 2))/∂Z
 * printed (P ⊙ (𝟏𝟏ᵀ − P𝟏𝟏ᵀ))ᵀ, a zero a textbook writes 𝟎. Checked numerically.
 */
import { derivedAsCases } from './derivedAs';

const where = 'Z: matrix(m, n); v: vector(n); u: vector(m); x: vector(k); c: scalar';

describe('simplify: a softmax along a dimension sums to 1 along it', () => {
  derivedAsCases([
    ['sum(softmax(Z, 2))', 'Z', 'zeros(n, m)'],
    ['sum(softmax(Z, 1))', 'Z', 'zeros(n, m)'],
    ["c*sum(softmax(Z, 2)) + c", 'Z', 'zeros(n, m)'],
    ["ones(m)'*softmax(Z, 1)*v", 'Z', 'zeros(n, m)'],
    ["u'*softmax(Z, 2)*ones(n)", 'Z', 'zeros(n, m)'],
    ["ones(n)'*softmax(Z, 2)'*u", 'Z', 'zeros(n, m)'],
    ["v'*softmax(Z, 1)'*ones(m)", 'Z', 'zeros(n, m)'],
    ['sum(softmax(Z, 2))*sum(x)', 'x', 'm*ones(1, k)'],
    ['sum(softmax(Z, 1))*sum(x)', 'x', 'n*ones(1, k)'],
  ], where, { readAsWritten: true });
});
