/**
 * Proofreading: every `=` of every equation chain of a Markdown, LaTeX or `.matcalc` document is
 * checked like `check` (chains.ts finds them). A side that is a derivative (derivative.ts) is
 * replaced by the true derivative in the layout the document declares, the other side being the
 * claim; otherwise the two sides must be equal as functions, the left taken as the truth.
 * Declarations written earlier in the document apply; names defined earlier (`f = …` introducing a
 * new name, `f(x) = …`, `:=`, `\coloneqq`) are recorded, not checked, and substituted later. Math
 * that cannot be read is skipped with the reader's reason — never guessed.
 */
import type { CheckResult, Diagnosis, Layout, Outcome, Rendered } from '../api';
import { checkClaim } from '../check/index';
import { checkEquality } from '../check/equality';
import { derive } from '../service';
import { declaredNames, mergeWhere, scanDeclarations } from '../../shared/document/declarations';
import type { DocumentKind } from '../../shared/document/kind';
import { layoutsOf } from '../../shared/document/layout';
import { findChains, type Chain, type Side } from './chains';
import { derivativeSide, variableName, type DerivativeSide } from './derivative';

export interface ProofreadFinding {
  readonly status: 'ok' | 'wrong' | 'skipped';
  /** 1-based line and column where the right side begins. */
  readonly line: number;
  readonly column: number;
  /** The right side's span in the document. */
  readonly start: number;
  readonly end: number;
  readonly left: string;
  readonly right: string;
  /** "ok", the diagnosis (kind: detail) or the reason for skipping. */
  readonly message: string;
  readonly diagnosis?: Diagnosis;
  /** The truth the right side was compared with. */
  readonly expected?: Rendered;
  readonly method?: CheckResult['method'];
  /** A wrong derivative claim: the text that replaces it (the correct derivative, in the document's notation). */
  readonly fix?: { readonly start: number; readonly end: number; readonly text: string };
}

export interface ProofreadResult {
  readonly findings: readonly ProofreadFinding[];
  readonly ok: number;
  readonly wrong: number;
  readonly skipped: number;
}

export interface ProofreadOptions {
  readonly kind: Extract<DocumentKind, 'markdown' | 'latex' | 'matcalc'>;
  /** Per equality (default 2000 ms). */
  readonly timeLimitMs?: number;
  /** Stop early (the editor cancels a stale run): checked between equalities. */
  readonly cancelled?: () => boolean;
  /**
   * Verdicts of earlier runs, keyed by the step's text and context (sides, declarations, layout,
   * definitions): an editor re-proofreading as the user types checks only the steps that changed.
   */
  readonly cache?: StepCache;
}

/** A step's finding and where its sides stood, for reuse at another position. */
export interface CachedStep {
  readonly finding: ProofreadFinding;
  readonly leftStart: number;
}

export interface StepCache {
  get(key: string): CachedStep | undefined;
  set(key: string, value: CachedStep): void;
}

/** A cached finding moved to where its sides stand now. */
function moved(cached: CachedStep, left: Side, right: Side, starts: readonly number[]): ProofreadFinding {
  const f = cached.finding;
  const dRight = right.start - f.start;
  const dLeft = left.start - cached.leftStart;
  const fix = f.fix ? { ...f.fix, ...(f.fix.start === f.start ? { start: f.fix.start + dRight, end: f.fix.end + dRight } : { start: f.fix.start + dLeft, end: f.fix.end + dLeft }) } : undefined;
  return { ...f, ...position(starts, right.start), start: right.start, end: right.end, ...(fix ? { fix } : {}) };
}

interface Definition {
  readonly name: string;
  /** The definition's arguments (`f(x) = …`): the variables of a `\nabla f`. */
  readonly args: readonly string[];
  readonly body: string;
}

const NAME = String.raw`(?:\\[A-Za-z]+|[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)`;
const DEFINED = new RegExp(String.raw`^(${NAME})\s*(?:(?:\\left)?\(\s*([^()]*?)\s*(?:\\right)?\))?$`);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Defined names replaced by their bodies (in parentheses), with a call's arguments dropped. */
function substitute(text: string, defs: ReadonlyMap<string, Definition>, notation: 'latex' | 'plain'): string {
  let out = text;
  for (const d of defs.values()) {
    const name = escape(d.name);
    const typeface = String.raw`\\(?:mathbf|boldsymbol|bm|mathcal|mathrm)\{${name}\}`;
    const re = new RegExp(String.raw`(?:${typeface}|(?<![\\A-Za-z0-9])${name}(?![A-Za-z0-9]))(?:\s*(?:\\left)?\([^()]*(?:\\right)?\))?`, 'g');
    out = out.replace(re, () => (notation === 'latex' ? `\\left(${d.body}\\right)` : `(${d.body})`));
  }
  return out;
}

const LANGUAGE: Record<ProofreadOptions['kind'], string> = { markdown: 'markdown', latex: 'latex', matcalc: 'matcalc' };

export function proofread(text: string, options: ProofreadOptions): ProofreadResult {
  const findings = [...proofreadSteps(text, options)];
  return {
    findings,
    ok: findings.filter((f) => f.status === 'ok').length,
    wrong: findings.filter((f) => f.status === 'wrong').length,
    skipped: findings.filter((f) => f.status === 'skipped').length,
  };
}

