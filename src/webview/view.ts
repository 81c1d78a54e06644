/**
 * Writes a derivation (or an error) into the panel's static layout (panel/renderer.ts). Every piece
 * of text goes in through textContent or KaTeX; nothing is parsed as HTML.
 */
import type { PanelError, PanelModel, PanelStep } from '../extension/panel/protocol';
import { highlightFocus, renderMath } from './math';

export type Strings = Readonly<Record<string, string>>;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`panel layout is missing #${id}`);
  return el as T;
}

/** `{0}`-style placeholders, as vscode.l10n uses. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

/** The colour for the focus highlight, from the theme (a hex value, or a readable fallback). */
function focusColor(): string {
  const v = getComputedStyle(document.body).getPropertyValue('--vscode-editorWarning-foreground').trim();
  if (/^#[0-9a-fA-F]{3,8}$/.test(v)) return v;
  const cls = document.body.classList;
  if (cls.contains('vscode-high-contrast')) return cls.contains('vscode-high-contrast-light') ? '#7a3e00' : '#ffd700';
  return cls.contains('vscode-light') ? '#9a5b00' : '#e8a23a';
}

export function showPlaceholder(): void {
  byId('app').classList.add('empty');
  byId('placeholder').hidden = false;
  byId('derivation').hidden = true;
  byId('error').hidden = true;
  byId('check-badge').hidden = true;
}

export function showError(error: PanelError, strings: Strings): void {
  byId('app').classList.remove('empty');
  byId('placeholder').hidden = true;
  byId('derivation').hidden = true;
  byId('check-badge').hidden = true;
  byId('error').hidden = false;
  byId('title').textContent = strings.panelTitle ?? 'Matrix Calculus';
  byId('error-message').textContent =
    error.column === undefined ? error.message : format(strings.errorAt ?? '{0} (column {1})', error.message, error.column);
  const source = byId('error-source');
  source.replaceChildren();
  const expr = error.expr.length > 2000 ? error.expr.slice(0, 2000) + '…' : error.expr;
  const wholeExpression = error.column === 1 && (error.length ?? 0) >= expr.length;
  if (error.column !== undefined && !wholeExpression && error.column - 1 <= expr.length && !expr.includes('\n')) {
    // the expression with a caret line under the offending span
    const caret = ' '.repeat(error.column - 1) + '^'.repeat(Math.max(1, Math.min(error.length ?? 1, expr.length - error.column + 1)));
    source.textContent = `${expr}\n${caret}`;
  } else {
    source.textContent = expr;
  }
}

export function showModel(model: PanelModel, strings: Strings): void {
  byId('app').classList.remove('empty');
  byId('placeholder').hidden = true;
  byId('error').hidden = true;
  byId('derivation').hidden = false;
  byId('title').textContent = model.title;
  renderMath(byId('input'), model.inputLatex, true);
  byId('input-meta').textContent = format(strings.inputMeta ?? 'shape {0}', model.inputShape);
  renderMath(byId('equation'), model.equationLatex, true);
  byId('result-meta').textContent = format(
    strings.resultMeta ?? '{0} layout · shape {1} · w.r.t. {2} ({3})',
    strings[model.layout] ?? model.layout,
    model.resultShape,
    model.wrt.join(', '),
    model.wrtShape,
  );
  const alt = byId('alt-forms');
  alt.replaceChildren();
  for (const [label, tex] of [
    [strings.piecewise ?? 'Piecewise', model.piecewiseLatex],
    [strings.named ?? 'Named', model.namedLatex],
  ] as const) {
    if (!tex) continue;
    const p = document.createElement('p');
    p.className = 'meta';
    p.textContent = `${label}:`;
    const m = document.createElement('div');
    m.className = 'math';
    renderMath(m, tex, true);
    alt.append(p, m);
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-layout]')) {
    b.setAttribute('aria-pressed', String(b.dataset.layout === model.layout));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-granularity]')) {
    b.setAttribute('aria-pressed', String(b.dataset.granularity === model.request.granularity));
  }
  const badge = byId('check-badge');
  if (model.check) {
    badge.hidden = false;
    badge.className = `badge ${model.check.passed ? 'pass' : 'fail'}`;
    badge.textContent = format(
      model.check.passed ? (strings.checkPassed ?? '✓ {0} · {1} samples') : (strings.checkFailed ?? '✗ {0} · {1} samples'),
      model.check.maxRelError.toExponential(1),
      model.check.samples,
    );
    badge.title = strings.checkTitle ?? '';
  } else {
    badge.hidden = true;
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
  byId('position').textContent = steps.length === 0 ? '' : format(strings.position ?? 'Step {0} of {1}', current + 1, steps.length);
  list.replaceChildren(...steps.map((step, i) => stepItem(step, i, i === current, showAll || i === current, strings)));
  if (scroll) list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
}

function stepItem(step: PanelStep, index: number, current: boolean, expanded: boolean, strings: Strings): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `step${current ? ' current' : ''}${step.kind ? ` kind-${step.kind}` : ''}`;
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
  name.textContent = step.kind === 'pitfall' ? `${strings.pitfall ?? 'Pitfall'}: ${step.name}` : step.name;
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
  const highlighted = current ? highlightFocus(step.before, step.focus, focusColor()) : undefined;
  renderMath(before, highlighted ?? step.before, true);
  if (highlighted && before.querySelector('.katex-error')) renderMath(before, step.before, true);
  const arrow = document.createElement('div');
  arrow.className = 'arrow';
  arrow.setAttribute('aria-label', strings.becomes ?? 'becomes');
  arrow.textContent = '⇓';
  const after = document.createElement('div');
  after.className = 'math after';
  renderMath(after, step.after, true);
  body.append(before, arrow, after);
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
  if (step.shapes.length > 0) {
    const p = document.createElement('p');
    p.className = 'meta shapes';
    p.textContent = `${strings.shapes ?? 'Shapes'}: ${step.shapes.map(([k, v]) => `${k}: ${v}`).join(', ')}`;
    body.appendChild(p);
  }
  const ruleLine = document.createElement('p');
  ruleLine.className = 'meta rule';
  ruleLine.textContent = step.reference ? `${step.rule} — ${step.reference}` : step.rule;
  body.appendChild(ruleLine);
  li.appendChild(body);
  return li;
}
