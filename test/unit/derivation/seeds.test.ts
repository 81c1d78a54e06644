/**
 * The seed's examples (Parr & Howard §4.5–6 and the blog): each derivation is numerically sound
 * (helpers.assertSound) and has the paper's structure — its intermediate variables, local
 * derivatives, the product of Jacobians, the total-derivative rule with the naive pitfall, the
 * piecewise relu derivatives and the per-sample loss gradient.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { assertSound, derivation, rules, stepWith, type Derived } from './helpers';

const SCALAR = 'x: scalar';
/** The paper's bias is one number for all samples (§6.1); undeclared, b in X*w + b is ambiguous. */
const PAPER_BIAS = 'b: scalar';

function both(expr: string, wrt: string, where: string | undefined, check: (d: Derived) => void): void {
  for (const g of ['summary', 'full'] as const) {
    it(`${g}`, () => {
      const d = derivation({ expr, where, wrt: [wrt] }, g);
      assertSound(d, `${expr} (${g})`);
      check(d);
    });
  }
}

/** A bmatrix with the given number of rows and columns somewhere in the LaTeX. */
function hasMatrix(tex: string, rows: number, cols: number): boolean {
  const re = /\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g;
  for (const m of tex.matchAll(re)) {
    const lines = m[1].split('\\\\');
    if (lines.length === rows && lines.every((l) => l.split('&').length === cols)) return true;
  }
  return false;
}

