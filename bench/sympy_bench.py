#!/usr/bin/env python3
"""The SymPy side of `npm run bench`: the corpus (test/corpus/*.json) written the way a skilled
SymPy user would write it, timed, and checked numerically.

    python3 bench/sympy_bench.py [--corpus test/corpus] [--only ID,ID] [--budget 0.4] [--max-reps 15]

Writes one JSON object to stdout: {"sympy": version, "python": ..., "cases": [...]}; progress on
stderr. Every case gets a status:

  ok           the derivative matches central finite differences at two random points
  wrong        SymPy returned an answer and it does not match (e.g. log(det X) -> 0)
  unevaluated  the answer still contains a Derivative (SymPy cannot do it)
  error        .diff()/.doit() (or evaluating the answer) raised (SymPy cannot do it)
  timeout      .diff()/.doit() took longer than --timeout seconds
  unsupported  the function cannot be written in SymPy's matrix expressions (construction fails)

How a skilled user writes the corpus: MatrixSymbol for vectors and matrices (symbolic sizes n, m,
...), Symbol for scalars; `f.diff(X).doit()` for MatrixSymbol variables (SymPy's convention: the
variable's axes first, i.e. a gradient has X's shape and a vector-by-vector derivative is the
transposed Jacobian); `Matrix([...]).jacobian([x, y])` for component-wise vector functions of
scalars; element-wise functions with `.applyfunc`; `sum(v)` as `OneMatrix(1, n)*v`; a scalar
function f(v) of a vector as the 1x1 matrix expression (`x.T*x`, not `(x.T*x)[0, 0]`, whose
derivative SymPy 1.14 silently returns as 0); `norm2(X)^2` as `Trace(X.T*X)`; no symmetric
MatrixSymbol exists, so symmetric variables are checked along symmetric directions only.

Timing: what users call, `f.diff(x)` then `.doit()` (Hessians: twice), after one untimed warm-up
run, SymPy's cache cleared before every run (otherwise a repeated run is a cache lookup). The
time to print the answer as LaTeX is measured separately (`latexMs`).
"""
import argparse
import json
import platform
import re
import signal
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp
from sympy import Abs, Determinant, HadamardPower, HadamardProduct, Identity, Inverse, Matrix
from sympy import MatrixSymbol, Max, Min, OneMatrix, Rational, Trace, DiagMatrix, Symbol
from sympy import cos, exp, log, sin, sqrt, tan, tanh
from sympy.core.cache import clear_cache
from sympy.matrices.expressions.matexpr import MatrixExpr

# Concrete sizes for the numerical check: all different, so a transposed answer cannot pass.
SIZES = {'n': 3, 'm': 4, 'p': 2, 'q': 5, 'k': 2, 'h': 5, 'N': 6}
DIM = {name: sp.Symbol(name, integer=True, positive=True) for name in SIZES}


# ---------------------------------------------------------------- the corpus's declarations

class Vars(dict):
    """The variables of a case, parsed from its `where` (x: vector(n); A: matrix(m, n) symmetric; c: scalar)."""

    def __init__(self, where):
        super().__init__()
        self.symmetric = set()
        for decl in filter(None, (d.strip() for d in where.split(';'))):
            name, kind = (s.strip() for s in decl.split(':', 1))
            m = re.fullmatch(r'(scalar|vector|matrix)(?:\(([^)]*)\))?(\s+symmetric)?', kind)
            if not m:
                raise ValueError(f'unknown declaration {decl!r}')
            dims = [DIM[d.strip()] for d in (m.group(2) or '').split(',') if d.strip()]
            if m.group(1) == 'scalar':
                self[name] = Symbol(name, real=True)
            elif m.group(1) == 'vector':
                self[name] = MatrixSymbol(name, dims[0], 1)
            else:
                self[name] = MatrixSymbol(name, dims[0], dims[1])
            if m.group(3):
                self.symmetric.add(name)

    def __getattr__(self, name):
        return self[name]


def ones(rows, cols=1):
    return OneMatrix(rows, cols)


def relu(u):
    return Max(0, u)


def sigmoid(u):
    return 1 / (1 + exp(-u))