/** The findings one by one, in document order: a caller can stop (or yield to other work) between them. */
export function* proofreadSteps(text: string, options: ProofreadOptions): Generator<ProofreadFinding, void, undefined> {
  const starts = lineStarts(text);
  const defs = new Map<string, Definition>();
  const lines = text.split('\n');
  const layouts = layoutsOf(text);
  // Declarations and the layout are read once, as the chains advance through the document.
  let where: string | undefined;
  let scanned = 0;
  for (const chain of findChains(text, options.kind)) {
    if (options.cancelled?.()) return;
    const line = position(starts, chain.at).line - 1;
    if (line > scanned) {
      where = mergeWhere(where, scanDeclarations(lines.slice(scanned, line), LANGUAGE[options.kind]) || undefined);
      scanned = line;
    }
    const layout = layouts(chain.at);
    for (let i = 0; i < chain.relations.length; i++) {
      if (options.cancelled?.()) return;
      const relation = chain.relations[i];
      const [left, right] = [chain.sides[i], chain.sides[i + 1]];
      if (relation === 'other') continue;
      if (relation === 'defines' || (i === 0 && isNewName(left.text, where, defs))) {
        define(left.text, substitute(right.text, defs, chain.notation), defs);
        continue;
      }
      const key = options.cache ? JSON.stringify([chain.notation, left.text, right.text, where, layout, [...defs.values()]]) : '';
      const cached = options.cache?.get(key);
      const finding = cached ? moved(cached, left, right, starts) : checkStep(left, right, chain, { where, layout, defs, starts, timeLimitMs: options.timeLimitMs });
      options.cache?.set(key, { finding, leftStart: left.start });
      yield finding;
    }
  }
}

function isNewName(text: string, where: string | undefined, defs: ReadonlyMap<string, Definition>): boolean {
  const m = DEFINED.exec(text.trim());
  if (!m) return false;
  const name = m[1];
  return !defs.has(name) && !declaredNames(where).includes(variableName(name) ?? name);
}

function define(left: string, body: string, defs: Map<string, Definition>): void {
  const m = DEFINED.exec(left.trim());
  if (!m) return;
  const args = (m[2] ?? '').split(',').map((a) => variableName(a)).filter((a): a is string => a !== undefined);
  defs.set(m[1], { name: m[1], args, body });
}

interface StepContext {
  readonly where?: string;
  readonly layout: Layout;
  readonly defs: ReadonlyMap<string, Definition>;
  readonly starts: readonly number[];
  readonly timeLimitMs?: number;
}

/** The derivative's function and variable (a `\nabla f` of a defined f(x) differentiates by x). */
function target(d: DerivativeSide, rawFn: string, defs: ReadonlyMap<string, Definition>): { expr: string; wrt?: string[] } {
  const def = DEFINED.exec(rawFn.trim());
  const known = def ? defs.get(def[1]) : undefined;
  const wrt = d.wrt ? [d.wrt] : known && known.args.length > 0 ? [...known.args] : undefined;
  return { expr: d.fn, ...(wrt ? { wrt } : {}) };
}

function checkStep(left: Side, right: Side, chain: Chain, ctx: StepContext): ProofreadFinding {
  const at = position(ctx.starts, right.start);
  const base = { ...at, start: right.start, end: right.end, left: left.text, right: right.text };
  if (left.text === '' || right.text === '') return { ...base, status: 'skipped', message: 'an empty side' };
  const from = chain.notation;
  const l = substitute(left.text, ctx.defs, from);
  const r = substitute(right.text, ctx.defs, from);
  const dl = derivativeSide(l, from);
  const dr = derivativeSide(r, from);
  const rawL = derivativeSide(left.text, from);
  const rawR = derivativeSide(right.text, from);
  const common = { where: ctx.where, layout: ctx.layout, from, timeLimitMs: ctx.timeLimitMs } as const;
  let outcome: Outcome<CheckResult>;
  let claimSide: Side | undefined;
  if (dl && dr) {
    const truth = derive({ ...target(dl, rawL?.fn ?? '', ctx.defs), ...common, order: dl.order });
    if (!truth.ok) return { ...base, status: 'skipped', message: `the left side cannot be read: ${truth.error.message}` };
    outcome = checkClaim({ ...target(dr, rawR?.fn ?? '', ctx.defs), ...common, order: dr.order, claim: from === 'latex' ? truth.value.result.latex : truth.value.result.text });
  } else if (dl) {
    outcome = checkClaim({ ...target(dl, rawL?.fn ?? '', ctx.defs), ...common, order: dl.order, claim: r });
    claimSide = right;
  } else if (dr) {
    outcome = checkClaim({ ...target(dr, rawR?.fn ?? '', ctx.defs), ...common, order: dr.order, claim: l });
    claimSide = left;
  } else {
    outcome = checkEquality({ left: l, right: r, ...common });
  }
  if (!outcome.ok) {
    const which = outcome.error.source === 'claim' ? (claimSide === left ? 'the left side' : 'the right side') : dl || dr ? 'the derivative' : 'the left side';
    return { ...base, status: 'skipped', message: `${which} cannot be read: ${outcome.error.message}` };
  }
  const v = outcome.value;
  if (v.verdict === 'correct') return { ...base, status: 'ok', message: 'ok', expected: v.expected, method: v.method };
  const d = v.diagnosis as Diagnosis;
  const fix = claimSide ? { start: claimSide.start, end: claimSide.end, text: from === 'latex' ? v.expected.latex : v.expected.text } : undefined;
  return { ...base, status: 'wrong', message: `${d.kind}: ${d.detail}`, diagnosis: d, expected: v.expected, method: v.method, ...(fix ? { fix } : {}) };
}
