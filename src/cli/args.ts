/** The `matcalc derive` command line: flags → a DeriveRequest (usage errors are thrown as UsageError). */
import type { DeriveRequest, Layout, Notation } from '../core/index';

export const DERIVE_USAGE = `  matcalc derive EXPR --wrt VAR[,VAR...] [--where DECLS] [--layout numerator|denominator|mixed]
                 [--order 1|2] [--from plain|latex|numpy|unicode|auto] [--check] [--steps]
                 [--granularity full|summary] [--json] [--emit text|latex|numpy|torch|jax|markdown|einsum] [--form matrix|index]`;
export const BATCH_USAGE = `  matcalc batch   JSON Lines on stdin, one answer line per request on stdout:
                  {"id", "expr", "wrt", "where", "layout", "order", "from", "check", "steps",
                   "granularity", "emit", "form", "claim", "timeLimitMs", "outputLimit"} (see README, "Batch mode")`;

/** A problem with the command line: exit 2 with the message and the usage. */
export class UsageError extends Error {}

export const EMITS = ['text', 'latex', 'numpy', 'torch', 'jax', 'markdown', 'einsum'] as const;
export type Emit = (typeof EMITS)[number];
export const LAYOUTS = ['numerator', 'denominator', 'mixed'] as const;
export const NOTATIONS = ['plain', 'latex', 'numpy', 'unicode', 'auto'] as const;
export const GRANULARITIES = ['full', 'summary'] as const;
export const FORMS = ['matrix', 'index'] as const;

export interface DeriveArgs {
  readonly request: DeriveRequest;
  readonly json: boolean;
  readonly emit?: Emit;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} takes one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

export function parseDeriveArgs(argv: readonly string[]): DeriveArgs {
  let expr: string | undefined;
  let wrt: string[] | undefined;
  let where: string | undefined;
  let layout: Layout | undefined;
  let order: 1 | 2 | undefined;
  let from: Notation | 'auto' | undefined;
  let check = false;
  let steps = false;
  let granularity: 'full' | 'summary' | undefined;
  let json = false;
  let emit: Emit | undefined;
  let form: 'matrix' | 'index' | undefined;
  // An option given twice is an error (never the last one silently winning); --wrt adds variables.
  const seen = new Set<string>();
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (!optionsEnded && a.startsWith('--') && a !== '--wrt') {
      if (seen.has(a)) throw new UsageError(`${a} is given twice`);
      seen.add(a);
    }
    // `--` ends the options: what follows is the expression, even when it starts with --.
    switch (optionsEnded ? '' : a) {
      case '--': optionsEnded = true; break;
      case '--wrt': wrt = [...(wrt ?? []), ...value().split(',').map((s) => s.trim()).filter((s) => s.length > 0)]; break;
      case '--where': where = value(); break;
      case '--layout': layout = oneOf(a, value(), LAYOUTS); break;
      case '--order': order = Number(oneOf(a, value(), ['1', '2'] as const)) as 1 | 2; break;
      case '--from': from = oneOf(a, value(), NOTATIONS); break;
      case '--granularity': granularity = oneOf(a, value(), GRANULARITIES); break;
      case '--emit': emit = oneOf(a, value(), EMITS); break;
      case '--form': form = oneOf(a, value(), FORMS); break;
      case '--check': check = true; break;
      case '--steps': steps = true; break;
      case '--json': json = true; break;
      default:
        if (!optionsEnded && a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (expr !== undefined) throw new UsageError(`one expression only (got '${expr}' and '${a}'; quote the expression)`);
        expr = a;
    }
  }
  if (expr === undefined) throw new UsageError('an expression is needed');
  return { request: { expr, wrt, where, layout, order, from, check, steps, granularity, form }, json, emit };
}
