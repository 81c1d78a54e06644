/**
 * Element-wise functions of a Python number (a size, a literal, arithmetic of them) in Python's own
 * math, as a person writes them in PyTorch and JAX code: math.log(n), math.sin(torch.pi / n),
 * abs(n - 6.0). PyTorch's functions take tensors only (torch.log(4) raises), so without these a size
 * would have to be made a tensor first. σ, softplus and GELU are written out in Python's arithmetic;
 * sign and step, which Python has no spelling of, are absent: their argument is made an array
 * (ArrayApi.asArray).
 */
import type { ElementwiseFunction } from '../functions/index';

/** The math module's functions named as the records name them. */
const MATH_NAMED: readonly ElementwiseFunction[] = [
  'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'log1p', 'expm1', 'erf',
];

/** u as an operand of arithmetic: bracketed unless a name or a number. */
const operand = (u: string): string => (/^[\w.]+$/.test(u) ? u : `(${u})`);

const BUILT_IN: Partial<Record<ElementwiseFunction, (u: string) => string>> = {
  abs: (u) => `abs(${u})`,
  relu: (u) => `max(${u}, 0.0)`,
  min0: (u) => `min(${u}, 0.0)`,
  // Python's math has no σ, softplus or GELU: their definitions, in forms that never overflow
  // (σ(u) = e^min(u, 0)/(1 + e^−|u|), softplus(u) = max(u, 0) + log1p(e^−|u|)) and GELU's u·Φ(u),
  // bracketed: a call's code stands as an atom.
  sigmoid: (u) => `(math.exp(min(${u}, 0.0)) / (1.0 + math.exp(-abs(${u}))))`,
  softplus: (u) => `(max(${u}, 0.0) + math.log1p(math.exp(-abs(${u}))))`,
  gelu: (u) => `(${operand(u)} * (1.0 + math.erf(${operand(u)} / math.sqrt(2.0))) / 2.0)`,
};

/** The Python code of f(u) for a Python number u, or undefined when Python has no spelling of f. */
export function pythonMathCall(name: ElementwiseFunction, u: string): string | undefined {
  if (MATH_NAMED.includes(name)) return `math.${name}(${u})`;
  return BUILT_IN[name]?.(u);
}

/** The import a module needs when its code calls math.…. */
export const MATH_IMPORT = 'import math';

/** Whether Python code calls the math module. */
export const usesMath = (code: string): boolean => /(?<![\w.])math\./.test(code);
