/**
 * The notation of a text, for `from: 'auto'`:
 * - LaTeX when it has a TeX command (`\frac`, `\mathbf`, `\|`, `\,`), a braced script `^{`/`_{`, or a
 *   `$` math delimiter;
 * - NumPy (also PyTorch, JAX) when it has a module prefix (`np.`, `numpy.`, `torch.`, `jnp.`, `jax.`,
 *   `F.`, `scipy.`), `@`, `**`, `.T`, or a Python statement (`import`, `def`, `return`);
 * - the plain syntax otherwise.
 * Comments (`#` in plain and Python text) are ignored, so a declaration comment does not decide.
 */
import type { Notation } from '../api';

const LATEX = /\\[A-Za-z]|\\[|{},;!]|[_^]\{|\$/;
const NUMPY = /\b(?:np|numpy|torch|jnp|jax|scipy|F|nn)\.[A-Za-z_]|@|\*\*|\.T\b|^\s*(?:import|from|def|return)\b/m;

export function detectNotation(text: string): Notation {
  if (LATEX.test(text)) return 'latex';
  const code = text.replace(/#[^\n]*/g, '');
  if (NUMPY.test(code)) return 'numpy';
  return 'plain';
}
