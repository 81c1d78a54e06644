/**
 * Shape pictures (src/shared/shapePicture.ts): a product of Jacobians drawn as rectangles sized by
 * their dimensions, from the shapes the core reports. The seed's vector chain rule and the MSE loss
 * exactly; over the corpus, every product step has a picture in which neighbouring factors meet
 * (factor k's drawn width is factor k + 1's drawn height) and the result spans the first factor's
 * rows and the last factor's columns, so the picture shows why the product has its shape.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { derive, type DeriveRequest, type DeriveResult } from '../../../src/core/index';
import { panelModel } from '../../../src/extension/panel/model';
import { svgMarkup } from '../../../src/extension/panel/html';
import { firstView } from '../../../src/extension/panel/prerender';
import { isPanelModel, type PanelProduct, type PanelRequest } from '../../../src/shared/protocol';
import { overviewPicture, parseShape, pictureSvg, productPicture, type SvgNode } from '../../../src/shared/shapePicture';
import { loadCorpus } from '../corpus/corpus.test';

interface Box {
  readonly role: string;
  readonly name: string;
  readonly shape: string;
  readonly w: number;
  readonly h: number;
}

/** The picture's rectangles, in order, with their labels. */
function boxes(svg: SvgNode): Box[] {
  return (svg.children ?? [])
    .filter((c) => c.tag === 'g')
    .map((g) => {
      const [rect, name, shape] = g.children ?? [];
      return { role: g.attrs.class.replace('item ', ''), name: name.text ?? '', shape: shape.text ?? '', w: Number(rect.attrs.width), h: Number(rect.attrs.height) };
    });
}

const ops = (svg: SvgNode): string[] => (svg.children ?? []).filter((c) => c.attrs.class === 'op').map((c) => c.text ?? '');

