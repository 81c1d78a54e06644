/**
 * Sides that are derivatives: LaTeX `\frac{\partial f}{\partial x}`, `\frac{\partial}{\partial x}(…)`,
 * `\frac{d f}{d x}`, `\frac{\mathrm{d}}{\mathrm{d}x} …`, `\frac{\partial^2 f}{\partial x \partial x^T}`,
 * `\nabla_x f`, `\nabla_{\mathbf{x}} f`, `\nabla^2_x f`; plain `d/dx(…)`, `∂f/∂x`, `∂/∂x(…)`,
 * `df/dx`, `∇ₓf`, `∇_x f`. The variable's name is read without its typeface (`\mathbf{x}` is x).
 */
export interface DerivativeSide {
  /** The function's text (a name defined earlier, or an expression), in the side's notation. */
  readonly fn: string;
  /** Where `fn` starts in the side as given. */
  readonly at: number;
  /** The variable, or undefined (`\nabla f`: the function's first variable). */
  readonly wrt?: string;
  readonly order: 1 | 2;
}

/** The group `{…}` starting at `i` (text[i] === '{'): its content and the index after it. */
function group(text: string, i: number): { body: string; next: number } | undefined {
  if (text[i] !== '{') return undefined;
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return { body: text.slice(i + 1, j), next: j + 1 };
  }
  return undefined;
}

const SUBSCRIPTS: Readonly<Record<string, string>> = { 'ₓ': 'x', 'ᵧ': 'y', 'ₐ': 'a', 'ₑ': 'e', 'ₒ': 'o', 'ᵤ': 'u', 'ᵥ': 'v', 'ₘ': 'm', 'ₙ': 'n', 'ₚ': 'p', 'ₛ': 's', 'ₜ': 't', 'ₖ': 'k', 'ᵢ': 'i', 'ⱼ': 'j', 'ᵦ': 'β', 'ᵩ': 'φ', 'ₗ': 'l', 'ₕ': 'h', 'ᵣ': 'r' };

