/**
 * Chooses the method for a derivative from the shapes involved and returns it in canonical form
 * (form.ts): forward mode for a scalar variable, reverse mode (adjoints) for the gradient of a
 * scalar, the Jacobian engine otherwise; second order by differentiating the first derivative.
 */
import { block, commutation, Expr, postorder, unit, withArgs } from '../model/expr';
import { memoRecentBy } from '../model/memo';
import { isScalar } from '../model/shape';
import { add, mul, num, transpose, vec } from '../simplify/build';
import type { Derivative } from './form';
import { gradient } from './gradient';
import { jacobian } from './jacobian';
import { tangent } from './tangent';
import { UnsupportedDerivative } from './unsupported';

/** The gradient with respect to a symmetric matrix is taken within symmetric matrices: (G + Gᵀ)/2. */
export function symmetrize(g: Expr, x: Expr): Expr {
  if (!x.symmetric) return g;
  const terms = g.op === 'add' ? g.args : [g];
  return mul(num(0.5), add(g, ...terms.map(transpose)));
}

/**
 * A Jacobian with respect to a symmetric matrix, within symmetric matrices: J (I + K)/2, the
 * derivative along symmetric directions (K the commutation matrix, vec(Xᵀ) = K vec(X)).
 */
export function symmetrizeJacobian(j: Expr, x: Expr): Expr {
  if (!x.symmetric) return j;
  return mul(num(0.5), add(j, mul(j, commutation(x.shape.rows, x.shape.cols))));
}

/** How many recent derivatives differentiate() remembers (a request needs at most three: f′, f″ and a Hessian's gradient). */
const RECENT_DERIVATIVES = 8;

/**
 * The derivative of f with respect to wrt (order 1 or 2), in canonical form. A pure function of
 * interned nodes: the derivatives asked for last are remembered (RECENT_DERIVATIVES), so the parts
 * of one request that need the same derivative — the result, its derivation's steps, the numerical
 * check, a Hessian's gradient — share one differentiation and one Derivative object (whose
 * presentation present() remembers). Node ids are never reused, so a remembered entry is never
 * stale.
 */
export const differentiate: (f: Expr, wrt: readonly Expr[], order?: 1 | 2) => Derivative = memoRecentBy(
  (f: Expr, wrt: readonly Expr[], order: 1 | 2 = 1) => differentiateOnce(f, wrt, order),
  (f: Expr, wrt: readonly Expr[], order: 1 | 2 = 1) => {
    // order|f|x,y — made in a loop (no list of ids): asked at least once a request.
    let key = `${order}|${f.id}|`;
    for (let i = 0; i < wrt.length; i++) key += i === 0 ? `${wrt[i].id}` : `,${wrt[i].id}`;
    return key;
  },
  RECENT_DERIVATIVES,
);

function differentiateOnce(f: Expr, wrt: readonly Expr[], order: 1 | 2): Derivative {
  const g = withoutScalarTransposes(f);
  return g === f ? differentiateAs(f, wrt, order) : { ...differentiateAs(g, wrt, order), f };
}

/**
 * aᵀ of a 1×1 a is a. The readers keep a transpose as the user wrote it (so the input reads back as
 * written); differentiated as written, x'*x of a scalar x would come out as x + xᵀ. Linear in the DAG;
 * an expression without such a transpose is returned as it is.
 */
function withoutScalarTransposes(f: Expr): Expr {
  const order = postorder(f);
  // Most expressions have none: then nothing is rebuilt (a rebuilt child keeps its shape).
  if (!order.some((e) => e.op === 'transpose' && isScalar(e.args[0].shape))) return f;
  const done = new Map<number, Expr>();
  for (const e of order) {
    const args = e.args.map((a) => done.get(a.id) as Expr);
    if (e.op === 'transpose' && isScalar(args[0].shape)) done.set(e.id, args[0]);
    else done.set(e.id, args.some((a, i) => a !== e.args[i]) ? withArgs(e, args) : e);
  }
  return done.get(f.id) as Expr;
}

function differentiateAs(f: Expr, wrt: readonly Expr[], order: 1 | 2): Derivative {
  if (wrt.length === 0) throw new UnsupportedDerivative('without a variable');
  if (wrt.length > 1) return stacked(f, wrt, order);
  const x = wrt[0];
  if (order === 1) {
    if (isScalar(x.shape)) return { f, wrt, order, form: isScalar(f.shape) ? 'scalar' : 'tangent', expr: tangent(f, x) };
    if (isScalar(f.shape)) return { f, wrt, order, form: 'gradient', expr: symmetrize(gradient(f, x), x) };
    return { f, wrt, order, form: 'jacobian', expr: symmetrizeJacobian(jacobian(f, x), x) };
  }
  if (!isScalar(f.shape)) throw new UnsupportedDerivative('a second derivative of a non-scalar function (a Hessian needs a scalar f)');
  if (isScalar(x.shape)) return { f, wrt, order, form: 'scalar', expr: tangent(tangent(f, x), x) };
  const g = symmetrize(gradient(f, x), x);
  return { f, wrt, order, form: 'jacobian', expr: symmetrizeJacobian(jacobian(g, x), x) };
}

/** Several scalar variables stacked into one vector (Parr & Howard's ∇f(x, y) and J of [f₁, f₂]). */
/** Several variables are stacked into one vector only when they are all scalars. */
export function requireStackable(wrt: readonly Expr[]): void {
  const bad = wrt.find((v) => !isScalar(v.shape));
  if (bad) throw new UnsupportedDerivative(`with respect to several variables unless they are all scalars (${bad.name} is not)`);
}

function stacked(f: Expr, wrt: readonly Expr[], order: 1 | 2): Derivative {
  requireStackable(wrt);
  const k = wrt.length;
  if (order === 2) {
    if (!isScalar(f.shape)) throw new UnsupportedDerivative('a second derivative of a non-scalar function (a Hessian needs a scalar f)');
    const grads = wrt.map((x) => tangent(f, x));
    const entries: Expr[] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) entries.push(tangent(grads[i], wrt[j]));
    return { f, wrt, order, form: 'jacobian', expr: block(k, k, entries) };
  }
  if (isScalar(f.shape)) return { f, wrt, order, form: 'jacobian', expr: block(1, k, wrt.map((x) => tangent(f, x))) };
  if (f.op === 'block' && f.shape.cols === 1) {
    const m = f.args.length;
    const entries: Expr[] = [];
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) entries.push(tangent(f.args[i], wrt[j]));
    return { f, wrt, order, form: 'jacobian', expr: block(m, k, entries) };
  }
  const cols = wrt.map((x, j) => mul(vec(tangent(f, x)), transpose(unit(k, j + 1))));
  return { f, wrt, order, form: 'jacobian', expr: add(...cols) };
}