function derived(req: DeriveRequest): DeriveResult {
  const r = derive({ steps: true, ...req });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

function productOf(d: DeriveResult, rule: string): PanelProduct {
  const step = (d.steps ?? []).find((s) => s.rule === rule);
  assert.ok(step?.product, `no ${rule} step with a product in ${(d.steps ?? []).map((s) => s.rule).join(', ')}`);
  return step.product;
}

const request = (expr: string, wrt: string): PanelRequest => ({ expr, from: 'auto', wrt: [wrt], order: 1, layout: 'numerator', granularity: 'summary', check: false });

describe('shape pictures', () => {
  it("the seed's vector chain rule [ln(x²), sin(3x)]: (2×2)·(2×1) = 2×1, a square, a column, a column", () => {
    const d = derived({ expr: '[log(x^2), sin(3*x)]', where: 'x: scalar', wrt: ['x'] });
    const product = productOf(d, 'vector-chain-rule');
    assert.deepEqual(product, { factors: [{ name: '∂f/∂g', shape: '2×2' }, { name: '∂g/∂x', shape: '2×1' }], result: { name: '∂f/∂x', shape: '2×1' } });
    const svg = productPicture(product, {});
    assert.ok(svg);
    assert.deepEqual(boxes(svg), [
      { role: 'factor', name: '∂f/∂g', shape: '2×2', w: 24, h: 24 },
      { role: 'factor', name: '∂g/∂x', shape: '2×1', w: 12, h: 24 },
      { role: 'result', name: '∂f/∂x', shape: '2×1', w: 12, h: 24 },
    ]);
    assert.deepEqual(ops(svg), ['·', '=']);
    assert.equal(svg.attrs.role, 'img');
    assert.equal(svg.attrs['aria-label'], 'Shapes of the product: ∂f/∂g (2×2) times ∂g/∂x (2×1) gives ∂f/∂x (2×1).');
    assert.deepEqual(svg.children?.[0], { tag: 'title', attrs: {}, text: svg.attrs['aria-label'] });
  });

  it('the MSE loss mean((Xw − y)²): (1×m)·(m×n) = 1×n, a row vector, a matrix, a row vector; the overview f (1×1), w (n×1), ∂f/∂w (1×n)', () => {
    const d = derived({ expr: 'mean((X*w - y).^2)', wrt: ['w'], granularity: 'summary' });
    const product = productOf(d, 'vector-chain-rule');
    const svg = productPicture(product, {});
    assert.ok(svg);
    const [row, matrix, result] = boxes(svg);
    assert.deepEqual([row.shape, matrix.shape, result.shape], ['1×m', 'm×n', '1×n']);
    assert.ok(row.h === 12 && row.w > 24, 'a row vector is a thin, wide bar');
    assert.ok(matrix.h === row.w && matrix.w !== matrix.h, 'm and n are drawn at different fixed lengths; the inner m meets');
    assert.deepEqual([result.w, result.h], [matrix.w, row.h]);
    const model = panelModel(d, request('mean((X*w - y).^2)', 'w'));
    const overview = overviewPicture(model, {});
    assert.ok(overview);
    assert.deepEqual(boxes(overview).map((b) => [b.role, b.name, b.shape]), [['input', 'f', '1×1'], ['input', 'w', 'n×1'], ['result', '∂f/∂w', '1×n']]);
    assert.equal(overview.attrs['aria-label'], 'Shapes: f is 1×1, w is n×1, so ∂f/∂w is 1×n (numerator layout).');
  });

  it('the overview calls the function by the answer\'s name: L = mean((Xw − y)²) is L (1×1), ∂L/∂w (1×n); softmax(z) is p', () => {
    for (const [expr, name, shape] of [['L = mean((X*w - y).^2)', 'L', '1×1'], ['softmax(W*w)', 'p', 'm×1']] as const) {
      const d = derived({ expr, wrt: ['w'], granularity: 'summary' });
      assert.equal(d.input.name.unicode, name);
      const overview = overviewPicture(panelModel(d, request(expr, 'w')), {});
      assert.ok(overview);
      const [f, w, result] = boxes(overview).map((b) => [b.role, b.name, b.shape]);
      assert.deepEqual([f, w[1], result[1]], [['input', name, shape], 'w', `∂${name}/∂w`]);
      assert.equal(overview.attrs['aria-label'], `Shapes: ${name} is ${shape}, w is n×1, so ∂${name}/∂w is ${result[2]} (numerator layout).`);
    }
  });

  it('the full chain of the seed’s §6.1 loss: seven factors, every inner dimension meets', () => {
    const d = derived({ expr: 'mean((y - max(0, X*w + b)).^2)', where: 'b: scalar', wrt: ['w'], granularity: 'full' });
    const svg = productPicture(productOf(d, 'vector-chain-rule'), {});
    assert.ok(svg);
    const b = boxes(svg);
    assert.equal(b.length, 8);
    assert.deepEqual(ops(svg), ['·', '·', '·', '·', '·', '·', '=']);
  });

  it('over the corpus: every product step is drawn, neighbours meet and the result spans the outer dimensions', function () {
    this.timeout(60_000); // the whole corpus, derived with steps
    let drawn = 0;
    for (const c of loadCorpus()) {
      for (const g of ['summary', 'full'] as const) {
        const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout, steps: true, granularity: g });
        if (!r.ok) continue;
        for (const step of r.value.steps ?? []) {
          if (!step.product) continue;
          const svg = productPicture(step.product, {});
          assert.ok(svg, `${c.id}: ${step.name} has no picture`);
          drawn++;
          const b = boxes(svg);
          const factors = b.slice(0, -1);
          const result = b[b.length - 1];
          // A 1×1 factor is a scalar multiple: it does not take part in the shape arithmetic.
          const matrices = factors.filter((f) => f.shape !== '1×1');
          for (let k = 0; k + 1 < matrices.length; k++) {
            assert.equal(parseShape(matrices[k].shape)?.[1], parseShape(matrices[k + 1].shape)?.[0], `${c.id}: ${step.name}: ${matrices.map((f) => f.shape).join('·')}`);
            assert.equal(matrices[k].w, matrices[k + 1].h, `${c.id}: drawn inner dimension`);
          }
          if (matrices.length > 0) assert.deepEqual([result.h, result.w], [matrices[0].h, matrices[matrices.length - 1].w], `${c.id}: ${step.name}`);
        }
      }
    }
    assert.ok(drawn >= 20, `${drawn} product steps drawn`);
  });

  it('a shape that is not rows×cols, or too many items, gives no picture (the shapes line still lists them)', () => {
    assert.deepEqual(parseShape('n×1'), ['n', '1']);
    assert.deepEqual(parseShape('mn×1'), ['mn', '1']);
    assert.equal(parseShape('n'), undefined);
    assert.equal(parseShape('<b>×1'), undefined);
    assert.equal(pictureSvg([{ name: 'a', shape: 'n×n×n', role: 'factor' }], [], 'alt'), undefined);
    const many = Array.from({ length: 13 }, () => ({ name: 'a', shape: 'n×n', role: 'factor' as const }));
    assert.equal(pictureSvg(many, many.slice(1).map(() => '·'), 'alt'), undefined);
  });

  it('host markup escapes every name; the first view draws the step’s and the overview’s pictures; the protocol checks a product', () => {
    const hostile = pictureSvg([{ name: '<img src=x onerror=alert(1)>', shape: 'n×1', role: 'factor' }], [], 'a "quoted" <alt>');
    assert.ok(hostile);
    const markup = svgMarkup(hostile);
    assert.ok(!markup.includes('<img'), markup);
    assert.match(markup, /aria-label="a &quot;quoted&quot; &lt;alt&gt;"/);
    assert.ok(!/style=/.test(markup));

    const d = derived({ expr: 'mean((X*w - y).^2)', wrt: ['w'], granularity: 'summary' });
    const model = panelModel(d, request('mean((X*w - y).^2)', 'w'));
    assert.ok(isPanelModel(model));
    const chainAt = model.steps.findIndex((s) => s.product);
    const view = firstView({ model }, {}, (tex) => `<span class="katex">${tex}</span>`, { step: chainAt, showAll: false });
    assert.match(view?.derivation?.stepsHtml ?? '', /<div class="shape-figure"><svg class="shape-picture" role="img" aria-label="Shapes of the product: ∂f\/∂u \(1×m\) times ∂u\/∂w \(m×n\) gives ∂f\/∂w \(1×n\)\."/);
    assert.match(view?.derivation?.resultPictureHtml ?? '', /^<svg class="shape-picture"/);
    const bad = { ...model, steps: model.steps.map((s) => (s.product ? { ...s, product: { factors: [{ name: 'a' }], result: s.product.result } } : s)) };
    assert.equal(isPanelModel(bad), false);
  });
});