def total(v):
    """sum(v) of a column vector: 1ᵀv."""
    return OneMatrix(1, v.shape[0]) * v


def softmax(z):
    e = z.applyfunc(exp)
    return e * (total(e)) ** -1


# ---------------------------------------------------------------- the corpus in SymPy
# Each entry: id -> (kind, builder). kind 'diff': MatrixExpr/Expr .diff; 'jacobian': Matrix.jacobian
# of the listed scalar variables; 'mdiff': Matrix([...]).diff(scalar). The builder gets the case's
# variables and returns the function.

D, J, MD = 'diff', 'jacobian', 'mdiff'
CASES = {
    # Matrix Cookbook
    'cb-69a': (D, lambda v: v.x.T * v.a),
    'cb-69b': (D, lambda v: v.a.T * v.x),
    'cb-70': (D, lambda v: v.a.T * v.X * v.b),
    'cb-71': (D, lambda v: v.a.T * v.X.T * v.b),
    'cb-72': (D, lambda v: v.a.T * v.X * v.a),
    'cb-77': (D, lambda v: v.b.T * v.X.T * v.X * v.c),
    'cb-78': (D, lambda v: (v.B * v.x + v.b).T * v.C * (v.D * v.x + v.d)),
    'cb-81': (D, lambda v: v.x.T * v.B * v.x),
    'cb-97-hessian': (D, lambda v: v.x.T * v.A * v.x + v.b.T * v.x),
    'cb-82': (D, lambda v: v.b.T * v.X.T * v.D * v.X * v.c),
    'cb-83': (D, lambda v: (v.X * v.b + v.c).T * v.D * (v.X * v.b + v.c)),
    'cb-84': (D, lambda v: (v.x - v.A * v.s).T * v.W * (v.x - v.A * v.s)),
    'cb-99': (D, lambda v: Trace(v.X)),
    'cb-100': (D, lambda v: Trace(v.X * v.A)),
    'cb-100-mc': (D, lambda v: Trace(v.A * v.X)),
    'cb-101': (D, lambda v: Trace(v.A * v.X * v.B)),
    'cb-102': (D, lambda v: Trace(v.A * v.X.T * v.B)),
    'cb-106': (D, lambda v: Trace(v.X ** 2)),
    'cb-107': (D, lambda v: Trace(v.X ** 2 * v.B)),
    'cb-108': (D, lambda v: Trace(v.X.T * v.B * v.X)),
    'cb-115': (D, lambda v: Trace(v.X.T * v.X)),
    'cb-132': (D, lambda v: Trace(v.X.T * v.X)),  # ‖X‖²_F: SymPy has no Frobenius norm of a MatrixSymbol
    'cb-118': (D, lambda v: Trace(v.A * v.X * v.B * v.X.T * v.C)),
    'cb-119': (D, lambda v: Trace((v.A * v.X * v.B + v.C) * (v.A * v.X * v.B + v.C).T)),
    'cb-121': (D, lambda v: Trace(v.X ** 3)),
    'cb-61': (D, lambda v: v.a.T * Inverse(v.X) * v.b),
    'cb-62': (D, lambda v: Determinant(Inverse(v.X))),
    'cb-63': (D, lambda v: Trace(v.A * Inverse(v.X) * v.B)),
    'cb-64': (D, lambda v: Trace(Inverse(v.X + v.A))),
    'cb-49': (D, lambda v: Determinant(v.X)),
    'cb-51': (D, lambda v: Determinant(v.A * v.X * v.B)),
    'cb-57': (D, lambda v: log(Determinant(v.X))),
    'cb-58': (D, lambda v: Determinant(v.X ** 3)),
    'cb-60': (D, lambda v: Inverse(v.X)),
    'cb-10.2.2': (D, lambda v: v.A * v.X * v.B),
    'cb-Xw': (D, lambda v: v.X * v.w),
    'cb-129': (D, lambda v: sqrt((v.x - v.a).T * (v.x - v.a))),
    'cb-130': (D, lambda v: (v.x - v.a) * ((v.x - v.a).T * (v.x - v.a)) ** Rational(-1, 2)),
    'cb-131': (D, lambda v: v.x.T * v.x),
    'cb-sym-tr': (D, lambda v: Trace(v.A * v.S)),
    'cb-sym-logdet': (D, lambda v: log(Determinant(v.S))),
    'cb-Ax': (D, lambda v: v.A * v.x),
    'cb-exp': (D, lambda v: v.x.applyfunc(exp)),
    'cb-tan': (D, lambda v: v.x.applyfunc(tan)),
    'cb-axb': (D, lambda v: HadamardProduct(v.a, v.x, v.b)),
    'cb-softmax': (D, lambda v: softmax(v.z)),
    'cb-xent': (D, lambda v: -v.t.T * softmax(v.z).applyfunc(log)),
    'cb-xent-hessian': (D, lambda v: -v.t.T * softmax(v.z).applyfunc(log)),
    'cb-frob-ls': (D, lambda v: Trace((v.X * v.W - v.Y).T * (v.X * v.W - v.Y))),
    'cb-ls': (D, lambda v: (v.A * v.x - v.b).T * (v.A * v.x - v.b)),
    'cb-ls-hessian': (D, lambda v: (v.A * v.x - v.b).T * (v.A * v.x - v.b)),
    'cb-logistic': (D, lambda v: total(HadamardProduct(-v.y, v.X * v.w).applyfunc(lambda u: log(exp(u) + 1)))),
    'cb-tanh': (D, lambda v: v.a.T * (v.X * v.b).applyfunc(tanh)),
    'cb-sin-dot': (D, lambda v: v.x.applyfunc(sin).T * v.y),
    # Machine learning
    'ml-sigmoid': (D, lambda v: (v.w.T * v.x).applyfunc(sigmoid)),
    'ml-sigmoid-vector': (D, lambda v: v.z.applyfunc(sigmoid)),
    'ml-logsumexp': (D, lambda v: total(v.z.applyfunc(exp)).applyfunc(log)),
    'ml-mean': (D, lambda v: total(v.x) / DIM['n']),
    'ml-layer-x': (D, lambda v: v.W * v.x + v.b),
    'ml-layer-W': (D, lambda v: v.W * v.x + v.b),
    'ml-mlp-loss-W1': (D, lambda v: _mlp_residual(v).T * _mlp_residual(v)),
    'ml-mlp-loss-W2': (D, lambda v: _mlp_residual(v).T * _mlp_residual(v)),
    'ml-mlp-tanh': (D, lambda v: (v.W * v.x + v.b).applyfunc(tanh)),
    'ml-ridge': (D, lambda v: (v.X * v.w - v.y).T * (v.X * v.w - v.y) + v['lambda'] * v.w.T * v.w),
    'ml-ridge-hessian': (D, lambda v: (v.X * v.w - v.y).T * (v.X * v.w - v.y) + v['lambda'] * v.w.T * v.w),
    'ml-softmax-xent-W': (D, lambda v: -v.t.T * softmax(v.W * v.x).applyfunc(log)),
    'ml-logistic-loss': (D, lambda v: -(v.y * (v.w.T * v.x).applyfunc(lambda u: log(sigmoid(u)))
                                        + (1 - v.y) * (v.w.T * v.x).applyfunc(lambda u: log(1 - sigmoid(u))))),
    'ml-gaussian-nll': (D, lambda v: (v.x - v.mu).T * v.S * (v.x - v.mu) / 2 - ones(1, 1) * log(Determinant(v.S)) / 2),
    'ml-gaussian-mu': (D, lambda v: (v.x - v.mu).T * v.S * (v.x - v.mu) / 2 - ones(1, 1) * log(Determinant(v.S)) / 2),
    'ml-l1': (D, lambda v: total(v.w.applyfunc(Abs))),
    'ml-abs': (D, lambda v: v.x.applyfunc(Abs)),
    'ml-min0': (D, lambda v: v.x.applyfunc(lambda u: Min(0, u))),
    'ml-outer': (D, lambda v: v.x * v.x.T),
    'ml-diag-quad': (D, lambda v: v.x.T * DiagMatrix(v.d) * v.x),
    'ml-sqrt-norm': (D, lambda v: sqrt(v.x.T * v.x)),
    'ml-exp-scalar': (D, lambda v: (-v.x.T * v.x / 2).applyfunc(exp)),
    'ml-matpow2': (D, lambda v: v.X ** 2),
    'ml-trace-inv-hessian': (D, lambda v: Trace(v.X.T * v.A * v.X)),
    # Parr & Howard
    'ph-T1': (J, lambda v: 3 * v.x ** 2 * v.y),
    'ph-T2': (J, lambda v: 2 * v.x + v.y ** 8),
    'ph-T3': (J, lambda v: Matrix([3 * v.x ** 2 * v.y, 2 * v.x + v.y ** 8])),
    'ph-T3-denominator': (J, lambda v: Matrix([3 * v.x ** 2 * v.y, 2 * v.x + v.y ** 8])),
    'ph-T4': (D, lambda v: v.x),
    'ph-T5': (D, lambda v: v.w + v.x),
    'ph-T6': (D, lambda v: v.w + v.x),
    'ph-T7': (D, lambda v: v.w - v.x),
    'ph-T8': (D, lambda v: v.w - v.x),
    'ph-T9': (D, lambda v: HadamardProduct(v.w, v.x)),
    'ph-T10': (D, lambda v: HadamardProduct(v.w, v.x)),
    'ph-T11': (D, lambda v: HadamardProduct(v.w, HadamardPower(v.x, -1))),
    'ph-T12': (D, lambda v: HadamardProduct(v.w, HadamardPower(v.x, -1))),
    'ph-T13a': (D, lambda v: v.x + v.z * ones(DIM['n'])),
    'ph-T13b': (D, lambda v: v.x + v.z * ones(DIM['n'])),
    'ph-T14a': (D, lambda v: v.x * v.z),
    'ph-T14b': (D, lambda v: v.x * v.z),
    'ph-T15': (D, lambda v: total(v.x)),
    'ph-T16a': (D, lambda v: total(v.x * v.z)),
    'ph-T16b': (D, lambda v: total(v.x * v.z)),
    'ph-T17a': (D, lambda v: v.w.T * v.x),
    'ph-T17b': (D, lambda v: v.w.T * v.x),
    'ph-T18a': (D, lambda v: v.w.T * v.x + v.b * ones(1, 1)),
    'ph-T18b': (D, lambda v: v.w.T * v.x + v.b * ones(1, 1)),
    'ph-T19': (D, lambda v: sin(v.x ** 2)),
    'ph-T20': (D, lambda v: log(sin(v.x ** 3) ** 2)),
    'ph-T21': (D, lambda v: v.x + v.x ** 2),
    'ph-T22': (D, lambda v: sin(v.x + v.x ** 2)),
    'ph-T23': (D, lambda v: v.x * v.x ** 2),
    'ph-T24': (MD, lambda v: Matrix([log(v.x ** 2), sin(3 * v.x)])),
    'ph-T24-blog': (MD, lambda v: Matrix([log(v.x ** 2), sin(4 * v.x)])),
    'ph-T25': (D, lambda v: (v.w.T * v.x + v.b * ones(1, 1)).applyfunc(relu)),
    'ph-T26': (D, lambda v: (v.w.T * v.x + v.b * ones(1, 1)).applyfunc(relu)),
    'ph-T27': (D, lambda v: total(HadamardPower(v.y - (v.X * v.w + v.b * ones(DIM['N'])).applyfunc(relu), 2)) / DIM['N']),
    'ph-T28': (D, lambda v: total(HadamardPower(v.y - (v.X * v.w + v.b * ones(DIM['N'])).applyfunc(relu), 2)) / DIM['N']),
    'ph-T29-const-mult': (D, lambda v: 3 * v.x),
    'ph-T29-power': (D, lambda v: v.x ** 3),
    'ph-T29-sum': (D, lambda v: v.x ** 2 + 3 * v.x),
    'ph-T29-difference': (D, lambda v: v.x ** 2 - 3 * v.x),
    'ph-T29-product': (D, lambda v: v.x ** 2 * v.x),
    'ph-T29-chain': (D, lambda v: log(v.x ** 2)),
    'ph-T29-operator': (D, lambda v: 9 * (v.x + v.x ** 2)),
    'ph-T30': (D, lambda v: total(v.w + v.x)),
    'ph-partial-x': (D, lambda v: 3 * v.y * v.x ** 2),
    'ph-partial-y': (D, lambda v: 3 * v.x ** 2 * v.y),
    'ph-relu-vector': (D, lambda v: v.x.applyfunc(relu)),
}


