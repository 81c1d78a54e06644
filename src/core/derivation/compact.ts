/**
 * Keeping a derivation readable: a long run of steps of one kind (local derivatives, total
 * derivatives, reverse-mode gradients) is shown up to a limit and the rest is collected into one
 * step that says so, shows the first and the last of them, and keeps all their claims (so the
 * derivation stays checkable and its size linear in the expression); a rewrite that changes
 * nothing visible is folded into the step before it.
 */
import type { AnswerNames } from '../present/answerNames';
import type { Granularity } from '../api';
import { step } from './context';
import { note } from './notation';
import { sameDisplays } from './render';
import type { RuleId } from './rules';
import type { KnownDimensions } from '../write/index';
import type { Expr } from '../model/expr';
import type { Claim, Part, Step } from './step';

/** How many steps of one run are shown one by one, by granularity and kind of run. */
export const RUN_LIMITS: Readonly<Record<Granularity, Readonly<Record<RunKind, number>>>> = {
  full: { local: 24, accumulation: 12, reverse: 16, partial: 24, differential: 16 },
  summary: { local: 24, accumulation: 12, reverse: 6, partial: 24, differential: 8 },
};

export type RunKind = 'local' | 'accumulation' | 'reverse' | 'partial' | 'differential';

const RUNS: Readonly<Record<RunKind, { readonly rule: RuleId; readonly name: string; readonly what: string }>> = {
  local: { rule: 'local-derivatives', name: 'Local derivatives', what: 'local derivatives' },
  accumulation: { rule: 'total-derivative', name: 'Total derivatives', what: 'derivatives of intermediate variables' },
  reverse: { rule: 'chain-rule', name: 'Chain rule (reverse mode)', what: 'gradients, going backwards,' },
  partial: { rule: 'partial-derivative', name: 'Partial derivatives', what: 'steps of the partial derivatives' },
  differential: { rule: 'differential', name: 'Differentials', what: 'differentials of pieces' },
};

export const ELLIPSIS = note(',\\quad \\ldots,\\quad ', ',  …,  ');

/** The steps of a run, the ones beyond the limit collected into one. */
export function capRun(steps: readonly Step[], kind: RunKind, granularity: Granularity): Step[] {
  return capLazyRun({ length: steps.length, step: (k) => steps[k], name: (k) => steps[k].name, claims: (k) => steps[k].claims, value: (k) => steps[k].value }, kind, granularity);
}

/**
 * A run whose steps are made only when shown: a step collected beyond the limit gives only its
 * name, its claims and its value (a chain 10,000 deep has 10,000 local derivatives, of which 25
 * are shown).
 */
export interface LazyRun {
  readonly length: number;
  /** The k-th step (called for the steps shown, the first and the last collected). */
  readonly step: (k: number) => Step;
  /** The k-th step's name, claims and value: what a collected step keeps of it. */
  readonly name: (k: number) => string;
  readonly claims: (k: number) => readonly Claim[];
  readonly value: (k: number) => Expr | undefined;
}

/** capRun of a lazy run: the same steps, made only as far as they are shown. */
export function capLazyRun(run: LazyRun, kind: RunKind, granularity: Granularity): Step[] {
  const limit = RUN_LIMITS[granularity][kind];
  const shown = run.length <= limit + 1 ? run.length : limit;
  const steps: Step[] = [];
  for (let k = 0; k < shown; k++) steps.push(run.step(k));
  if (shown < run.length) steps.push(collected(run, shown, kind));
  return steps;
}

/** The steps of `run` from `from` on, collected into one. */
function collected(run: LazyRun, from: number, kind: RunKind): Step {
  const info = RUNS[kind];
  const count = run.length - from;
  const first = run.step(from);
  const last = count === 1 ? first : run.step(run.length - 1);
  const names = new Set<string>();
  const claims: Claim[] = [];
  let value: Expr | undefined;
  for (let k = from; k < run.length; k++) {
    names.add(run.name(k));
    for (const c of run.claims(k)) claims.push(c);
    value = run.value(k) ?? value;
  }
  const distinct = [...names];
  const rules = distinct.length <= 4 ? distinct.join(', ') : `${distinct.slice(0, 4).join(', ')}, …`;
  const join = (a: readonly Part[], b: readonly Part[]): Part[] => [...a, ELLIPSIS, ...b];
  return step(info.rule, first.kind, {
    name: `${info.name} (${count} more)`,
    explanation:
      `The remaining ${count} ${info.what} follow the same pattern (${rules}); to keep the derivation readable they are ` +
      `collected in this one step, which shows the first and the last of them.`,
    before: join(first.before, last.before),
    after: join(first.after, last.after),
    claims,
    ...(value ? { value } : {}),
  });
}

/** Rewrites that are only algebra (not a symmetric or layout convention) are folded away when nothing visible changes. */
const FOLDABLE = new Set<RuleId>(['simplify', 'multiply-out']);

/** A simplification whose display does not change is folded into the step before it (its claims and value kept). */
export function foldInvisible(steps: readonly Step[], dimensions?: KnownDimensions, names?: AnswerNames): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    const invisible = FOLDABLE.has(s.rule) && s.value !== undefined && sameDisplays(s, dimensions, names);
    if (prev && prev.value !== undefined && invisible) {
      out[out.length - 1] = { ...prev, claims: [...prev.claims, ...s.claims], value: s.value };
      continue;
    }
    out.push(s);
  }
  return out;
}
