/**
 * Names in the outputs (issue 15): one naming style per output — u1 in the text form, u₁ in Unicode,
 * u_{1} in LaTeX, names and expressions alike; no name for what is written as marks on a name (1/√d,
 * X⁻ᵀ); names never taken from the dimension names; a space between juxtaposed function calls in
 * Unicode (det(X) tr(X⁻¹ dX)).
 */
import * as assert from 'node:assert/strict';
import { derive, type DeriveRequest, type DeriveResult } from '../../../src/core/index';
import { panelModel } from '../../../src/extension/panel/model';
import { loadCorpus } from '../corpus/corpus.test';

function derived(req: DeriveRequest): DeriveResult {
  const r = derive({ steps: true, ...req });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

/** tanh(W_L … tanh(W_1 x)): more names than the pool of letters, so they are numbered. */
const deep = (layers: number): string => {
  let e = 'x';
  for (let i = 1; i <= layers; i++) e = `tanh(W${i}*${e})`;
  return `sum(${e})`;
};

/** An ASCII-indexed name (u1, W10) outside a word, in a Unicode or LaTeX output. */
const ASCII_INDEX = /(^|[^A-Za-z_\\])[A-Za-z][0-9]/;
const SUBSCRIPT = /[₀-₉]/;

describe('present: one naming style per output', () => {
  it('numbered names: u1 in text, u₁ in Unicode, \\mathbf{u}_{1} in LaTeX — the definitions’ names too (CLI line, panel)', () => {
    const d = derived({ expr: deep(10), wrt: ['W1'] });
    const named = d.result.named;
    assert.ok(named && named.definitions.length > 7, 'numbered names');
    const first = named.definitions[0];
    // The result names first, with or without steps; the steps call tanh(W₁x) as it does (present/answerNames.ts).
    assert.deepEqual([first.name, first.nameUnicode, first.nameLatex, first.unicode], ['u1', 'u₁', '\\mathbf{u}_{1}', 'tanh(W₁x)']);
    const text = [named.text, ...named.definitions.flatMap((x) => [x.name, x.text])].join(' ');
    const unicode = [named.unicode, ...named.definitions.flatMap((x) => [x.nameUnicode, x.unicode])].join(' ');
    const latex = panelModel(d, { expr: deep(10), from: 'auto', wrt: ['W1'], order: 1, layout: 'numerator', granularity: 'summary', check: false }).namedLatex ?? '';
    assert.ok(!SUBSCRIPT.test(text), text);
    assert.ok(!ASCII_INDEX.test(unicode), unicode);
    assert.ok(!ASCII_INDEX.test(latex.replace(/\\[A-Za-z]+/g, '')), latex);
    assert.match(latex, /\\mathbf\{u\}_\{1\} = \\tanh\(W_\{1\}\\mathbf\{x\}\)/);
  });

  it('over the corpus: no subscript digit in a text output, no ASCII index in a Unicode output (results, named forms, steps)', function () {
    this.timeout(60_000); // the whole corpus, derived with steps
    for (const c of loadCorpus()) {
      const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout, steps: true });
      if (!r.ok) continue;
      const v = r.value;
      const defs = v.result.named?.definitions ?? [];
      const text = [v.result.text, v.result.named?.text, ...defs.flatMap((x) => [x.name, x.text])].join(' ; ');
      const unicode = [v.result.unicode, v.result.named?.unicode, ...defs.flatMap((x) => [x.nameUnicode, x.unicode]), ...(v.steps ?? []).map((s) => s.afterText)].join(' ; ');
      assert.ok(!SUBSCRIPT.test(text), `${c.id}: ${text}`);
      assert.ok(!ASCII_INDEX.test(unicode), `${c.id}: ${unicode.match(/.{0,40}(^|[^A-Za-z_\\])[A-Za-z][0-9].{0,20}/)?.[0]}`);
    }
  });
});

describe('present: names only for what is worth one', () => {
  it('1/√d is written as such, never named: the attention score’s named form names only softmax', () => {
    // (sum(softmax(Qk/√d)) is the constant 1, whose derivative is 𝟎ᵀ: the score weighs values v.)
    const d = derived({ expr: "v'*softmax(Q*k/sqrt(d))", where: 'd: scalar', wrt: ['k'] });
    assert.deepEqual(d.result.named?.definitions.map((x) => [x.name, x.unicode]), [['p', 'softmax(Qk/√d)']]);
    assert.equal(d.result.named?.unicode, '(p ⊙ v − ppᵀv)ᵀQ/√d');
  });

  it('a matrix with marks on it (X⁻ᵀ, Xᵀ) is never named, in any corpus case', function () {
    this.timeout(60_000); // the whole corpus, derived with steps
    const marked = /^(?:[A-Za-z]\w*|inv\([A-Za-z]\w*\)|sqrt\([A-Za-z]\w*\))(?:'|\^-?\d+(?:\.\d+)?)*$/;
    for (const c of loadCorpus()) {
      const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout });
      if (!r.ok) continue;
      for (const x of r.value.result.named?.definitions ?? []) assert.ok(!marked.test(x.text), `${c.id}: ${x.name} = ${x.text}`);
    }
    const inverse = derived({ expr: 'det(X)', wrt: ['X'] });
    assert.equal(inverse.result.named, undefined, inverse.result.named?.unicode);
  });

  it('names avoid the dimension names: a shape n×q leaves q free', () => {
    const d = derived({ expr: 'sum(tanh(W4*tanh(W3*tanh(W2*tanh(W1*x + b1) + b2) + b3) + b4))', where: 'b1, b2, b3, b4: vector', wrt: ['W1'] });
    const dims = new Set(d.result.shape.split('×').concat(d.wrtShape.split('×')));
    assert.ok(dims.has('q'), `the letter conventions give ${d.result.shape}`);
    for (const x of d.result.named?.definitions ?? []) assert.ok(!dims.has(x.name), `${x.name} is a dimension of ${d.result.shape}`);
  });
});

describe('present: Unicode quotients inside products', () => {
  it('a quotient before another factor is bracketed: (2uᵀ/m) X, never 2uᵀ/mX (divided by mX)', () => {
    const d = derived({ expr: 'mean((X*w - y).^2)', wrt: ['w'], granularity: 'summary' });
    const texts = (d.steps ?? []).map((s) => s.afterText ?? '');
    assert.ok(texts.includes('∂f/∂w = (2uᵀ/m) X'), texts.join('\n'));
    assert.ok(texts.includes('∂f/∂w = (2(Xw − y)ᵀ/m)X'), texts.join('\n'));
    assert.ok(!texts.some((t) => /\/m ?X/.test(t)), texts.join('\n'));
  });
});

describe('present: Unicode spacing between function calls', () => {
  it('det(X) tr(X⁻¹ dX) in the differential of det, u₁ det(X) in a product', () => {
    const d = derived({ expr: 'det(X)', wrt: ['X'] });
    assert.ok((d.steps ?? []).some((s) => s.afterText === 'df = det(X) tr(X⁻¹ dX)'), (d.steps ?? []).map((s) => s.afterText).join('\n'));
    const p = derived({ expr: 'logdet(X)*det(X)', wrt: ['X'] });
    const texts = (p.steps ?? []).map((s) => s.afterText ?? '').join('\n');
    assert.match(texts, /u₁ det\(X\) tr\(X⁻¹ dX\)/);
    assert.doesNotMatch(texts, /\)[a-z]{2,}\(|[₀-₉ᵀ⁻¹][a-z]{2,}\(/);
  });
});
