/**
 * The panel's first view, typeset on the host: the page's HTML then shows the derivation (or the
 * error) as soon as its style sheets and fonts are in, without waiting for its script, a `ready`
 * round trip and KaTeX in the page (issue 7: panel first paint). The script takes over when it
 * runs: it leaves math that already shows the right TeX (`data-tex`) as it is.
 *
 * Two things make this work under the page's strict CSP, which allows no style attributes:
 *   - KaTeX's `style="…"` attributes are moved into rules of one `<style>` element that carries the
 *     page's nonce (`[data-mc-s="3"]{height:0.69em !important}`: `!important` gives them the
 *     precedence an inline style has); a style outside a small, safe grammar means no prerendering;
 *   - the KaTeX fonts the view uses are preloaded (`<link rel="preload" as="font">`, allowed by
 *     font-src), so they load with the style sheets instead of after them.
 * Pure: the typesetter (KaTeX, in panelMath.ts) is passed in.
 */
import type { PanelContent } from './model';
import type { PanelModel, PanelStep, ResultForm } from '../../shared/protocol';
import { escapeHtml, svgMarkup } from './html';
import { overviewPicture, productPicture } from '../../shared/shapePicture';
import {
  altForms,
  formNote,
  shownEquation,
  checkBadge,
  errorHeading,
  errorMessage,
  errorSource,
  inputMeta,
  readAsLine,
  assumedLine,
  resultMeta,
  stepClass,
  stepName,
  stepPosition,
  stepRule,
  stepShapes,
  wrtChoices,
  type Strings,
  type WrtChoice,
} from '../../shared/viewText';

/** TeX → KaTeX HTML (with style attributes), or an error span; never throws. */
export type Typeset = (tex: string, display: boolean) => string;

/** The most TeX (characters) typeset on the host for one view; beyond it the page typesets it all. */
export const MAX_PRERENDER_TEX = 30_000;
/** Steps shown expanded ("Show all") beyond which the page typesets the steps itself. */
export const MAX_PRERENDER_STEPS = 8;

/** The attribute that replaces KaTeX's style attributes. */
export const STYLE_ATTRIBUTE = 'data-mc-s';

/** What the shell (renderer.ts) writes into the page for its first view. */
export interface FirstView {
  /** Rules for the typeset math (the hoisted style attributes), for a nonce'd <style>. */
  readonly css: string;
  /** The KaTeX font files (e.g. KaTeX_Main-Regular.woff2) the view uses: preloaded. */
  readonly fonts: readonly string[];
  /** The heading (text). */
  readonly title: string;
  /** An error: heading, message and source (text). */
  readonly error?: { readonly heading: string; readonly message: string; readonly source: string };
  readonly derivation?: FirstDerivation;
  /** The variables to differentiate by (text), of the derivation or of a switch's error; undefined: no choice shown. */
  readonly wrtChoices?: readonly WrtChoice[];
}

/** A derivation's first view: `…Html` fields are markup, all others text. */
export interface FirstDerivation {
  readonly inputHtml: string;
  readonly inputMeta: string;
  readonly readAs: string;
  readonly assumed?: string;
  readonly equationHtml: string;
  readonly resultMeta: string;
  /** The shapes of the function, the variable and the derivative, as an SVG picture (markup; empty: none). */
  readonly resultPictureHtml: string;
  readonly altFormsHtml: string;
  /** The form shown (matrix or index) and why the index form asked for is not there. */
  readonly form: ResultForm;
  readonly formNote?: string;
  readonly layout: string;
  readonly granularity: string;
  readonly badge?: { readonly className: string; readonly text: string; readonly title: string };
  readonly noSteps: boolean;
  readonly showAll: boolean;
  readonly prevDisabled: boolean;
  readonly nextDisabled: boolean;
  readonly position: string;
  /** The step list's items; undefined: left to the page (too many expanded steps). */
  readonly stepsHtml?: string;
}

/** Where the step navigation stands (a restored panel keeps its step and "Show all"). */
export interface StepView {
  readonly step: number;
  readonly showAll: boolean;
}

// ------------------------------------------------------------------------------ style rules