def _mlp_residual(v):
    return v.W2 * (v.W1 * v.x + v.b1).applyfunc(relu) + v.b2 - v.y


# ---------------------------------------------------------------- differentiating as users do

class Timeout(Exception):
    pass


def _alarm(_sig, _frame):
    raise Timeout()


def differentiate(kind, f, wrt, order):
    """What the user calls, timed by the caller."""
    if kind == J:
        if order != 1:
            raise NotImplementedError('second order with jacobian')
        return Matrix([f]).jacobian(wrt) if not isinstance(f, sp.MatrixBase) else f.jacobian(wrt)
    x = wrt[0]
    if kind == MD:
        return f.diff(x)
    r = f.diff(x).doit()
    if order == 2:
        r = r.diff(x).doit()
    return r


def has_derivative(r):
    return any(type(a).__name__ in ('Derivative', 'ArrayDerivative') for a in sp.preorder_traversal(r))


# ---------------------------------------------------------------- numbers

def concrete(e):
    return e.subs({DIM[k]: v for k, v in SIZES.items()})


def random_point(vars_, rng):
    """A value per variable: square matrices well conditioned (det > 0), symmetric ones positive definite."""
    point = {}
    for name, s in vars_.items():
        if isinstance(s, MatrixSymbol):
            r, c = (int(concrete(d)) for d in s.shape)
            a = rng.standard_normal((r, c))
            if name in vars_.symmetric:
                a = a @ a.T / r + np.eye(r)
            elif r == c:
                a = 0.5 * a + 2.0 * np.eye(r)
            point[name] = a
        else:
            point[name] = float(rng.uniform(0.5, 1.5)) * (1 if rng.random() < 0.5 else -1)
    return point


