/**
 * Python's `math` module takes numbers: `math.sqrt(d)` is a TypeError for an array of more than one
 * entry. So a plain name passed to a `math.` function is a scalar — the d of attention's
 * `Q @ K.T / math.sqrt(d)`, which its letter alone left ambiguous (a matrix like Q Kᵀ would fit
 * too) — and an array argument is refused where the call is lowered (lower.ts).
 */
import type { Assumption, Declaration } from '../declarations';
import { dottedPath } from './lower';
import type { PyNode, PyStatement } from './parser';

/**
 * The scalar declarations of the names passed to `math.` functions (`math` not a variable), in order
 * of first use, except the names in `known` (declared, or assigned by the code).
 */
export function mathArgumentDeclarations(statements: readonly PyStatement[], known: ReadonlySet<string>): Declaration[] {
  const out = new Map<string, Declaration>();
  const pending: PyNode[] = [];
  for (const s of statements) if (s.kind === 'expression' || s.kind === 'return' || s.kind === 'assign') pending.push(s.value);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    switch (node.kind) {
      case 'call': {
        const path = dottedPath(node.func);
        if (path !== undefined && path.startsWith('math.') && !known.has('math')) {
          for (const a of node.args) {
            if (a.kind !== 'name' || known.has(a.name) || out.has(a.name)) continue;
            const assumed: Assumption = { by: 'usage', reason: `an argument of ${path}: Python's math module takes numbers` };
            out.set(a.name, { name: a.name, kind: 'scalar', dims: [], symmetric: false, span: a.span, assumed });
          }
        }
        pending.push(node.func, ...node.args, ...node.keywords.map((k) => k.value));
        break;
      }
      case 'attribute':
        pending.push(node.object);
        break;
      case 'subscript':
        pending.push(node.object, node.index);
        break;
      case 'sum':
      case 'product':
        pending.push(node.first, ...node.rest.map((l) => l.operand));
        break;
      case 'unary':
      case 'paren':
        pending.push(node.arg);
        break;
      case 'power':
        pending.push(node.base, node.exponent);
        break;
      case 'list':
      case 'tuple':
        pending.push(...node.items);
        break;
      default:
        break;
    }
  }
  return [...out.values()];
}
