/**
 * A text that states its derivative — ∂/∂w …, \nabla_x …, \frac{d}{dx} …, d/dx(…), ∂(…)/∂x, the
 * second-order \frac{\partial^2}{\partial x \partial x^\top} and \nabla^2_x — is answered as the
 * request it states: the same answer as the function alone by the operator's variable and order
 * (checked against finite differences), in derive, deriveForm, emitCode, checkClaim and variables.
 * A request contradicting the operator is an error; an error in the function is at its place in
 * the text; a bare name (∂f/∂x) and a declared d are not operators (the readers answer as before).
 */
import * as assert from 'node:assert/strict';
import { checkClaim, derive, deriveForm, emitCode, variables } from '../../../src/core/index';
import type { DeriveRequest } from '../../../src/core/api';
import { error, value } from '../notations/helpers';
import { derivativeSide } from '../../../src/core/proofread/derivative';

const WHERE = 'x: vector(n); w: vector(n); A: matrix(n, n); s: scalar';

/** [stated text, the function alone, its variable, its order]. */
const STATED: readonly [string, string, string, 1 | 2][] = [
  ['\\frac{\\partial}{\\partial \\mathbf{w}} \\|\\mathbf{w}\\|_1', '\\|\\mathbf{w}\\|_1', 'w', 1],
  ['\\nabla_{\\mathbf{x}} (\\mathbf{x}^\\top A \\mathbf{x})', '(\\mathbf{x}^\\top A \\mathbf{x})', 'x', 1],
  ['\\frac{d}{ds} \\sin(s^2)', '\\sin(s^2)', 's', 1],
  ['\\frac{\\mathrm{d}}{\\mathrm{d}s} e^{-s^2}', 'e^{-s^2}', 's', 1],
  ['\\frac{\\partial (x^\\top A x)}{\\partial x}', 'x^\\top A x', 'x', 1],
  ['\\frac{\\partial^2}{\\partial x \\partial x^\\top} x^\\top A x', 'x^\\top A x', 'x', 2],
  ['\\nabla^2_{\\mathbf{x}} \\log(1 + \\mathbf{w}^\\top \\mathbf{x} \\mathbf{x}^\\top \\mathbf{w})', '\\log(1 + \\mathbf{w}^\\top \\mathbf{x} \\mathbf{x}^\\top \\mathbf{w})', 'x', 2],
  ["d/dx(x'*A*x)", "(x'*A*x)", 'x', 1],
  ["d/dw(w'*x)^2", "(w'*x)^2", 'w', 1],
  ['∂/∂x (xᵀAx)', '(xᵀAx)', 'x', 1],
  ['∂(sin(s)·s)/∂s', '(sin(s)·s)', 's', 1],
  ['∇ₓ(xᵀAx + ‖x‖₂)', '(xᵀAx + ‖x‖₂)', 'x', 1],
];

describe('core: a text that states its derivative is answered as the request it states', () => {
  for (const [text, fn, wrt, order] of STATED) {
    it(`${text} = ∂${order === 2 ? '²' : ''}(${fn})/∂${wrt}${order === 2 ? '²' : ''}`, () => {
      for (const layout of ['numerator', 'denominator'] as const) {
        const stated = value(derive({ expr: text, where: WHERE, layout, check: true }), text);
        const alone = value(derive({ expr: fn, where: WHERE, wrt: [wrt], order, layout }), fn);
        assert.deepEqual(stated.wrt, [wrt]);
        assert.equal(stated.order, order);
        assert.equal(stated.input.text, alone.input.text);
        assert.equal(stated.result.text, alone.result.text);
        assert.ok(stated.check?.passed, `${stated.result.text}: max relative error ${stated.check?.maxRelError}`);
      }
    });
  }

  it('the proofreader says where the function starts in the text (derivativeSide .at), for every form', () => {
    for (const [text] of STATED) {
      const side = derivativeSide(`  ${text} `, text.startsWith('\\') ? 'latex' : 'plain');
      assert.ok(side, text);
      assert.equal(`  ${text} `.slice(side.at, side.at + side.fn.length), side.fn, text);
    }
  });

  it('the first-derivative commands (order 1) of a second-order operator answer its order, 2', () => {
    const r = value(derive({ expr: '\\nabla^2_x (x^\\top A x)', where: WHERE, order: 1 }), 'order 1');
    assert.equal(r.order, 2);
    assert.equal(r.result.text, "A + A'");
  });

  it('deriveForm, emitCode and checkClaim answer the stated request', () => {
    const req: DeriveRequest = { expr: '\\frac{\\partial}{\\partial x} x^\\top A x', where: WHERE };
    const alone: DeriveRequest = { expr: 'x^\\top A x', where: WHERE, wrt: ['x'], from: 'latex' };
    assert.equal(value(deriveForm(req, 'latex'), 'form'), value(deriveForm(alone, 'latex'), 'form alone'));
    assert.equal(value(emitCode(req, 'numpy'), 'emit'), value(emitCode(alone, 'numpy'), 'emit alone'));
    assert.equal(value(checkClaim({ ...req, claim: "x'*(A + A')" }), 'claim').verdict, 'correct');
    assert.equal(value(checkClaim({ ...req, claim: '2*A*x' }), 'claim').verdict, 'incorrect');
  });

  it('variables() of a stated derivative is the operator\'s variable alone; of \\nabla f, every variable', () => {
    assert.deepEqual(value(variables('\\frac{\\partial}{\\partial \\mathbf{w}} (\\mathbf{w}^\\top A \\mathbf{x})', WHERE), 'w').map((v) => v.name), ['w']);
    assert.deepEqual(value(variables('\\nabla (\\mathbf{w}^\\top A \\mathbf{x})', WHERE), 'all').map((v) => v.name), ['w', 'A', 'x']);
  });
});

