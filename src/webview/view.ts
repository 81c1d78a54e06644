/**
 * Writes a derivation (or an error) into the panel's static layout (panel/renderer.ts). Every piece
 * of text goes in through textContent or KaTeX; nothing is parsed as HTML.
 */
import type { PanelError, PanelModel, PanelStep } from '../shared/protocol';
import {
  altForms,
  checkBadge,
  errorHeading,
  errorMessage,
  errorSource,
  formNote,
  shownEquation,
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
} from '../shared/viewText';
import { overviewPicture, productPicture } from '../shared/shapePicture';
import { highlightFocus, renderMath } from './math';
import { drawSvg } from './picture';

export { format } from '../shared/viewText';
export type { Strings };

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`panel layout is missing #${id}`);
  return el as T;
}

/** The colour for the focus highlight, from the theme (a hex value, or a readable fallback). */
function focusColor(): string {
  const v = getComputedStyle(document.body).getPropertyValue('--vscode-editorWarning-foreground').trim();
  if (/^#[0-9a-fA-F]{3,8}$/.test(v)) return v;
  const cls = document.body.classList;
  if (cls.contains('vscode-high-contrast')) return cls.contains('vscode-high-contrast-light') ? '#7a3e00' : '#ffd700';
  return cls.contains('vscode-light') ? '#9a5b00' : '#e8a23a';
}

/** The empty page, as the host writes it with nothing to show: nothing of a derivation before is left. */
export function showPlaceholder(strings: Strings): void {
  byId('app').classList.add('empty');
  byId('placeholder').hidden = false;
  byId('derivation').hidden = true;
  byId('error').hidden = true;
  byId('check-badge').hidden = true;
  byId('title').textContent = strings.panelTitle ?? 'Matrix Calculus';
  byId('wrt-choice').hidden = true;
  byId<HTMLSelectElement>('wrt').replaceChildren();
}

/**
 * The "Differentiate by" choice: the expression's variables, the one shown (or, after a switch's
 * error, the one asked for) selected; hidden with fewer than two.
 */
function showWrtChoices(shown: PanelModel | PanelError, strings: Strings): void {
  const choices = wrtChoices(shown, strings);
  byId('wrt-choice').hidden = !choices;
  const select = byId<HTMLSelectElement>('wrt');
  const options = (choices ?? []).map((c) => {
    const o = document.createElement('option');
    o.value = c.value;
    o.textContent = c.label;
    o.selected = c.selected;
    o.disabled = c.disabled ?? false;
    return o;
  });
  const same =
    select.options.length === options.length &&
    options.every((o, i) => select.options[i].value === o.value && select.options[i].textContent === o.textContent && select.options[i].disabled === o.disabled);
  if (!same) select.replaceChildren(...options);
  const chosen = options.findIndex((o) => o.selected);
  select.selectedIndex = chosen;
}

export function showError(error: PanelError, strings: Strings): void {
  // A switch's error keeps the choice, so another variable can be chosen from it.
  showWrtChoices(error, strings);
  byId('app').classList.remove('empty');
  byId('placeholder').hidden = true;
  byId('derivation').hidden = true;
  byId('check-badge').hidden = true;
  byId('error').hidden = false;
  byId('title').textContent = strings.panelTitle ?? 'Matrix Calculus';
  byId('error-heading').textContent = errorHeading(error, strings);
  byId('error-message').textContent = errorMessage(error, strings);
  byId('error-source').textContent = errorSource(error);
}

export function showModel(model: PanelModel, strings: Strings): void {
  byId('app').classList.remove('empty');
  byId('placeholder').hidden = true;
  byId('error').hidden = true;
  byId('derivation').hidden = false;
  byId('title').textContent = model.title;
  showWrtChoices(model, strings);
  renderMath(byId('input'), model.inputLatex, true);
  byId('input-read').textContent = readAsLine(model, strings);
  byId('input-meta').textContent = inputMeta(model, strings);
  const assumed = assumedLine(model, strings);
  byId('input-assumed').hidden = !assumed;
  byId('input-assumed').textContent = assumed ?? '';
  renderMath(byId('equation'), shownEquation(model), true);
  const note = formNote(model, strings);
  byId('form-note').hidden = !note;
  byId('form-note').textContent = note ?? '';
  byId('result-meta').textContent = resultMeta(model, strings);
  const overview = overviewPicture(model, strings);
  byId('result-picture').replaceChildren(...(overview ? [drawSvg(overview)] : []));
  const alt = byId('alt-forms');
  const forms = altForms(model, strings);
  // Typeset again only when the forms changed (the host may have typeset them into the first HTML).
  const shown = alt.querySelectorAll<HTMLElement>(':scope > div.math');
  const noteOf = (m: HTMLElement): string | undefined => (m.nextElementSibling?.classList.contains('alt-note') ? (m.nextElementSibling.textContent ?? '') : undefined);
  const same =
    shown.length === forms.length &&
    forms.every((f, i) => shown[i].dataset.tex === f.tex && shown[i].previousElementSibling?.textContent === f.label && noteOf(shown[i]) === f.note);
  if (!same) {
    alt.replaceChildren();
    for (const { label, tex, note } of forms) {
      const p = document.createElement('p');
      p.className = 'meta';
      p.textContent = label;
      const m = document.createElement('div');
      m.className = 'math';
      renderMath(m, tex, true);
      alt.append(p, m);
      if (note) {
        const n = document.createElement('p');
        n.className = 'meta alt-note';
        n.textContent = note;
        alt.append(n);
      }
    }
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-layout]')) {
    b.setAttribute('aria-pressed', String(b.dataset.layout === model.layout));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-form]')) {
    b.setAttribute('aria-pressed', String(b.dataset.form === (model.form ?? 'matrix')));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-granularity]')) {
    b.setAttribute('aria-pressed', String(b.dataset.granularity === model.request.granularity));
  }
  const badge = byId('check-badge');
  const check = checkBadge(model, strings);
  badge.hidden = !check;
  if (check) {
    badge.className = check.className;
    badge.textContent = check.text;
    badge.title = check.title;
  }
}

