/**
 * Readability (issue 15): each of the examples, and every corpus case that states its
 * textbook form (`expect`), is printed within a small token budget of that form — and the form is
 * the same derivative (compared numerically, so the budget cannot be met by a shorter wrong
 * answer). No corpus output writes `count(` or `-1*` in any granularity or layout (the default run:
 * test/unit/corpus/sizes.test.ts).
 */
import * as assert from 'node:assert/strict';
import { checkEquality, derive, namedForms, type DeriveRequest, type Layout } from '../../../src/core/index';
import { loadCorpus } from '../corpus/corpus.test';

/** Tokens of the plain syntax: names, numbers, and each other non-space character. */
export const tokens = (text: string): string[] => text.match(/[A-Za-z_]\w*|\d+(?:\.\d+)?|\S/g) ?? [];

/** How many tokens longer than its textbook form a printed result may be. */
const BUDGET = 2;

function assertReadable(req: DeriveRequest, textbook: string, label: string): void {
  const r = derive({ ...req, check: true });
  assert.ok(r.ok, r.ok ? '' : `${label}: ${r.error.message}`);
  assert.notEqual(r.value.check?.passed, false, `${label}: the derivative fails its numerical check`);
  const printed = r.value.result.text;
  assert.ok(equalForms(printed, textbook, req.where), `${label}: ${printed} is not ${textbook}`);
  const over = tokens(printed).length - tokens(textbook).length;
  assert.ok(over <= BUDGET, `${label}: ${printed} is ${over} tokens longer than ${textbook}`);
}

/** Does `printed` equal `textbook` at random points? (for the examples, whose textbook form we write here) */
function equalForms(printed: string, textbook: string, where?: string): boolean {
  const r = checkEquality({ left: printed, right: textbook, where });
  return r.ok && r.value.verdict === 'correct';
}

const EXAMPLES: readonly { readonly label: string; readonly req: DeriveRequest; readonly textbook: string }[] = [
  { label: '∂ logdet(XᵀX)/∂X = 2(XᵀX)⁻¹Xᵀ', req: { expr: "logdet(X'*X)", where: 'X: matrix(m, n)', wrt: ['X'] }, textbook: "2*inv(X'*X)*X'" },
  { label: '∂xˣ/∂x = xˣ(1 + log x)', req: { expr: 'x^x', where: 'x: scalar', wrt: ['x'] }, textbook: 'x^x*(1 + log(x))' },
  { label: 'xᵀAx at full granularity: xᵀ(A + Aᵀ)', req: { expr: "x'*A*x", wrt: ['x'], granularity: 'full' }, textbook: "x'*(A + A')" },
  { label: 'the MSE: 2/N, not 2/count(N, 1)', req: { expr: 'sum((X*w - y).^2)/N', where: 'X: matrix(N, n)', wrt: ['w'] }, textbook: "2/N*(X*w - y)'*X" },
  { label: 'the mean of squares: 2/m', req: { expr: 'mean((X*w - y).^2)', wrt: ['w'] }, textbook: "2*(X*w - y)'*X/m" },
  {
    label: 'softmax cross-entropy over a batch: Xᵀ(P − Y)/N',
    req: { expr: '-sum(Y .* logsoftmax(X*W, 2))/N', where: 'X: matrix(N, n); Y: matrix(N, k); W: matrix(n, k)', wrt: ['W'], layout: 'denominator' },
    textbook: "X'*(diag(Y*ones(k))*softmax(X*W, 2) - Y)/N",
  },
];

describe('present: readable results within a token budget of the textbook form', () => {
  it('tokens: names, numbers and symbols', () => {
    assert.deepEqual(tokens("2*inv(X'*X)*X'"), ['2', '*', 'inv', '(', 'X', "'", '*', 'X', ')', '*', 'X', "'"]);
    assert.deepEqual(tokens('x1 + 0.5'), ['x1', '+', '0.5']);
  });

  for (const { label, req, textbook } of EXAMPLES) it(label, () => assertReadable(req, textbook, label));

  it('a textbook form that differs is caught (the comparison is not vacuous)', () => {
    assert.equal(equalForms("2*inv(X'*X)*X'", "inv(X'*X)*X'", 'X: matrix(m, n)'), false);
    assert.equal(equalForms("2*inv(X'*X)*X'", "2*X*inv(X'*X)", 'X: matrix(n, n)'), false);
    assert.equal(equalForms('x^x*(1 + log(x))', 'x^x*log(x) + x^x', 'x: scalar'), true);
  });

  it('the row layer norm is short: no count(, no -1*, its named form under 250 characters (it was ~300 with count(n, 1)^-1)', () => {
    const c = loadCorpus().find((k) => k.id === 'ax-layernorm');
    assert.ok(c, 'the layer-norm corpus case');
    const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, layout: c.layout });
    assert.ok(r.ok);
    const text = r.value.result.text;
    assert.ok(!text.includes('count(') && !/(?<!\^)-1\*/.test(text), text);
    // The result written in full repeats the centred rows X(I − 𝟏𝟏ᵀ/n) three times; the named form
    // (… where u = I − 𝟏𝟏ᵀ/n, v = Xu, q = √(…)) is the short one the panel and the CLI show beside it.
    assert.ok(r.value.result.named, 'a named form');
    const named = namedForms(r.value.result.named).text;
    assert.ok(named.length < 250, `${named.length} characters: ${named}`);
  });

  describe('every corpus case with a textbook form', () => {
    for (const c of loadCorpus().filter((k) => k.expect !== undefined)) {
      it(`${c.id}`, () => assertReadable({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout }, c.expect as string, c.id));
    }
  });
});

describe('present: no corpus output writes count( or -1*, in either granularity and every layout', () => {
  const layouts: readonly Layout[] = ['numerator', 'denominator', 'mixed'];
  for (const c of loadCorpus()) {
    it(`${c.id}`, () => {
      for (const granularity of ['summary', 'full'] as const) {
        for (const layout of layouts) {
          const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout, steps: true, granularity });
          if (!r.ok) continue;
          const all = JSON.stringify(r.value);
          for (const bad of ['count(', '-1*']) {
            const at = all.indexOf(bad);
            assert.ok(at < 0, `${c.id} (${granularity}, ${layout}): ${bad} in …${all.slice(Math.max(0, at - 80), at + 40)}…`);
          }
        }
      }
    });
  }
});
