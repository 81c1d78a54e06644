/**
 * Keeping a derivation readable: a long run of steps of one kind (local derivatives, total
 * derivatives, reverse-mode gradients) is shown up to a limit and the rest is collected into one
 * step that says so, shows the first and the last of them, and keeps all their claims (so the
 * derivation stays checkable and its size linear in the expression); a rewrite that changes
 * nothing visible is folded into the step before it.
 */
import type { Granularity } from '../api';
import { step } from './context';
import { note } from './notation';
import { sameDisplays } from './render';
import type { RuleId } from './rules';
import type { Part, Step } from './step';

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

const ELLIPSIS = note(',\\quad \\ldots,\\quad ', ',  …,  ');

/** The steps of a run, the ones beyond the limit collected into one. */
export function capRun(steps: readonly Step[], kind: RunKind, granularity: Granularity): Step[] {
  const limit = RUN_LIMITS[granularity][kind];
  if (steps.length <= limit + 1) return [...steps];
  return [...steps.slice(0, limit), collected(steps.slice(limit), kind)];
}

function collected(rest: readonly Step[], kind: RunKind): Step {
  const run = RUNS[kind];
  const first = rest[0];
  const last = rest[rest.length - 1];
  const names = [...new Set(rest.map((s) => s.name))];
  const rules = names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')}, …`;
  const value = [...rest].reverse().find((s) => s.value !== undefined)?.value;
  const join = (a: readonly Part[], b: readonly Part[]): Part[] => [...a, ELLIPSIS, ...b];
  return step(run.rule, first.kind, {
    name: `${run.name} (${rest.length} more)`,
    explanation:
      `The remaining ${rest.length} ${run.what} follow the same pattern (${rules}); to keep the derivation readable they are ` +
      `collected in this one step, which shows the first and the last of them.`,
    before: join(first.before, last.before),
    after: join(first.after, last.after),
    claims: rest.flatMap((s) => s.claims),
    ...(value ? { value } : {}),
  });
}

/** Rewrites that are only algebra (not a symmetric or layout convention) are folded away when nothing visible changes. */
const FOLDABLE = new Set<RuleId>(['simplify', 'multiply-out']);

/** A simplification whose display does not change is folded into the step before it (its claims and value kept). */
export function foldInvisible(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    const prev = out[out.length - 1];
    const invisible = FOLDABLE.has(s.rule) && s.value !== undefined && sameDisplays(s);
    if (prev && prev.value !== undefined && invisible) {
      out[out.length - 1] = { ...prev, claims: [...prev.claims, ...s.claims], value: s.value };
      continue;
    }
    out.push(s);
  }
  return out;
}
