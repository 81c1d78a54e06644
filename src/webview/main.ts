/**
 * The derivation panel's script (bundled to dist/webview.js, added under a strict CSP with the
 * page's nonce by loader.ts once the page has painted). The esbuild IIFE keeps the VS Code API
 * object private. The page's HTML already shows
 * what the panel opened with (typeset by the host); the script then asks for the derivation
 * (`ready`), takes over (navigation, switches, buttons) and typesets what changes. The panel keeps
 * what it shows with setState so a reload (WebviewPanelSerializer) restores it.
 */
import type { HostToWebview, PanelState, WebviewToHost } from '../shared/protocol';
import { clampStep, keyAction, moveStep } from './navigation';
import { showError, showModel, showPlaceholder, showSteps, type Strings } from './view';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const strings: Strings = readStrings();
let state: PanelState = { step: 0, showAll: false, ...(restoredState() ?? {}) };

function readStrings(): Strings {
  try {
    const parsed: unknown = JSON.parse(document.body.dataset.strings ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

function restoredState(): PanelState | undefined {
  const s = vscode.getState();
  if (typeof s !== 'object' || s === null) return undefined;
  const o = s as Partial<PanelState>;
  return typeof o.step === 'number' && typeof o.showAll === 'boolean' ? (o as PanelState) : undefined;
}

function update(next: PanelState, scroll = false): void {
  state = next;
  vscode.setState(state);
  render(scroll);
}

function render(scroll = false): void {
  document.body.dataset.live = 'true';
  try {
    if (state.error) {
      showError(state.error, strings);
    } else if (state.model) {
      showModel(state.model, strings);
      showSteps(state.model, clampStep(state.step, state.model.steps.length), state.showAll, strings, scroll);
    } else {
      showPlaceholder(strings);
    }
  } catch {
    // A state this page cannot show (e.g. saved by an older version): start empty; the host
    // re-sends what it has on 'ready'.
    state = { step: 0, showAll: false };
    vscode.setState(state);
    showPlaceholder(strings);
  }
}

function onHostMessage(msg: HostToWebview): void {
  switch (msg.type) {
    case 'show': {
      const prev = state.model;
      const sameDerivation = prev !== undefined && prev.request.expr === msg.model.request.expr && prev.wrt.join() === msg.model.wrt.join();
      const step = sameDerivation ? state.step : 0;
      update({ ...state, model: msg.model, error: undefined, step: clampStep(step, msg.model.steps.length) });
      setBusy(false);
      break;
    }
    case 'error':
      update({ ...state, error: msg.error, model: undefined, step: 0 });
      setBusy(false);
      break;
  }
}

function setBusy(busy: boolean): void {
  const el = document.getElementById('busy');
  if (el) el.hidden = !busy;
}

function go(step: number): void {
  if (!state.model) return;
  update({ ...state, step: clampStep(step, state.model.steps.length) }, true);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') {
    onHostMessage(data as HostToWebview);
  }
});

document.addEventListener('keydown', (e) => {
  if (!state.model) return;
  const target = e.target instanceof HTMLElement ? e.target.tagName : '';
  const action = keyAction(e.key, target, e.altKey || e.ctrlKey || e.metaKey || e.shiftKey);
  if (!action) return;
  e.preventDefault();
  go(moveStep(state.step, action, state.model.steps.length));
});

document.addEventListener('click', (e) => {
  const el = e.target instanceof Element ? e.target.closest('button, input') : null;
  if (!(el instanceof HTMLElement)) return;
  if (el.id === 'prev' && state.model) go(moveStep(state.step, 'prev', state.model.steps.length));
  else if (el.id === 'next' && state.model) go(moveStep(state.step, 'next', state.model.steps.length));
  else if (el.id === 'show-all') update({ ...state, showAll: (el as HTMLInputElement).checked });
  else if (el.id === 'copy-latex') vscode.postMessage({ type: 'copy', format: 'latex' });
  else if (el.id === 'copy-numpy') vscode.postMessage({ type: 'copy', format: 'numpy' });
  else if (el.id === 'insert') vscode.postMessage({ type: 'insert' });
  else if (el.dataset.step !== undefined) go(Number(el.dataset.step));
  else if (el.dataset.layout === 'numerator' || el.dataset.layout === 'denominator' || el.dataset.layout === 'mixed') {
    setBusy(true);
    vscode.postMessage({ type: 'setLayout', layout: el.dataset.layout });
  } else if (el.dataset.form === 'matrix' || el.dataset.form === 'index') {
    setBusy(true);
    vscode.postMessage({ type: 'setForm', form: el.dataset.form });
  } else if (el.dataset.granularity === 'summary' || el.dataset.granularity === 'full') {
    setBusy(true);
    vscode.postMessage({ type: 'setGranularity', granularity: el.dataset.granularity });
  }
});

// The "Differentiate by" choice (a <select>: keys and screen readers as the platform has them).
document.addEventListener('change', (e) => {
  const el = e.target;
  // From a derivation, or from the error of a switch's derivation (which keeps the variables).
  if (!(el instanceof HTMLSelectElement) || el.id !== 'wrt' || el.value === '' || !(state.model || state.error?.variables)) return;
  setBusy(true);
  vscode.postMessage({ type: 'setWrt', wrt: el.value });
});

// A restored state is shown at once (the host has written the same into the page); otherwise the
// page keeps what the host wrote until the derivation arrives.
if (state.model || state.error) render();
vscode.postMessage({ type: 'ready' });