/** Renders the step list: the current step expanded with its focus highlighted, or all expanded. */
/** `scroll`: bring the current step into view (after navigation, not when a derivation first shows). */
export function showSteps(model: PanelModel, current: number, showAll: boolean, strings: Strings, scroll: boolean): void {
  const list = byId<HTMLOListElement>('steps');
  const steps = model.steps;
  byId('no-steps').hidden = steps.length > 0;
  byId<HTMLInputElement>('show-all').checked = showAll;
  byId<HTMLButtonElement>('prev').disabled = current <= 0;
  byId<HTMLButtonElement>('next').disabled = current >= steps.length - 1;
  byId('position').textContent = stepPosition(current, steps.length, strings);
  // Items that already show their step as it should be (the host's first view, or the steps that do
  // not open or close on navigation) are kept and updated; the others are built anew.
  const existing = [...list.children];
  const items = steps.map((step, i) => {
    const expanded = showAll || i === current;
    const old = existing[i];
    if (old instanceof HTMLLIElement && showsStep(old, step, i, expanded, strings)) {
      updateItem(old, step, i === current);
      return old;
    }
    return stepItem(step, i, i === current, expanded, strings);
  });
  if (items.length !== existing.length || items.some((el, i) => el !== existing[i])) list.replaceChildren(...items);
  if (scroll) list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
}

/** Whether `li` is the item of `step` at `index`, open or closed as `expanded` says. */
function showsStep(li: HTMLLIElement, step: PanelStep, index: number, expanded: boolean, strings: Strings): boolean {
  if (li.dataset.index !== String(index) || li.querySelector('.name')?.textContent !== stepName(step, strings)) return false;
  const body = li.querySelector('.step-body');
  if (!body) return !expanded;
  return (
    expanded &&
    li.querySelector<HTMLElement>('.math.after')?.dataset.tex === step.after &&
    (li.querySelector('.explanation')?.textContent ?? '') === step.explanation &&
    li.querySelector('.meta.rule')?.textContent === stepRule(step)
  );
}

/** Marks a kept item current or not, and typesets its math again where that changes it (the focus highlight). */
function updateItem(li: HTMLLIElement, step: PanelStep, current: boolean): void {
  li.className = stepClass(step, current);
  if (current) li.setAttribute('aria-current', 'step');
  else li.removeAttribute('aria-current');
  const before = li.querySelector<HTMLElement>('.math.before');
  if (before) renderBefore(before, step, current);
  const focus = li.querySelector<HTMLElement>('.focus');
  if (focus && step.focus) renderMath(focus, step.focus, false);
}

/** A step's "before", with the focus highlighted in the current step. */
function renderBefore(el: HTMLElement, step: PanelStep, current: boolean): void {
  const highlighted = current ? highlightFocus(step.before, step.focus, focusColor()) : undefined;
  renderMath(el, highlighted ?? step.before, true);
  if (highlighted && el.querySelector('.katex-error')) renderMath(el, step.before, true);
}

function stepItem(step: PanelStep, index: number, current: boolean, expanded: boolean, strings: Strings): HTMLLIElement {
  const li = document.createElement('li');
  li.className = stepClass(step, current);
  li.dataset.index = String(index);
  if (current) li.setAttribute('aria-current', 'step');
  const head = document.createElement('button');
  head.type = 'button';
  head.className = 'step-head';
  head.dataset.step = String(index);
  head.setAttribute('aria-expanded', String(expanded));
  const num = document.createElement('span');
  num.className = 'num';
  num.textContent = String(index + 1);
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = stepName(step, strings);
  head.append(num, name);
  li.appendChild(head);
  if (!expanded) return li;

  const body = document.createElement('div');
  body.className = 'step-body';
  if (step.explanation) {
    const p = document.createElement('p');
    p.className = 'explanation';
    p.textContent = step.explanation;
    body.appendChild(p);
  }
  const before = document.createElement('div');
  before.className = 'math before';
  renderBefore(before, step, current);
  const arrow = document.createElement('div');
  arrow.className = 'arrow';
  arrow.setAttribute('aria-label', strings.becomes ?? 'becomes');
  arrow.textContent = '⇓';
  const after = document.createElement('div');
  after.className = 'math after';
  renderMath(after, step.after, true);
  body.append(before, arrow, after);
  const picture = step.product ? productPicture(step.product, strings) : undefined;
  if (picture) {
    const figure = document.createElement('div');
    figure.className = 'shape-figure';
    figure.appendChild(drawSvg(picture));
    body.appendChild(figure);
  }
  if (step.focus) {
    const f = document.createElement('p');
    f.className = 'focus-line';
    const label = document.createElement('span');
    label.textContent = `${strings.actingOn ?? 'Acting on'}: `;
    const m = document.createElement('span');
    m.className = 'focus';
    renderMath(m, step.focus, false);
    f.append(label, m);
    body.appendChild(f);
  }
  const shapes = stepShapes(step, strings);
  if (shapes) {
    const p = document.createElement('p');
    p.className = 'meta shapes';
    p.textContent = shapes;
    body.appendChild(p);
  }
  const ruleLine = document.createElement('p');
  ruleLine.className = 'meta rule';
  ruleLine.textContent = stepRule(step);
  body.appendChild(ruleLine);
  li.appendChild(body);
  return li;
}