/** A declaration KaTeX writes: a property and a value of numbers, units, names, # colours, calc(). */
const DECLARATION = /^\s*([a-z-]{1,40})\s*:\s*([-+#.%\w ,()]{1,200}?)\s*$/;

/** Collects the distinct style attributes of typeset math as rules, one per distinct value. */
export class StyleRules {
  private readonly index = new Map<string, number>();
  private readonly rules: string[] = [];

  /** `html` with every `style="…"` attribute replaced by a rule reference; undefined if one is not safe. */
  hoist(html: string): string | undefined {
    let safe = true;
    const out = html.replace(/ style="([^"]*)"/g, (_m, value: string) => {
      const n = this.ruleFor(value);
      if (n === undefined) {
        safe = false;
        return '';
      }
      return ` ${STYLE_ATTRIBUTE}="${n}"`;
    });
    // Anything else that looks like a style attribute inside a tag: refuse rather than guess.
    if (!safe || /<[^>]*\sstyle\s*=/i.test(out)) return undefined;
    return out;
  }

  private ruleFor(value: string): number | undefined {
    const known = this.index.get(value);
    if (known !== undefined) return known;
    const declarations: string[] = [];
    for (const part of value.split(';')) {
      if (part.trim() === '') continue;
      const m = DECLARATION.exec(part);
      if (!m || [...m[2].matchAll(/([\w-]*)\(/g)].some((f) => f[1] !== 'calc')) return undefined;
      declarations.push(`${m[1]}:${m[2]} !important`);
    }
    const n = this.rules.length;
    this.index.set(value, n);
    this.rules.push(`[${STYLE_ATTRIBUTE}="${n}"]{${declarations.join(';')}}`);
    return n;
  }

  get css(): string {
    return this.rules.join('\n');
  }
}

// ----------------------------------------------------------------------------------- fonts

/** KaTeX's classes → the font files they draw with (from katex.min.css); KaTeX_Main-Regular always. */
const FONT_CLASSES: readonly (readonly [readonly string[], string])[] = [
  [['mathnormal'], 'KaTeX_Math-Italic'],
  [['boldsymbol'], 'KaTeX_Math-BoldItalic'],
  [['mathit'], 'KaTeX_Main-Italic'],
  [['textit'], 'KaTeX_Main-Italic'],
  [['mathbf'], 'KaTeX_Main-Bold'],
  [['textbf'], 'KaTeX_Main-Bold'],
  [['amsrm'], 'KaTeX_AMS-Regular'],
  [['mathbb'], 'KaTeX_AMS-Regular'],
  [['textbb'], 'KaTeX_AMS-Regular'],
  [['mathcal'], 'KaTeX_Caligraphic-Regular'],
  [['mathfrak'], 'KaTeX_Fraktur-Regular'],
  [['textfrak'], 'KaTeX_Fraktur-Regular'],
  [['mathboldfrak'], 'KaTeX_Fraktur-Bold'],
  [['textboldfrak'], 'KaTeX_Fraktur-Bold'],
  [['mathtt'], 'KaTeX_Typewriter-Regular'],
  [['texttt'], 'KaTeX_Typewriter-Regular'],
  [['mathscr'], 'KaTeX_Script-Regular'],
  [['textscr'], 'KaTeX_Script-Regular'],
  [['mathsf'], 'KaTeX_SansSerif-Regular'],
  [['textsf'], 'KaTeX_SansSerif-Regular'],
  [['mathboldsf'], 'KaTeX_SansSerif-Bold'],
  [['textboldsf'], 'KaTeX_SansSerif-Bold'],
  [['mathitsf'], 'KaTeX_SansSerif-Italic'],
  [['mathsfit'], 'KaTeX_SansSerif-Italic'],
  [['textitsf'], 'KaTeX_SansSerif-Italic'],
  [['delimsizing', 'size1'], 'KaTeX_Size1-Regular'],
  [['delimsizing', 'size2'], 'KaTeX_Size2-Regular'],
  [['delimsizing', 'size3'], 'KaTeX_Size3-Regular'],
  [['delimsizing', 'size4'], 'KaTeX_Size4-Regular'],
  [['delim-size1'], 'KaTeX_Size1-Regular'],
  [['delim-size4'], 'KaTeX_Size4-Regular'],
  [['op-symbol', 'small-op'], 'KaTeX_Size1-Regular'],
  [['op-symbol', 'large-op'], 'KaTeX_Size2-Regular'],
];

/** The woff2 files KaTeX HTML draws with, from its class attributes. */
export function katexFonts(html: string): string[] {
  const fonts = new Set<string>();
  if (html.includes('class="katex')) fonts.add('KaTeX_Main-Regular');
  const seen = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    const classes = new Set(m[1].split(' '));
    for (const [needs, font] of FONT_CLASSES) if (needs.every((c) => classes.has(c))) fonts.add(font);
  }
  return [...fonts].map((f) => `${f}.woff2`);
}

// ------------------------------------------------------------------------------- the view

class Typesetter {
  readonly rules = new StyleRules();
  private budget = MAX_PRERENDER_TEX;
  failed = false;

  constructor(private readonly typeset: Typeset) {}

  /** An element holding `tex` typeset, marked with the TeX it shows (the page's renderMath reads it). */
  element(tag: 'div' | 'span', attrs: string, tex: string, display: boolean): string {
    this.budget -= tex.length;
    if (this.budget < 0) this.failed = true;
    if (this.failed) return '';
    const html = this.rules.hoist(this.typeset(tex, display));
    if (html === undefined) {
      this.failed = true;
      return '';
    }
    return `<${tag}${attrs} data-tex="${escapeHtml(tex)}" data-display="${display}">${html}</${tag}>`;
  }
}

