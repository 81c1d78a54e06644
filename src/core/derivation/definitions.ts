/** The first step of a chain-rule derivation: the intermediate variables and their definitions. */
import { equalClaim, step, type Context } from './context';
import { definitionList, equation, nameOf } from './notation';
import type { Step } from './step';
import type { Structure } from './structure';

export function definitionsStep(s: Structure, ctx: Context): Step {
  const { granularity, write: w } = ctx;
  const root = s.list[s.list.length - 1];
  const inner = s.list.slice(0, -1);
  const names = inner.map((i) => w.unicode(i.v));
  const r = w.unicode(root.v);
  const listed = names.length <= 6 ? listOf(names) : `${names[0]}, ${names[1]}, …, ${names[names.length - 1]} (${names.length} of them)`;
  const merged = granularity === 'summary' ? ' (in a summary, sums, scalings and other linear pieces stay together in one variable)' : '';
  const explanation = names.length === 1
    ? `Give the inner piece of ${r} its own name, ${listed}${merged}, so that ${r} and ${listed} are each a simple function whose derivative we know.`
    : `Give the inner pieces of ${r} their own names, ${listed}, innermost first${merged}, so that each is a simple function of the ones before it, whose derivative we know.`;
  // The user's own names (h, u1 of NumPy assignments): said, so that a mixed list reads as meant.
  const kept = inner.filter((i) => i.users === true).map((i) => w.unicode(i.v));
  const keptNote = kept.length === 0 ? ''
    : kept.length === inner.length ? ' They are the names the input gives them.'
      : ` ${listOf(kept)} ${kept.length === 1 ? 'is the name' : 'are the names'} the input gives ${kept.length === 1 ? 'it' : 'them'}; the others are new.`;
  const constants = [...s.constants.values()].map(w.unicode);
  const shared = constants.length === 0 ? ''
    : ` ${constants.join(', ')} ${constants.length === 1 ? 'names a constant the definitions share' : 'name constants the definitions share'}, written once.`;
  return step('intermediate-variables', 'definition', {
    explanation: explanation + keptNote + shared,
    before: equation(nameOf(w, root.v), s.f),
    // A large constant several definitions share is named first (sharedConstants.ts).
    after: definitionList(w, [...[...s.constants].map(([c, v]) => [v, c] as const), ...s.list.map((i) => [i.v, i.shown] as const)]),
    claims: [equalClaim(s.defs, s.f, root.v), ...inner.map((i) => equalClaim(s.defs, i.node, i.v))],
    focus: inner.length > 0 ? inner[0].node : undefined,
    shapes: s.list.map((i) => [w.unicode(i.v), i.v.shape] as const),
  });
}

/** a, b and c. */
const listOf = (names: readonly string[]): string => `${names.slice(0, -1).join(', ')}${names.length > 1 ? ' and ' : ''}${names[names.length - 1] ?? ''}`;