/** A variable's name without typeface commands, braces or a transpose: `\mathbf{x}` → x, `{\boldsymbol\theta}` → theta. */
export function variableName(text: string): string | undefined {
  let t = text.trim();
  t = t.replace(/\^\{?(?:T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\}|')\}?$/, '');
  for (let k = 0; k < 4; k++) t = t.replace(/^\{(.*)\}$/s, '$1').replace(/^\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit|mathbb|operatorname)\s*\{?([^{}]*)\}?$/s, '$1').trim();
  t = t.replace(/^\\([A-Za-z]+)$/, '$1');
  t = [...t].map((c) => SUBSCRIPTS[c] ?? c).join('');
  return /^[A-Za-zα-ωΑ-Ω][A-Za-z0-9_]*$/.test(t) ? t : undefined;
}

/** The rest of a side as a function: outer `\left( … \right)` or `( … )` are kept (they read as grouping). */
const restOf = (text: string): string => text.trim();

/** How many characters of white space `text` starts with. */
const lead = (text: string): number => text.length - text.trimStart().length;

const D = String.raw`(?:\\partial|\\mathrm\{d\}|\\operatorname\{d\}|d)`;

/** The differentials of a denominator: ∂x, \partial \mathbf{x}, dx, \mathrm{d}x (a d not inside a name). */
const DEN_SPLIT = /\\partial|\\mathrm\{d\}|\\operatorname\{d\}|(?<![A-Za-z\\])d(?=\s*[A-Za-z\\{])/;

function latexFrac(side: string): DerivativeSide | undefined {
  const m = /^\\[dt]?frac\s*/.exec(side);
  if (!m) return undefined;
  const num = group(side, m[0].length);
  if (!num) return undefined;
  const den = group(side, num.next);
  if (!den) return undefined;
  const head = new RegExp(String.raw`^\s*${D}\s*(?:\^\{?2\}?)?`).exec(num.body);
  if (!head) return undefined;
  const order: 1 | 2 = /\^\{?2\}?/.test(head[0]) ? 2 : 1;
  const afterHead = num.body.slice(head[0].length);
  const fnInNum = afterHead.trim();
  const dens = den.body.split(DEN_SPLIT).map((s) => s.trim()).filter((s) => s !== '');
  if (dens.length === 0) return undefined;
  const wrtText = order === 2 && dens.length === 1 ? dens[0].replace(/\^\{?2\}?$/, '') : dens[0];
  const wrt = variableName(wrtText);
  if (!wrt) return undefined;
  if (order === 2 && dens.length === 2 && variableName(dens[1]) !== wrt) return undefined;
  const rest = side.slice(den.next).trim();
  if (fnInNum !== '' && rest !== '') return undefined; // a product such as (∂f/∂x)·g is not a derivative side
  const fn = fnInNum !== '' ? fnInNum : restOf(rest);
  // The numerator's body starts after its `{`, and ends before the `}` that ends at num.next.
  const at = fnInNum !== '' ? num.next - 1 - num.body.length + head[0].length + lead(afterHead) : den.next + lead(side.slice(den.next));
  return fn === '' ? undefined : { fn, at, wrt, order };
}

function latexNabla(side: string): DerivativeSide | undefined {
  const m = /^\\nabla\s*(\^\{?2\}?)?\s*/.exec(side);
  if (!m) return undefined;
  let i = m[0].length;
  let order: 1 | 2 = m[1] ? 2 : 1;
  let wrt: string | undefined;
  if (side[i] === '_') {
    i++;
    while (side[i] === ' ') i++;
    const g = group(side, i);
    const text = g ? g.body : /^\\[A-Za-z]+|^[A-Za-z]/.exec(side.slice(i))?.[0];
    if (text === undefined) return undefined;
    wrt = variableName(text);
    if (!wrt) return undefined;
    i = g ? g.next : i + text.length;
    const sq = /^\s*\^\{?2\}?/.exec(side.slice(i));
    if (sq) {
      order = 2;
      i += sq[0].length;
    }
  }
  const fn = restOf(side.slice(i));
  return fn === '' ? undefined : { fn, at: i + lead(side.slice(i)), wrt, order };
}

function plainDerivative(side: string): DerivativeSide | undefined {
  // d/dx(…), ∂/∂x(…), d/dx f
  // (The d flag: where each group starts, m.indices.)
  let m = /^(?:d|∂)\s*\/\s*(?:d|∂)\s*([A-Za-zα-ω][A-Za-z0-9_]*)\s*(.+)$/dsu.exec(side);
  if (m) return { fn: m[2].trim(), at: startOf(m, 2) + lead(m[2]), wrt: m[1], order: 1 };
  // ∂f/∂x, df/dx (f a name or a parenthesized expression)
  m = /^(?:∂|d)\s*(\(.+\)|[A-Za-z][A-Za-z0-9_]*)\s*\/\s*(?:∂|d)\s*([A-Za-zα-ω][A-Za-z0-9_]*)$/dsu.exec(side);
  if (m) return { fn: m[1], at: startOf(m, 1), wrt: m[2], order: 1 };
  // ∇ₓf, ∇_x f, ∇f
  m = /^∇\s*(?:_\s*([A-Za-z][A-Za-z0-9]*)|([ₓᵧₐₑₒᵤᵥₘₙₚₛₜₖᵢⱼ]))?\s*(.+)$/dsu.exec(side);
  if (m) return { fn: m[3].trim(), at: startOf(m, 3) + lead(m[3]), wrt: m[1] ?? (m[2] ? variableName(m[2]) : undefined), order: 1 };
  return undefined;
}

/** Where group k of a match made with the d flag starts. */
const startOf = (m: RegExpExecArray, k: number): number => (m.indices?.[k] as [number, number])[0];

/** The derivative a side states, if it is one. */
export function derivativeSide(side: string, notation: 'latex' | 'plain'): DerivativeSide | undefined {
  const s = side.trim();
  const found = notation === 'latex' ? latexFrac(s) ?? latexNabla(s) ?? plainDerivative(s) : plainDerivative(s) ?? latexNabla(s);
  return found && { ...found, at: found.at + lead(side) };
}