function stepHtml(step: PanelStep, index: number, current: boolean, expanded: boolean, strings: Strings, t: Typesetter): string {
  const head = `<button type="button" class="step-head" data-step="${index}" aria-expanded="${expanded}"><span class="num">${index + 1}</span><span class="name">${escapeHtml(stepName(step, strings))}</span></button>`;
  const open = `<li class="${escapeHtml(stepClass(step, current))}" data-index="${index}"${current ? ' aria-current="step"' : ''}>`;
  if (!expanded) return `${open}${head}</li>`;
  const parts: string[] = [];
  if (step.explanation) parts.push(`<p class="explanation">${escapeHtml(step.explanation)}</p>`);
  // The focus highlight takes the theme's colour, known in the page only: the page adds it.
  parts.push(t.element('div', ' class="math before"', step.before, true));
  parts.push(`<div class="arrow" aria-label="${escapeHtml(strings.becomes ?? 'becomes')}">⇓</div>`);
  parts.push(t.element('div', ' class="math after"', step.after, true));
  const picture = step.product ? productPicture(step.product, strings) : undefined;
  if (picture) parts.push(`<div class="shape-figure">${svgMarkup(picture)}</div>`);
  if (step.focus) {
    parts.push(`<p class="focus-line"><span>${escapeHtml(`${strings.actingOn ?? 'Acting on'}: `)}</span>${t.element('span', ' class="focus"', step.focus, false)}</p>`);
  }
  const shapes = stepShapes(step, strings);
  if (shapes) parts.push(`<p class="meta shapes">${escapeHtml(shapes)}</p>`);
  parts.push(`<p class="meta rule">${escapeHtml(stepRule(step))}</p>`);
  return `${open}${head}<div class="step-body">${parts.join('')}</div></li>`;
}

function derivationView(model: PanelModel, strings: Strings, at: StepView, t: Typesetter): FirstDerivation {
  const steps = model.steps;
  const count = steps.length;
  const current = count <= 0 || !Number.isInteger(at.step) ? 0 : Math.min(Math.max(at.step, 0), count - 1);
  const expanded = at.showAll ? count : Math.min(count, 1);
  const overview = overviewPicture(model, strings);
  return {
    inputHtml: t.element('div', ' id="input" class="math"', model.inputLatex, true),
    inputMeta: inputMeta(model, strings),
    readAs: readAsLine(model, strings),
    assumed: assumedLine(model, strings),
    equationHtml: t.element('div', ' id="equation" class="math result-math"', shownEquation(model), true),
    form: model.form ?? 'matrix',
    formNote: formNote(model, strings),
    resultMeta: resultMeta(model, strings),
    resultPictureHtml: overview ? svgMarkup(overview) : '',
    altFormsHtml: altForms(model, strings)
      .map((f) => `<p class="meta">${escapeHtml(f.label)}</p>${t.element('div', ' class="math"', f.tex, true)}${f.note ? `<p class="meta alt-note">${escapeHtml(f.note)}</p>` : ''}`)
      .join(''),
    layout: model.layout,
    granularity: model.request.granularity,
    badge: checkBadge(model, strings),
    noSteps: count === 0,
    showAll: at.showAll,
    prevDisabled: current <= 0,
    nextDisabled: current >= count - 1,
    position: stepPosition(current, count, strings),
    stepsHtml: expanded > MAX_PRERENDER_STEPS ? undefined : steps.map((s, i) => stepHtml(s, i, i === current, at.showAll || i === current, strings, t)).join(''),
  };
}

/**
 * The first view of `content`, or undefined when it cannot be prerendered (too much TeX, a style
 * KaTeX wrote that is not plainly safe, or anything thrown): the page then renders it all, as
 * before.
 */
export function firstView(content: PanelContent | undefined, strings: Strings, typeset: Typeset, at: StepView = { step: 0, showAll: false }): FirstView | undefined {
  if (!content) return undefined;
  try {
    if ('error' in content) {
      return {
        css: '',
        fonts: [],
        title: strings.panelTitle ?? 'Matrix Calculus',
        error: { heading: errorHeading(content.error, strings), message: errorMessage(content.error, strings), source: errorSource(content.error) },
        wrtChoices: wrtChoices(content.error, strings),
      };
    }
    const t = new Typesetter(typeset);
    const derivation = derivationView(content.model, strings, at, t);
    if (t.failed) return undefined;
    const html = [derivation.inputHtml, derivation.equationHtml, derivation.altFormsHtml, derivation.stepsHtml ?? ''].join('');
    return { css: t.rules.css, fonts: katexFonts(html), title: content.model.title, derivation, wrtChoices: wrtChoices(content.model, strings) };
  } catch {
    return undefined;
  }
}
