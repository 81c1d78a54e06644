/**
 * The element-wise functions: one record each (types.ts). Everything else reads these records —
 * the differentiator (derivative), the smart constructors and the evaluator (value), the three
 * readers and the six writers (names, written form, code), the piecewise display (cases), the
 * random points of the numerical check (domain, kinks) and derivations (rule). A new function is
 * a new record here plus its name in the TextMate grammar (syntaxes/matcalc.tmLanguage.json).
 */
import { BASIC_FUNCTIONS, SQRT } from './basic';
import { INVERSE_AND_HYPERBOLIC } from './inverse';
import { KINK_FUNCTIONS } from './kinks';
import { SMOOTH_FUNCTIONS } from './smooth';
import type { FunctionRecord } from './types';

const { exp, log, sin, cos, tan, tanh, sigmoid } = BASIC_FUNCTIONS;
const { relu, abs, sign, min0, step } = KINK_FUNCTIONS;

const TABLE = {
  exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt: SQRT, sign, min0, step,
  ...INVERSE_AND_HYPERBOLIC,
  ...SMOOTH_FUNCTIONS,
} satisfies Record<string, FunctionRecord>;

/** The name of an element-wise function (the `name` of an `fn` node). */
export type ElementwiseFunction = keyof typeof TABLE;

export const FUNCTIONS: Readonly<Record<ElementwiseFunction, FunctionRecord>> = TABLE;

export const ELEMENTWISE_FUNCTIONS = Object.keys(FUNCTIONS) as readonly ElementwiseFunction[];

export const isElementwiseFunction = (name: string): name is ElementwiseFunction => Object.prototype.hasOwnProperty.call(FUNCTIONS, name);

/**
 * The functions whose inverse has a name of its own, f⁻¹ as textbooks write it (sin⁻¹ x = arcsin x):
 * a reader refuses f⁻¹ on the name (inverse or reciprocal?) and names both spellings.
 */
export const INVERSE_FUNCTIONS: Readonly<Partial<Record<ElementwiseFunction, ElementwiseFunction>>> = {
  sin: 'asin', cos: 'acos', tan: 'atan', sinh: 'asinh', cosh: 'acosh', tanh: 'atanh', exp: 'log', log: 'exp',
};

/** The record of a function (its name taken from an `fn` node). */
export const functionRecord = (name: string | undefined): FunctionRecord => FUNCTIONS[name as ElementwiseFunction];

/** Names a reader accepts → the function: `namesOf((r) => r.code.read)` maps expit to sigmoid. */
export function namesOf(names: (r: FunctionRecord) => readonly string[]): Readonly<Record<string, ElementwiseFunction>> {
  const out: Record<string, ElementwiseFunction> = {};
  for (const f of ELEMENTWISE_FUNCTIONS) for (const n of names(FUNCTIONS[f])) out[n] = f;
  return out;
}

export type { FunctionRecord, Builders, WrittenForm, BranchValue } from './types';
