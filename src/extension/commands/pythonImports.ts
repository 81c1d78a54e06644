/**
 * The imports of the Python code *Insert Result* writes into a Python file (the NumPy code's
 * `import numpy as np`): a Python user keeps imports at the top of the module (PEP 8), each once.
 * So an import the file (or, in a notebook, a cell before) already makes — at the top, or in a
 * module-level if / try block — is left out, and one it lacks goes to the file's import section —
 * after the last import of the imports at its top, or, with none, after the shebang, the encoding
 * line and the module docstring — never into the middle of the file. (In a notebook it goes into the
 * inserted block instead: edits.ts.) Pure: lines in, lines out.
 */

/** The top-level import statements of a block of code (lines at column 0), and the block without them. */
export function takeImports(code: string): { readonly imports: readonly string[]; readonly rest: string } {
  const imports: string[] = [];
  const kept: string[] = [];
  for (const line of code.split(/\r?\n/)) {
    if (/^(import|from)\s+\S/.test(line) && !line.trimEnd().endsWith('\\') && !line.includes('(')) imports.push(line.trimEnd());
    else kept.push(line);
  }
  return { imports, rest: kept.join('\n') };
}

/** What an import statement binds: [module, name bound] pairs ("import numpy as np" → numpy as np). */
function bindings(statement: string): readonly string[] {
  const s = statement.replace(/#.*$/, '').trim();
  const plain = /^import\s+(.+)$/.exec(s);
  if (plain) {
    return plain[1].split(',').map((part) => {
      const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      return m ? `${m[1]} as ${m[2] ?? m[1]}` : '';
    });
  }
  const from = /^from\s+([\w.]+)\s+import\s+\(?([^)]*)\)?$/.exec(s);
  if (from) {
    return from[2].split(',').map((part) => {
      const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      return m ? `${from[1]}.${m[1]} as ${m[2] ?? m[1]}` : '';
    });
  }
  return [];
}

/** The blocks whose body binds names in the module (an import under them is the module's): not def, class, lambda. */
const MODULE_BLOCK = /^(if|elif|else|try|except|finally|with|for|while|async\s+(with|for))\b.*:\s*(#.*)?$/;

const indentOf = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0;

/**
 * Whether the import statement on `lines[i]` runs in the module's namespace: at column 0, or in the
 * body of module-level if / try / except / else / with / for / while blocks (`try: import numpy as np`),
 * not in a def or a class. Each enclosing block is the nearest line above with less indentation; it
 * must open such a block (a line of a string, under a line that opens none, is not an import).
 */
function inModuleScope(lines: readonly string[], i: number): boolean {
  let indent = indentOf(lines[i]);
  for (let k = i - 1; k >= 0 && indent > 0; k--) {
    const line = lines[k];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const own = indentOf(line);
    if (own >= indent) continue;
    if (!MODULE_BLOCK.test(line.trim())) return false;
    indent = own;
  }
  return indent === 0;
}

/** Whether the module's own code (not a def's or a class's) already makes every binding of `statement`. */
export function hasImport(lines: readonly string[], statement: string): boolean {
  const wanted = bindings(statement).filter((b) => b !== '');
  if (wanted.length === 0) return false;
  const made = new Set<string>();
  lines.forEach((line, i) => {
    if (/^(import|from)\s/.test(line.trimStart()) && inModuleScope(lines, i)) for (const b of bindings(line.trim())) made.add(b);
  });
  return wanted.every((b) => made.has(b));
}

/** A line that opens a string literal at column 0 (a docstring), and the quote that closes it. */
function docstringQuote(line: string): string | undefined {
  const m = /^[rRuU]?("""|'''|"|')/.exec(line);
  return m?.[1];
}

/**
 * Where a new top-level import goes (the 0-based line to insert before), and whether a blank line
 * should follow it (it starts the imports, and code follows).
 */
export function importPosition(lines: readonly string[]): { readonly line: number; readonly blankAfter: boolean } {
  const n = lines.length;
  let i = 0;
  // A shebang and an encoding declaration stay the first lines.
  if (i < n && lines[i].startsWith('#!')) i++;
  if (i < n && /^#.*coding[:=]/.test(lines[i])) i++;
  // The module docstring (after blank lines and comments).
  let j = i;
  while (j < n && (lines[j].trim() === '' || lines[j].startsWith('#'))) j++;
  const quote = j < n ? docstringQuote(lines[j]) : undefined;
  if (quote) {
    const open = lines[j].indexOf(quote) + quote.length;
    let end = j;
    if (!lines[j].slice(open).includes(quote)) {
      end = j + 1;
      while (end < n && !lines[end].includes(quote)) end++;
    }
    i = Math.min(end + 1, n);
  }
  // The imports at the top: the new one goes after the last of them.
  let lastImport = -1;
  for (let k = i; k < n; k++) {
    const line = lines[k];
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^(import|from)\s/.test(line)) break;
    let end = k;
    if (line.includes('(') && !line.includes(')')) while (end + 1 < n && !lines[end].includes(')')) end++;
    while (end + 1 < n && lines[end].trimEnd().endsWith('\\')) end++;
    lastImport = end;
    k = end;
  }
  if (lastImport >= 0) return { line: lastImport + 1, blankAfter: false };
  return { line: i, blankAfter: i < n && lines[i].trim() !== '' };
}