def numeric_function(vars_, f):
    """f as a NumPy function of the point. Fast path: f made explicit (entries) and lambdified; for
    inverses and determinants (whose explicit symbolic forms are slow to build) SymPy evaluates f
    with the numbers substituted, like the answer."""
    names = list(vars_)
    if any(isinstance(a, (Inverse, Determinant)) or (isinstance(a, sp.MatPow) and a.exp.is_negative)
           for a in sp.preorder_traversal(f)):
        return lambda point: np.asarray(evaluate(vars_, f, point).real, dtype=float)
    conc = {n: (concrete(s) if isinstance(s, MatrixSymbol) else s) for n, s in vars_.items()}
    e = concrete(f)
    e = e.xreplace({concrete(s): conc[n].as_explicit() for n, s in vars_.items() if isinstance(s, MatrixSymbol)}).doit()
    if isinstance(e, MatrixExpr):
        e = e.as_explicit()
    fn = sp.lambdify([conc[n] for n in names], e, 'numpy')
    return lambda point: np.asarray(fn(*[point[n] for n in names]), dtype=float)


def evaluate(vars_, r, point):
    """SymPy's answer at a point: explicit values substituted, then .doit()."""
    e = concrete(r)
    rep = {concrete(s): sp.ImmutableMatrix(point[n]) for n, s in vars_.items() if isinstance(s, MatrixSymbol)}
    rep.update({s: point[n] for n, s in vars_.items() if not isinstance(s, MatrixSymbol)})
    e = e.subs(rep).doit()
    if hasattr(e, 'as_explicit') and not isinstance(e, sp.MatrixBase):
        e = e.as_explicit()
    if isinstance(e, (sp.MatrixBase, sp.NDimArray)):
        return np.array(sp.Array(e).tolist() if isinstance(e, sp.NDimArray) else e.tolist(), dtype=complex)
    return np.array(complex(e))


