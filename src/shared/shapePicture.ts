/**
 * Shape pictures: a product of Jacobians drawn as a row of rectangles sized by their dimensions,
 * (1×n)·(n×n)·(n×m) = 1×m, like the shape diagrams of Parr & Howard and of Minka's notes, so the
 * reader sees why the product has the shape it has; and the derivative's overview: the function's
 * shape, the variable's, and the derivative's.
 *
 * Computed from the shapes the core reports (a step's `product`, the model's input/variable/result
 * shapes) as a tree of SVG elements (`SvgNode`): the page's script builds it with
 * createElementNS (src/webview/picture.ts), the host's first view writes it as markup
 * (extension/panel/prerender.ts). No colours here: the elements carry classes that panel.css colours
 * from the theme. Every picture has a text alternative (`<title>` and aria-label). Pure: no DOM,
 * no `vscode`.
 */
import type { PanelModel, PanelProduct } from './protocol';
import { format, type Strings } from './viewText';

/** An SVG element: tag, attributes (no style attributes: the page's CSP forbids them), text or children. */
export interface SvgNode {
  readonly tag: 'svg' | 'title' | 'g' | 'rect' | 'text';
  readonly attrs: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly children?: readonly SvgNode[];
}

/** One rectangle of a picture: its label (a name), its shape text ("n×1") and its role. */
export interface PictureItem {
  readonly name: string;
  readonly shape: string;
  readonly role: 'factor' | 'result' | 'input';
}

/** A dimension's drawn length, in units: numbers as they are (at most MAX_UNITS), symbols at fixed lengths. */
const UNIT = 12;
const MAX_UNITS = 8;
/** Symbolic dimensions, in order of first appearance in a picture: distinct, legible lengths. */
const SYMBOL_UNITS = [5, 3.5, 6.5, 4.5, 6, 3, 7, 5.5];
/** Estimated advance of a character of the 12px label font. */
const CHAR_WIDTH = 7.2;
const GAP = 22;
const PAD = 6;
const LABEL_LINE = 15;
/** More rectangles than this are not drawn (the shapes line still lists them). */
export const MAX_PICTURE_ITEMS = 12;

/** A shape text "rows×cols" → its two dimensions, or undefined when it is not one. */
export function parseShape(text: string): readonly [string, string] | undefined {
  const parts = text.split('×');
  return parts.length === 2 && parts.every((p) => /^[\p{L}\p{N}_·]{1,40}$/u.test(p)) ? [parts[0], parts[1]] : undefined;
}

/** Drawn length of each dimension: integers by size, each distinct symbol at its own fixed length. */
function dimensionLengths(dims: readonly string[]): Map<string, number> {
  const lengths = new Map<string, number>();
  let symbols = 0;
  for (const d of dims) {
    if (lengths.has(d)) continue;
    if (/^\d+$/.test(d)) lengths.set(d, Math.min(Math.max(Number(d), 1), MAX_UNITS) * UNIT);
    else lengths.set(d, SYMBOL_UNITS[symbols++ % SYMBOL_UNITS.length] * UNIT);
  }
  return lengths;
}

const textWidth = (s: string): number => [...s].length * CHAR_WIDTH;

/**
 * A row of rectangles with an operator between neighbours (`ops[i]` between item i and i + 1), or
 * undefined when a shape is not "rows×cols" or there are too many items to draw legibly.
 */
export function pictureSvg(items: readonly PictureItem[], ops: readonly string[], alt: string): SvgNode | undefined {
  if (items.length === 0 || items.length > MAX_PICTURE_ITEMS || ops.length !== items.length - 1) return undefined;
  const shapes = items.map((it) => parseShape(it.shape));
  if (shapes.some((s) => s === undefined)) return undefined;
  const dims = shapes as readonly (readonly [string, string])[];
  const length = dimensionLengths(dims.flat());
  const boxes = dims.map(([r, c]) => ({ w: length.get(c) as number, h: length.get(r) as number }));
  const tallest = Math.max(...boxes.map((b) => b.h));
  const mid = PAD + tallest / 2;
  const labelTop = PAD + tallest + LABEL_LINE;
  const children: SvgNode[] = [{ tag: 'title', attrs: {}, text: alt }];
  let x = PAD;
  items.forEach((it, i) => {
    const { w, h } = boxes[i];
    const column = Math.max(w, textWidth(it.name), textWidth(it.shape));
    const cx = x + column / 2;
    children.push({
      tag: 'g',
      attrs: { class: `item ${it.role}` },
      children: [
        { tag: 'rect', attrs: { x: num(cx - w / 2), y: num(mid - h / 2), width: num(w), height: num(h), rx: '1.5' } },
        { tag: 'text', attrs: { class: 'label', x: num(cx), y: num(labelTop), 'text-anchor': 'middle' }, text: it.name },
        { tag: 'text', attrs: { class: 'dims', x: num(cx), y: num(labelTop + LABEL_LINE), 'text-anchor': 'middle' }, text: it.shape },
      ],
    });
    x += column;
    if (i < ops.length) {
      const opWidth = Math.max(GAP, textWidth(ops[i]) + 10);
      children.push({ tag: 'text', attrs: { class: 'op', x: num(x + opWidth / 2), y: num(mid + 5), 'text-anchor': 'middle' }, text: ops[i] });
      x += opWidth;
    }
  });
  const width = x + PAD;
  const height = labelTop + LABEL_LINE + PAD;
  return {
    tag: 'svg',
    attrs: {
      class: 'shape-picture',
      role: 'img',
      'aria-label': alt,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width: num(width),
      height: num(height),
      xmlns: 'http://www.w3.org/2000/svg',
    },
    children,
  };
}

const num = (v: number): string => String(Math.round(v * 10) / 10);

/** A step's product of Jacobians: factors joined by ·, then = and the result. */
export function productPicture(product: PanelProduct, strings: Strings): SvgNode | undefined {
  const items: PictureItem[] = [...product.factors.map((f) => ({ ...f, role: 'factor' as const })), { ...product.result, role: 'result' }];
  const ops = [...product.factors.slice(1).map(() => '·'), '='];
  const alt = format(
    strings.productPicture ?? 'Shapes of the product: {0} gives {1}.',
    product.factors.map((f) => `${f.name} (${f.shape})`).join(` ${strings.times ?? 'times'} `),
    `${product.result.name} (${product.result.shape})`,
  );
  return pictureSvg(items, ops, alt);
}

/** The derivative's overview: the function's shape, the variable's, and the derivative's (one variable). */
export function overviewPicture(model: PanelModel, strings: Strings): SvgNode | undefined {
  if (model.wrt.length !== 1) return undefined;
  const w = model.wrt[0];
  // The function by the answer's one name for it (present/functionName.ts: L of `L = …`, p of softmax(z)).
  const f = model.functionName ?? 'f';
  const result = model.order === 2 ? `∂²${f}/∂${w}²` : `∂${f}/∂${w}`;
  const items: PictureItem[] = [
    { name: f, shape: model.inputShape, role: 'input' },
    { name: w, shape: model.wrtShape, role: 'input' },
    { name: result, shape: model.resultShape, role: 'result' },
  ];
  const alt = format(
    strings.overviewPicture ?? 'Shapes: {6} is {0}, {1} is {2}, so {3} is {4} ({5} layout).',
    model.inputShape,
    w,
    model.wrtShape,
    result,
    model.resultShape,
    strings[model.layout] ?? model.layout,
    f,
  );
  return pictureSvg(items, [strings.withRespectTo ?? 'w.r.t.', '→'], alt);
}