describe('core: a stated derivative is never a guess', () => {
  it('a variable or an order asked for that contradicts the operator is an error at the operator', () => {
    const text = '\\frac{\\partial}{\\partial w} w^\\top x';
    let e = error(derive({ expr: text, where: WHERE, wrt: ['x'] }), 'wrt x');
    assert.equal(e.code, 'request.conflict');
    assert.equal(text.slice(e.start, e.end).trim(), '\\frac{\\partial}{\\partial w}');
    assert.match(e.message, /derivative by w, but x was asked for/);
    e = error(derive({ expr: text, where: WHERE, order: 2 }), 'order 2');
    assert.equal(e.code, 'request.conflict');
    assert.match(e.message, /first derivative \(by w\) and a second derivative was asked for/);
    // The same variable asked for is no conflict.
    assert.equal(value(derive({ expr: text, where: WHERE, wrt: ['w'] }), 'wrt w').result.text, "x'");
  });

  it('an error in the function is reported at its place in the text as written', () => {
    for (const text of ['\\frac{\\partial}{\\partial x} (x + )', '\\frac{\\partial (x + )}{\\partial x}', 'd/dx(x + )']) {
      const e = error(derive({ expr: text, where: WHERE }), text);
      assert.equal(text.slice(e.start, e.end), ')', `${text}: ${e.code} ${e.message} at ${e.start}–${e.end}`);
    }
  });

  it('an error in the declarations or the claim keeps its span there (fuzz: ∇+ with the declarations "+")', () => {
    for (const e of [error(variables('∇+', '+'), 'variables'), error(derive({ expr: '∇(x + 1)', where: '+' }), 'derive')]) {
      assert.equal(e.source, 'where');
      assert.deepEqual([e.start, e.end], [0, 1]);
    }
    const c = error(checkClaim({ expr: '\\frac{\\partial}{\\partial x} x^\\top x', where: WHERE, claim: '2*x +' }), 'claim');
    assert.equal(c.source, 'claim');
    assert.ok(c.end <= '2*x +'.length, `claim span ${c.start}–${c.end}`);
  });

  it('a bare name (∂f/∂x, \\nabla_x f) states no function: the readers refuse it as before', () => {
    for (const text of ['\\frac{\\partial f}{\\partial x}', '\\nabla_x f', 'd/dx f']) {
      const e = error(derive({ expr: text, where: WHERE }), text);
      assert.notEqual(e.code, 'request.conflict');
      assert.match(e.message, /select the function/);
    }
  });

  it('with d a declared variable, d/dx(…) is the quotient the readers read, not an operator', () => {
    const r = value(derive({ expr: 'd/dx(x*y)', where: 'd: scalar; x: scalar; y: scalar', wrt: ['y'] }), 'declared d');
    assert.match(r.input.text, /^d\//);
    assert.equal(r.wrt[0], 'y');
  });

  it('NumPy code has no such operators', () => {
    assert.equal(error(derive({ expr: 'd/dx(x)', where: 'x: scalar', from: 'numpy' }), 'numpy').code === 'request.conflict', false);
  });
});
