/**
 * Explicit command arguments: `executeCommand('matrixCalculus.differentiate', { expr, wrt, where, from })`
 * works without an editor (tests, hover links, other extensions). Pure: no `vscode` import.
 *
 * A context-menu invocation passes the document's Uri as the first argument; anything without an
 * `expr` string is therefore "no explicit arguments", not an error.
 */
import type { Layout, Notation } from '../../core/api';
import { MAX_EXPRESSION_CHARS } from '../selection/limits';
import { LAYOUTS, NOTATIONS, isOneOf } from '../../shared/vocabulary';

export interface ExplicitArgs {
  readonly expr: string;
  readonly wrt?: readonly string[];
  readonly where?: string;
  readonly from: Notation | 'auto';
  readonly layout?: Layout;
  /** Show the result in the panel (default true for the panel commands). */
  readonly reveal?: boolean;
}

export type ParsedArgs = { readonly kind: 'none' } | { readonly kind: 'explicit'; readonly args: ExplicitArgs } | { readonly kind: 'invalid'; readonly message: string };

const KEYS = ['expr', 'wrt', 'where', 'from', 'layout', 'reveal'];
const NAME = /^[A-Za-z_\\][\w\\{}]{0,63}$/;

export function parseCommandArgs(arg: unknown): ParsedArgs {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || !('expr' in arg)) return { kind: 'none' };
  const o = arg as Record<string, unknown>;
  const bad = (message: string): ParsedArgs => ({ kind: 'invalid', message });
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) return bad(`unknown argument ${unknown.map((k) => `'${k}'`).join(', ')}`);
  if (typeof o.expr !== 'string') return bad("'expr' must be a string");
  if (o.expr.length > MAX_EXPRESSION_CHARS) {
    return bad(`the expression is ${o.expr.length.toLocaleString('en-US')} characters long; the limit is ${MAX_EXPRESSION_CHARS.toLocaleString('en-US')}`);
  }
  let wrt: string[] | undefined;
  if (typeof o.wrt === 'string') wrt = [o.wrt];
  else if (Array.isArray(o.wrt) && o.wrt.every((w) => typeof w === 'string')) wrt = o.wrt as string[];
  else if (o.wrt !== undefined) return bad("'wrt' must be a variable name or a list of names");
  if (wrt && (wrt.length > 64 || !wrt.every((w) => NAME.test(w)))) return bad("'wrt' must hold variable names");
  if (o.where !== undefined && (typeof o.where !== 'string' || o.where.length > MAX_EXPRESSION_CHARS)) return bad("'where' must be a string of declarations");
  if (o.from !== undefined && !isOneOf(o.from, NOTATIONS)) return bad(`'from' must be one of ${NOTATIONS.join(', ')}`);
  if (o.layout !== undefined && !isOneOf(o.layout, LAYOUTS)) return bad(`'layout' must be one of ${LAYOUTS.join(', ')}`);
  if (o.reveal !== undefined && typeof o.reveal !== 'boolean') return bad("'reveal' must be true or false");
  return {
    kind: 'explicit',
    args: {
      expr: o.expr,
      wrt: wrt && wrt.length > 0 ? wrt : undefined,
      where: o.where as string | undefined,
      from: (o.from as Notation | 'auto' | undefined) ?? 'auto',
      layout: o.layout as Layout | undefined,
      reveal: o.reveal as boolean | undefined,
    },
  };
}
