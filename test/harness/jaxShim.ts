/**
 * JAX is not installed here; jax.numpy mirrors NumPy's API, so Python tests run emitted JAX code
 * against this stand-in: a module "jax.numpy" that is NumPy, plus the .at[…].set(…) of JAX arrays,
 * and a "jax" whose config.update does nothing, with the two functions the writer takes from outside
 * jax.numpy: jax.lax.erf (Python's math.erf entry by entry) and jax.nn.gelu with approximate=False
 * (the exact u·Φ(u), as JAX documents it; the default tanh approximation is refused). Python
 * source, to run after "import sys, types" and "import numpy as np".
 */
export const JAX_SHIM = String.raw`
class AtArray(np.ndarray):
    @property
    def at(self):
        base = self
        class Index:
            def __getitem__(self, idx):
                class Setter:
                    def set(self, v):
                        out = np.array(base).view(AtArray)
                        out[idx] = v
                        return out
                return Setter()
        return Index()

jnp = types.ModuleType('jax.numpy')
for name in dir(np):
    setattr(jnp, name, getattr(np, name))
jnp.zeros = lambda *a, **k: np.zeros(*a, **k).view(AtArray)
jax = types.ModuleType('jax')
jax.numpy = jnp
jax.config = types.SimpleNamespace(update=lambda *a: None)

import math
_erf = np.vectorize(math.erf, otypes=[float])


def _gelu(u, approximate=True):
    if approximate:
        raise ValueError('the stand-in has only the exact GELU (approximate=False)')
    return u * 0.5 * (1.0 + _erf(u / math.sqrt(2.0)))


jax.lax = types.SimpleNamespace(erf=_erf)
jax.nn = types.SimpleNamespace(gelu=_gelu)
sys.modules['jax'] = jax
sys.modules['jax.numpy'] = jnp
`;
