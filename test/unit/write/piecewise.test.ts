import * as assert from 'node:assert/strict';
import { num, ones, rawAdd, rawFn, rawHadamard, rawMul, rawReduce, rawTranspose } from '../../../src/core/model/expr';
import { piecewiseLatex, toLatex } from '../../../src/core/write';
import { assertRenders } from './katex';
import { s, w, x, y } from './fixtures';

const u = rawAdd([rawMul([rawTranspose(w), x]), s]);
const tu = '\\mathbf{w}^{\\top}\\mathbf{x} + s';

describe('write/piecewise: cases for kinks at a scalar', () => {
  it('shows step(wᵀx + s)·xᵀ as 0ᵀ / xᵀ', () => {
    const e = rawMul([rawFn('step', u), rawTranspose(x)]);
    const tex = piecewiseLatex(e);
    assert.equal(tex, `\\begin{cases} \\mathbf{0}^{\\top} & ${tu} \\le 0 \\\\ \\mathbf{x}^{\\top} & ${tu} > 0 \\end{cases}`);
    assertRenders(tex as string);
  });

  it('drops zero terms and unit factors', () => {
    // 2y + step(u)·3x: 2y below the kink, 2y + 3x above.
    const e = rawAdd([rawMul([num(2), y]), rawMul([rawFn('step', u), num(3), x])]);
    const tex = piecewiseLatex(e) as string;
    assert.equal(tex, `\\begin{cases} 2\\mathbf{y} & ${tu} \\le 0 \\\\ 2\\mathbf{y} + 3\\mathbf{x} & ${tu} > 0 \\end{cases}`);
    assertRenders(tex);
  });

  it('replaces relu and min0 at the same u consistently', () => {
    const e = rawAdd([rawFn('relu', u), rawMul([num(2), rawFn('min0', u)])]);
    const tex = piecewiseLatex(e) as string;
    assert.equal(tex, `\\begin{cases} 2(${tu}) & ${tu} \\le 0 \\\\ ${tu} & ${tu} > 0 \\end{cases}`);
    assertRenders(tex);
  });

  it('keeps the factor of a Hadamard product and zeroes sums of zeros', () => {
    const e = rawHadamard([rawMul([rawFn('step', s), ones(x.shape)]), x]);
    const tex = piecewiseLatex(e) as string;
    assert.equal(tex, '\\begin{cases} \\mathbf{0} & s \\le 0 \\\\ \\mathbf{x} & s > 0 \\end{cases}');
  });

  it('zeroes reductions of zero', () => {
    const e = rawAdd([rawReduce('sum', rawMul([rawFn('step', s), x])), s]);
    assert.equal(piecewiseLatex(e), '\\begin{cases} s & s \\le 0 \\\\ \\operatorname{sum}(\\mathbf{x}) + s & s > 0 \\end{cases}');
  });

  it('has no cases without a scalar kink', () => {
    assert.equal(piecewiseLatex(rawMul([rawFn('exp', s), x])), undefined);
    // An element-wise step of a vector is shown with the indicator, not as cases.
    const e = rawHadamard([rawFn('step', x), y]);
    assert.equal(piecewiseLatex(e), undefined);
    assert.equal(toLatex(e), '\\mathbb{I}[\\mathbf{x} > 0] \\odot \\mathbf{y}');
  });
});