def fd_derivative(F, point, wrt, h=1e-6):
    """Central differences: an array with f's axes first, then the variables' (stacked scalars: one axis)."""
    f0 = F(point)
    if len(wrt) > 1:  # several scalars, stacked
        cols = []
        for name in wrt:
            p, q = dict(point), dict(point)
            p[name] += h
            q[name] -= h
            cols.append((F(p) - F(q)) / (2 * h))
        return np.stack(cols, axis=-1)
    name = wrt[0]
    x = np.asarray(point[name], dtype=float)
    out = np.zeros(f0.shape + x.shape)
    for idx in np.ndindex(*x.shape):
        p, q = dict(point), dict(point)
        p[name] = x.copy()
        q[name] = x.copy()
        if x.shape:
            p[name][idx] += h
            q[name][idx] -= h
        else:
            p[name] = float(x) + h
            q[name] = float(x) - h
        out[(Ellipsis,) + idx] = (F(p) - F(q)) / (2 * h)
    return out


def fd_hessian(F, point, name, h=1e-4):
    x = np.asarray(point[name], dtype=float)
    out = np.zeros(x.shape + x.shape)
    idxs = list(np.ndindex(*x.shape))
    for i in idxs:
        for j in idxs:
            vals = []
            for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                p = dict(point)
                p[name] = x.copy()
                p[name][i] += si * h
                p[name][j] += sj * h
                vals.append(float(np.squeeze(F(p))))
            out[i + j] = (vals[0] - vals[1] - vals[2] + vals[3]) / (4 * h * h)
    return out