describe('derivation: the seed examples read like the paper', () => {
  describe('y = sin(x²): single-variable chain rule (§4.5.1)', () => {
    both('sin(x^2)', 'x', SCALAR, (d) => {
      const defs = stepWith(d, 'intermediate-variables').p.after;
      assert.equal(defs, 'u = x^{2},\\quad f = \\sin(u)');
      const chain = stepWith(d, 'chain-rule').p;
      assert.equal(chain.before, '\\frac{df}{dx} = \\frac{df}{du} \\frac{du}{dx}');
      assert.equal(chain.after, '\\frac{df}{dx} = \\cos(u) \\cdot 2x');
      assert.ok(rules(d).includes('substitute'));
      assert.match(d.pub[d.pub.length - 1].after, /2x\\cos\(x\^\{2\}\)$/);
    });
  });

  describe('y = ln(sin(x³)²): four intermediates (§4.5.1)', () => {
    both('log(sin(x^3)^2)', 'x', SCALAR, (d) => {
      if (d.steps.some((s) => s.rule === 'local-derivatives')) {
        assert.equal(stepWith(d, 'intermediate-variables').p.after, 'u_{1} = x^{3},\\quad u_{2} = \\sin(u_{1}),\\quad u_{3} = u_{2}^{2},\\quad f = \\log(u_{3})');
      }
      const chain = stepWith(d, 'chain-rule').p;
      assert.equal(chain.before, '\\frac{df}{dx} = \\frac{df}{du_{3}} \\frac{du_{3}}{du_{2}} \\frac{du_{2}}{du_{1}} \\frac{du_{1}}{dx}');
      assert.equal(chain.after, '\\frac{df}{dx} = \\frac{1}{u_{3}} \\cdot 2u_{2} \\cdot \\cos(u_{1}) \\cdot 3x^{2}');
      assert.match(stepWith(d, 'substitute').p.after, /\\sin\(x\^\{3\}\)\^\{2\}/);
    });
  });

  describe('x + x²: the total derivative, and why the naive chain rule gives 2x (§4.5.2)', () => {
    both('x + x^2', 'x', SCALAR, (d) => {
      const pitfall = stepWith(d, 'naive-chain-rule');
      assert.equal(pitfall.s.kind, 'pitfall');
      assert.equal(pitfall.p.after, '\\frac{df}{dx} \\ne 2x');
      assert.equal(pitfall.s.claims[0].kind, 'differs');
      assert.match(pitfall.p.explanation, /directly/);
      const total = stepWith(d, 'total-derivative').p;
      assert.equal(total.before, '\\frac{df}{dx} = \\frac{\\partial f}{\\partial x} + \\frac{\\partial f}{\\partial u} \\frac{du}{dx}');
      assert.equal(total.after, '\\frac{df}{dx} = 1 + 1 \\cdot 2x = 1 + 2x');
      assert.ok(rules(d).indexOf('naive-chain-rule') < rules(d).indexOf('total-derivative'));
    });
  });

  describe('sin(x + x²): total derivative inside a chain (§4.5.2)', () => {
    both('sin(x + x^2)', 'x', SCALAR, (d) => {
      assert.equal(stepWith(d, 'intermediate-variables').p.after, 'u_{1} = x^{2},\\quad u_{2} = x + u_{1},\\quad f = \\sin(u_{2})');
      assert.equal(stepWith(d, 'total-derivative').p.after, '\\frac{du_{2}}{dx} = 1 + 1 \\cdot 2x = 1 + 2x');
      assert.equal(stepWith(d, 'chain-rule').p.after, '\\frac{df}{dx} = \\cos(u_{2}) \\cdot \\left(1 + 2x\\right) = \\cos(u_{2})(1 + 2x)');
      assert.equal(d.pub[d.pub.length - 1].after, '\\frac{df}{dx} = \\cos(x + x^{2})(1 + 2x)');
    });
  });

  describe('x·x²: the total-derivative formula always sums (§4.5.2)', () => {
    both('x*x^2', 'x', SCALAR, (d) => {
      assert.equal(stepWith(d, 'naive-chain-rule').p.after, '\\frac{df}{dx} \\ne 2x^{2}');
      assert.equal(stepWith(d, 'total-derivative').p.after, '\\frac{df}{dx} = u + x \\cdot 2x = u + 2x^{2}');
      assert.equal(stepWith(d, 'substitute').p.after, '\\frac{df}{dx} = x^{2} + 2x^{2}');
      assert.equal(d.pub[d.pub.length - 1].after, '\\frac{df}{dx} = 3x^{2}');
    });
  });

  for (const k of [3, 4]) {
    describe(`[ln(x²), sin(${k}x)]: the vector chain rule as a product of Jacobians (§4.5.3${k === 4 ? ', the blog' : ''})`, () => {
      both(`[log(x^2), sin(${k}*x)]`, 'x', SCALAR, (d) => {
        assert.equal(stepWith(d, 'intermediate-variables').p.after,
          `g_{1} = x^{2},\\quad g_{2} = ${k}x,\\quad \\mathbf{f} = \\begin{bmatrix} \\log(g_{1}) \\\\ \\sin(g_{2}) \\end{bmatrix}`);
        const fg = stepWith(d, 'elementwise-diagonal');
        assert.equal(fg.p.after, '\\frac{\\partial \\mathbf{f}}{\\partial \\mathbf{g}} = \\begin{bmatrix} \\frac{1}{g_{1}} & 0 \\\\ 0 & \\cos(g_{2}) \\end{bmatrix}');
        assert.deepEqual(fg.p.shapes, { '∂f/∂g': '2×2' });
        const gx = stepWith(d, 'vector-literal');
        assert.equal(gx.p.after, `\\frac{\\partial \\mathbf{g}}{\\partial x} = \\begin{bmatrix} 2x \\\\ ${k} \\end{bmatrix}`);
        assert.deepEqual(gx.p.shapes, { '∂g/∂x': '2×1' });
        const product = stepWith(d, 'vector-chain-rule').p;
        assert.equal(product.before, '\\frac{\\partial \\mathbf{f}}{\\partial x} = \\frac{\\partial \\mathbf{f}}{\\partial \\mathbf{g}} \\frac{\\partial \\mathbf{g}}{\\partial x}');
        assert.ok(hasMatrix(product.after, 2, 2) && hasMatrix(product.after, 2, 1), product.after);
        assert.equal(d.pub[d.pub.length - 1].after, `\\frac{\\partial \\mathbf{f}}{\\partial x} = \\begin{bmatrix} \\frac{2}{x} \\\\ ${k}\\cos(${k}x) \\end{bmatrix}`);
      });
    });
  }

  describe("the neuron max(0, w·x + b) with respect to w: 0ᵀ or xᵀ (§5)", () => {
    both("max(0, w'*x + b)", 'w', undefined, (d) => {
      if (d.steps.some((s) => s.rule === 'local-derivatives')) {
        assert.equal(stepWith(d, 'intermediate-variables').p.after, 'u = \\mathbf{w}^{\\top}\\mathbf{x} + b,\\quad f = \\max(0, u)');
      }
      const chain = stepWith(d, 'vector-chain-rule').p;
      assert.match(chain.after, /\\begin\{cases\} \\mathbf\{0\}\^\{\\top\} & u(_\{2\})? \\le 0 \\\\ \\mathbf\{x\}\^\{\\top\} & u(_\{2\})? > 0 \\end\{cases\}$/);
      const last = d.pub[d.pub.length - 1].after;
      assert.match(last, /\\begin\{cases\} \\mathbf\{0\}\^\{\\top\} & \\mathbf\{w\}\^\{\\top\}\\mathbf\{x\} \+ b \\le 0 \\\\ \\mathbf\{x\}\^\{\\top\} & \\mathbf\{w\}\^\{\\top\}\\mathbf\{x\} \+ b > 0 \\end\{cases\}$/);
    });
  });

  describe('the neuron with respect to b: 0 or 1 (§5)', () => {
    both("max(0, w'*x + b)", 'b', undefined, (d) => {
      const last = d.pub[d.pub.length - 1].after;
      assert.match(last, /\\begin\{cases\} 0 & \\mathbf\{w\}\^\{\\top\}\\mathbf\{x\} \+ b \\le 0 \\\\ 1 & \\mathbf\{w\}\^\{\\top\}\\mathbf\{x\} \+ b > 0 \\end\{cases\}$/);
    });
  });

  for (const act of ['max(0, X*w + b)', 'relu(X*w + b)']) {
    describe(`the loss mean((y − ${act})²) with respect to w (§6.1)`, () => {
      it('summary: u = Xw + b𝟏, v = max(0, u), z = y − v, f = mean(z²); local Jacobians; product; per-sample form', () => {
        const d = derivation({ expr: `mean((y - ${act}).^2)`, where: PAPER_BIAS, wrt: ['w'] }, 'summary');
        assertSound(d, act);
        assert.equal(stepWith(d, 'intermediate-variables').p.after,
          'u = X\\mathbf{w} + b\\mathbf{1},\\quad \\mathbf{v} = \\max(0, \\mathbf{u}),\\quad \\mathbf{z} = \\mathbf{y} - \\mathbf{v},\\quad f = \\operatorname{mean}(\\mathbf{z}^{\\circ 2})'
            .replace(/^u/, '\\mathbf{u}'));
        const local = stepWith(d, 'local-derivatives');
        assert.equal(local.p.name, 'Local Jacobians');
        assert.equal(local.p.after,
          '\\frac{\\partial \\mathbf{u}}{\\partial \\mathbf{w}} = X,\\quad \\frac{\\partial \\mathbf{v}}{\\partial \\mathbf{u}} = \\operatorname{diag}(\\mathbb{I}[\\mathbf{u} > 0]),\\quad ' +
          '\\frac{\\partial \\mathbf{z}}{\\partial \\mathbf{v}} = -I,\\quad \\frac{\\partial f}{\\partial \\mathbf{z}} = \\frac{2}{n}\\mathbf{z}^{\\top}');
        const chain = stepWith(d, 'vector-chain-rule').p;
        assert.equal(chain.before, '\\frac{\\partial f}{\\partial \\mathbf{w}} = \\frac{\\partial f}{\\partial \\mathbf{z}} \\frac{\\partial \\mathbf{z}}{\\partial \\mathbf{v}} \\frac{\\partial \\mathbf{v}}{\\partial \\mathbf{u}} \\frac{\\partial \\mathbf{u}}{\\partial \\mathbf{w}}');
        assert.deepEqual(chain.shapes, { '∂f/∂z': '1×n', '∂z/∂v': 'n×n', '∂v/∂u': 'n×n', '∂u/∂w': 'n×m' });
        const perSample = stepWith(d, 'per-sample');
        assert.equal(perSample.s.kind, 'note');
        assert.match(perSample.p.after, /= \\frac\{2\}\{n\}\\sum_\{i\\,:\\,\\mathbf\{x\}_\{i\}\^\{\\top\}\\mathbf\{w\} \+ b > 0\} e_\{i\}\\mathbf\{x\}_\{i\}\^\{\\top\},\\quad e_\{i\} = \\mathbf\{x\}_\{i\}\^\{\\top\}\\mathbf\{w\} \+ b - y_\{i\}$/);
        assert.match(perSample.p.explanation, /active/);
      });
      it('full', () => {
        const d = derivation({ expr: `mean((y - ${act}).^2)`, where: PAPER_BIAS, wrt: ['w'] }, 'full');
        assertSound(d, act);
        assert.ok(stepWith(d, 'intermediate-variables').s.claims.length >= 7);
      });
    });
    describe(`the loss mean((y − ${act})²) with respect to b (§6.2)`, () => {
      for (const g of ['summary', 'full'] as const) {
        it(g, () => {
          const d = derivation({ expr: `mean((y - ${act}).^2)`, where: PAPER_BIAS, wrt: ['b'] }, g);
          assertSound(d, act);
          const perSample = stepWith(d, 'per-sample').p;
          assert.match(perSample.after, /= \\frac\{2\}\{n\}\\sum_\{i\\,:\\,\\mathbf\{x\}_\{i\}\^\{\\top\}\\mathbf\{w\} \+ b > 0\} e_\{i\},\\quad e_\{i\} = /);
        });
      }
    });
  }

  describe('the public steps through derive()', () => {
    it('derive({steps}) returns the derivation with rule, name, reference, explanation, LaTeX and text', () => {
      const r = derive({ expr: 'sin(x^2)', where: SCALAR, wrt: ['x'], steps: true, granularity: 'summary' });
      assert.ok(r.ok);
      const steps = r.value.steps ?? [];
      assert.deepEqual(steps.map((s) => s.rule), ['intermediate-variables', 'local-derivatives', 'chain-rule', 'multiply-out', 'substitute']);
      assert.equal(steps[2].reference, 'Parr & Howard §4.5.1');
      assert.equal(steps[4].afterText, 'df/dx = 2x cos(x²)');
      assert.ok(steps[4].after.endsWith(r.value.result.latex));
      const none = derive({ expr: 'sin(x^2)', where: SCALAR, wrt: ['x'] });
      assert.ok(none.ok && none.value.steps === undefined);
    });
  });
});
