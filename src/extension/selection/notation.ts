/**
 * The notation (`from`) of a selection, chosen from the document's language and the text itself.
 * Pure: no `vscode` import.
 */
import type { Notation } from '../../core/api';

export { documentKind, type DocumentKind } from '../../shared/document/kind';
import { documentKind, type DocumentKind } from '../../shared/document/kind';

/** The notation a language writes math in when the text itself gives no sign. */
export function defaultNotation(kind: DocumentKind): Notation {
  switch (kind) {
    case 'markdown':
    case 'latex':
      return 'latex';
    case 'python':
      return 'numpy';
    case 'matcalc':
    case 'plain':
      return 'plain';
  }
}

const LATEX_SIGNS = /\\[A-Za-z]+|[_^]\{|\\[{}|,;!]/;
const NUMPY_SIGNS = /@|\b(?:np|numpy|torch|jnp|jax)\.|\.T\b|\*\*/;
const PLAIN_SIGNS = /[\w)\]]'/;

/**
 * The notation of `text` in a document of `languageId`. Clear signs in the text win (a TeX command
 * means LaTeX; `@`, `np.`, `.T` or `**` mean NumPy; a postfix `'` means the plain syntax), then the
 * language's own notation. `fixed` (the notation the place fixes: LaTeX in a math span, the
 * plain syntax in a ```matcalc fence) wins over everything; `.matcalc` files are always plain.
 */
export function detectNotation(text: string, languageId: string, fixed?: Notation): Notation {
  if (fixed) return fixed;
  const kind = documentKind(languageId);
  if (kind === 'matcalc') return 'plain';
  if (LATEX_SIGNS.test(text)) return 'latex';
  if (NUMPY_SIGNS.test(text)) return 'numpy';
  if (PLAIN_SIGNS.test(text)) return 'plain';
  return defaultNotation(kind);
}