def expected_array(kind, fd, f_ndim, wrt_ndim):
    """The finite-difference derivative arranged in SymPy's convention for `kind`."""
    if kind in (J, MD):
        return fd  # numerator layout: f's axes, then the variables'
    # MatrixExpr.diff: the variable's axes first, then f's.
    axes = list(range(f_ndim, f_ndim + wrt_ndim)) + list(range(f_ndim))
    return np.transpose(fd, axes)


def symmetrized(a):
    return (a + a.T) / 2


def check(case, kind, vars_, f, r, rng, samples=2):
    """Max relative error of SymPy's answer against finite differences over `samples` random points."""
    F = numeric_function(vars_, f)
    wrt = case['wrt']
    order = case.get('order', 1)
    worst = 0.0
    for _ in range(samples):
        point = random_point(vars_, rng)
        got = evaluate(vars_, r, point)
        if np.max(np.abs(got.imag), initial=0.0) > 1e-9:
            raise ValueError('complex value')
        got = got.real
        f0 = F(point)
        if order == 2:
            want = fd_hessian(F, point, wrt[0])
            tol = 1e-4
        else:
            fd = fd_derivative(F, point, wrt)
            wrt_ndim = 1 if len(wrt) > 1 else np.asarray(point[wrt[0]]).ndim
            want = expected_array(kind, fd, f0.ndim, wrt_ndim)
            tol = 1e-5
        got_s, want_s = np.squeeze(got), np.squeeze(want)
        if got_s.shape != want_s.shape:
            if got_s.size == want_s.size == 1 or (got_s.size == 0 and want_s.size == 0):
                got_s, want_s = got_s.reshape(-1), want_s.reshape(-1)
            elif got_s.ndim == 0 and np.allclose(want_s, 0):
                got_s = np.broadcast_to(got_s, want_s.shape)  # a scalar 0 for a zero array
            else:
                return {'error': float('inf'), 'detail': f'shape {got_s.shape}, expected {want_s.shape}', 'tol': tol}
        if len(wrt) == 1 and wrt[0] in vars_.symmetric and got_s.ndim == 2 and order == 1:
            got_s, want_s = symmetrized(got_s), symmetrized(want_s)
        err = float(np.max(np.abs(got_s - want_s)) / max(1.0, float(np.max(np.abs(want_s)))))
        worst = max(worst, err)
    return {'error': worst, 'tol': tol}


# ---------------------------------------------------------------- one case

