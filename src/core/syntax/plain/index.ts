/** The plain-syntax reader: `parsePlain` (text → syntax tree) and `readPlain` (→ checked `Expr`). */
export { parsePlain, readPlain } from './read';
