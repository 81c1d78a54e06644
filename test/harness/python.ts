/**
 * The Python interpreter for tests that run emitted code: the first of $MATCALC_PYTHON, `python3`
 * and Debian's /usr/bin/python3 that can import the modules asked for. (A pyenv `python3` does not
 * see the Debian packages that scripts/setup.sh installs, so both are tried.)
 */
import { spawnSync } from 'node:child_process';

const cache = new Map<string, string | undefined>();

export function pythonWith(modules: readonly string[]): string | undefined {
  const key = modules.join(',');
  if (cache.has(key)) return cache.get(key);
  const candidates = [process.env.MATCALC_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  const found = candidates.find((py) => spawnSync(py, ['-c', `import ${key}`], { encoding: 'utf8' }).status === 0);
  cache.set(key, found);
  return found;
}

/** Like pythonWith, but a missing interpreter is an error (the set-up script installs numpy). */
export function requirePython(modules: readonly string[]): string {
  const py = pythonWith(modules);
  if (!py) throw new Error(`no Python interpreter can import ${modules.join(', ')}: run npm run setup`);
  return py;
}