def quantile(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def run_case(case, budget, max_reps, timeout, seed):
    cid = case['id']
    entry = CASES.get(cid)
    base = {'id': cid}
    if entry is None:
        return {**base, 'status': 'unsupported', 'note': 'no SymPy formulation in bench/sympy_bench.py'}
    kind, build = entry
    try:
        vars_ = Vars(case.get('where', ''))
        f = build(vars_)
        wrt = [vars_[w] for w in case['wrt']]
    except Exception as e:  # the function cannot be written as a SymPy matrix expression
        return {**base, 'status': 'unsupported', 'note': f'{type(e).__name__}: {str(e)[:200]}'}
    base['formulation'] = str(f)[:300]
    order = case.get('order', 1)

    def once():
        clear_cache()
        t0 = time.perf_counter()
        r = differentiate(kind, f, wrt, order)
        return r, time.perf_counter() - t0

    signal.signal(signal.SIGALRM, _alarm)
    try:
        signal.alarm(timeout)
        r, first = once()  # warm-up (untimed in the statistics)
        times = []
        spent = 0.0
        while len(times) < max_reps and (len(times) < 3 or spent < budget):
            r, dt = once()
            times.append(dt)
            spent += dt
        signal.alarm(0)
    except Timeout:
        return {**base, 'status': 'timeout', 'note': f'.diff/.doit took more than {timeout} s'}
    except Exception as e:
        signal.alarm(0)
        return {**base, 'status': 'error', 'note': f'{type(e).__name__}: {str(e)[:200]}'}
    out = {
        **base,
        'result': str(r)[:400],
        'firstMs': first * 1e3,
        'medianMs': statistics.median(times) * 1e3,
        'p95Ms': quantile(times, 0.95) * 1e3,
        'reps': len(times),
    }
    try:
        t0 = time.perf_counter()
        sp.latex(r)
        out['latexMs'] = (time.perf_counter() - t0) * 1e3
    except Exception as e:
        out['latexMs'] = None
        out['latexError'] = f'{type(e).__name__}: {str(e)[:120]}'
    if has_derivative(r):
        return {**out, 'status': 'unevaluated', 'note': 'the answer contains an unevaluated Derivative'}
    if kind == D:
        try:
            clear_cache()
            if has_derivative(f.diff(wrt[0])):
                out['note'] = '.diff() alone leaves a Derivative; .doit() evaluates it to the answer shown'
        except Exception:
            pass
    try:
        signal.alarm(timeout)
        c = check(case, kind, vars_, f, r, np.random.default_rng(seed))
        signal.alarm(0)
    except Timeout:
        return {**out, 'status': 'error', 'note': 'evaluating the answer timed out'}
    except Exception as e:
        signal.alarm(0)
        return {**out, 'status': 'error', 'note': f'the answer cannot be evaluated: {type(e).__name__}: {str(e)[:160]}'}
    out['maxRelError'] = c['error']
    if c['error'] <= c['tol']:
        return {**out, 'status': 'ok'}
    why = c.get('detail', f'max relative error {c["error"]:.3g} against finite differences')
    return {**out, 'status': 'wrong', 'note': f"{out['note']}; {why}" if 'note' in out else why}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=str(Path(__file__).resolve().parent.parent / 'test' / 'corpus'))
    ap.add_argument('--only', default='')
    ap.add_argument('--budget', type=float, default=0.4, help='seconds of timed runs per case (at least 3 runs)')
    ap.add_argument('--max-reps', type=int, default=15)
    ap.add_argument('--timeout', type=int, default=30)
    ap.add_argument('--seed', type=int, default=7)
    args = ap.parse_args()
    sys.setrecursionlimit(10_000)
    cases = []
    for file in sorted(Path(args.corpus).glob('*.json')):
        cases.extend(c for c in json.loads(file.read_text()) if isinstance(c.get('expr'), str))
    only = set(filter(None, args.only.split(',')))
    if only:
        cases = [c for c in cases if c['id'] in only]
    results = []
    for i, case in enumerate(cases):
        res = run_case(case, args.budget, args.max_reps, args.timeout, args.seed + i)
        results.append(res)
        t = f"{res['medianMs']:.1f} ms" if 'medianMs' in res else ''
        print(f"[sympy] {i + 1}/{len(cases)} {case['id']}: {res['status']} {t}", file=sys.stderr)
    json.dump({
        'sympy': sp.__version__,
        'numpy': np.__version__,
        'python': platform.python_version(),
        'executable': sys.executable,
        'sizes': SIZES,
        'cases': results,
    }, sys.stdout)


if __name__ == '__main__':
    main()
