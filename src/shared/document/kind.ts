/**
 * The kinds of document the product reads math from. Pure: shared by the core (proofreading) and the extension.
 */
/** How the extension treats a document: which spans it looks for, which comments declare shapes. */
export type DocumentKind = 'markdown' | 'latex' | 'python' | 'matcalc' | 'plain';

export function documentKind(languageId: string): DocumentKind {
  switch (languageId) {
    case 'markdown':
    case 'quarto':
    case 'rmd':
      return 'markdown';
    case 'latex':
    case 'tex':
    case 'bibtex':
    case 'context':
    case 'latex-expl3':
    case 'doctex':
      return 'latex';
    case 'python':
    case 'jupyter':
      return 'python';
    case 'matcalc':
      return 'matcalc';
    default:
      return 'plain';
  }
}
