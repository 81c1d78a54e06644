/**
 * Insert Result in a Python file: the NumPy code's import is written once, at the top of the module
 * (left out when the file has it), and the comment above the code gives the shape of the array the
 * code returns (f.shape + W.shape), not the matrix form's unravelled km×kn.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { insertionText } from '../../../src/extension/commands/insertion';
import { hasImport, importPosition, takeImports } from '../../../src/extension/commands/pythonImports';
import { numpyFor, runDerive } from '../../../src/extension/derivation';

describe('Insert Result in Python: imports at the top, once', () => {
  it('the emitted code’s imports are taken out of the block', () => {
    const code = numpyFor({ expr: 'np.tanh(X @ W)', from: 'numpy', wrt: ['W'] });
    assert.ok(code);
    const { imports, rest } = takeImports(code);
    assert.deepEqual(imports, ['import numpy as np']);
    assert.doesNotMatch(rest, /^import /m);
    assert.match(rest, /^def derivative\(X, W\):$/m);
    assert.match(rest, /np\.einsum/, 'the code itself is kept');
  });

  it('an import the module makes is recognised, in its spellings; others are not taken for it', () => {
    const has = (src: string) => hasImport(src.split('\n'), 'import numpy as np');
    assert.ok(has('import numpy as np'));
    assert.ok(has('"""Doc."""\nimport os\nimport numpy  as np  # arrays\n\nx = 1'));
    assert.ok(has('import os, numpy as np, sys'));
    assert.ok(!has('import numpy'), 'numpy bound as numpy, not np');
    assert.ok(!has('import numpy as onp'));
    assert.ok(!has('from numpy import linalg'));
    assert.ok(!has('def f():\n    import numpy as np\n    return np.eye(2)'), 'an import inside a function does not bind np at top level');
    assert.ok(!has('# import numpy as np'));
    assert.ok(!has(''));
    assert.ok(hasImport(['from torch import nn'], 'from torch import nn'));
    assert.ok(hasImport(['import torch.nn.functional as F'], 'import torch.nn.functional as F'));
  });

  it('a missing import goes after the imports at the top, else after shebang, encoding and docstring', () => {
    const pos = (src: string) => importPosition(src.split('\n'));
    assert.deepEqual(pos('import os\nimport sys\n\nx = 1'), { line: 2, blankAfter: false });
    assert.deepEqual(pos('from __future__ import annotations\n\nimport torch.nn.functional as F\n\n# X: matrix(N, n)\nloss = F.cross_entropy(X @ W + b, Y)'), { line: 3, blankAfter: false });
    assert.deepEqual(pos('from typing import (\n    Any,\n    List,\n)\nx = 1'), { line: 4, blankAfter: false });
    assert.deepEqual(pos('#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""A module.\n\nIts doc.\n"""\n\nx = 1'), { line: 6, blankAfter: false });
    assert.deepEqual(pos('"""One line."""\nimport os\nx = 1'), { line: 2, blankAfter: false });
    assert.deepEqual(pos('# w: vector(n)\nloss = w @ w'), { line: 0, blankAfter: true }, 'no imports: the first line (comments above code are the code’s)');
    assert.deepEqual(pos(''), { line: 0, blankAfter: false });
  });
});

describe('Insert Result in Python: the comment names the shape the code returns', () => {
  const derived = (expr: string, wrt: string[], order: 1 | 2 = 1) => {
    const r = runDerive({ expr, from: 'numpy', wrt, order });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const code = numpyFor({ expr, from: 'numpy', wrt, order });
    assert.ok(code);
    return insertionText({ result: r.value, languageId: 'python', numpy: takeImports(code).rest, indent: '', eol: '\n' });
  };

  it('a matrix by a matrix: f.shape + W.shape, not km×kn; no import in the block', () => {
    const text = derived('np.tanh(X @ W)', ['W']);
    const head = text.split('\n')[0];
    assert.equal(head, '# ∂f/∂W of tanh(X*W): derivative() returns an array of shape f.shape + W.shape (f is m×k, W is n×k)');
    assert.doesNotMatch(text, /km×kn/);
    assert.doesNotMatch(text, /^import /m);
  });

  it('a gradient (the layout’s k×n is not what the code returns), a Hessian, stacked scalars', () => {
    assert.equal(derived('np.sum(np.tanh(X @ W))', ['W']).split('\n')[0], '# ∂f/∂W of sum(tanh(X*W)): derivative() returns an array of shape f.shape + W.shape (f is 1×1, W is n×k)');
    assert.equal(derived('x @ A @ x', ['x'], 2).split('\n')[0], '# ∂²f/∂x² of x\'*A*x: derivative() returns an array of shape f.shape + x.shape + x.shape (f is 1×1, x is n×1)');
    assert.equal(derived('a * b**2', ['a', 'b']).split('\n')[0], '# ∂f/∂a, b of a*b^2: derivative() returns an array of shape f.shape + (2,) (f is 1×1, (a, b) is 2×1)');
  });
});

describe('Insert Result in Python: imports made in a block, one comment header, a notebook’s import', () => {
  const has = (src: string) => hasImport(src.split('\n'), 'import numpy as np');

  it('an import inside an if, try/except, else or with at module level binds np; inside a def or class (even under an if) it does not', () => {
    assert.ok(has('try:\n    import numpy as np\nexcept ImportError:\n    np = None'));
    assert.ok(has('if HAVE_NUMPY:\n    import numpy as np'));
    assert.ok(has('try:\n    import cupy as np\nexcept ImportError:\n    import numpy as np'), 'the fallback import binds np too');
    assert.ok(has('import sys\nif sys.version_info >= (3, 8):\n    if True:\n        import numpy as np\nelse:\n    pass'));
    assert.ok(has('with warnings.catch_warnings():\n    import numpy as np'));
    assert.ok(!has('def f():\n    import numpy as np'));
    assert.ok(!has('class A:\n    import numpy as np'));
    assert.ok(!has('if True:\n    def f():\n        import numpy as np'));
    assert.ok(!has('async def f():\n    import numpy as np'));
    assert.ok(!has('s = """\n    import numpy as np\n"""'), 'a line of a string is not an import');
    assert.ok(!has('if x:\n    # import numpy as np\n    pass'));
  });

  const block = (expr: string, wrt: string[], imports?: readonly string[]) => {
    const r = runDerive({ expr, from: 'numpy', wrt });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const code = numpyFor({ expr, from: 'numpy', wrt });
    assert.ok(code);
    return insertionText({ result: r.value, languageId: 'python', numpy: takeImports(code).rest, imports, indent: '', eol: '\n' });
  };

  it('one comment header above the code: the command’s line, not the emitted code’s own comments too', () => {
    const text = block('np.tanh(X @ W)', ['W']);
    const lines = text.split('\n');
    assert.equal(lines[0], '# ∂f/∂W of tanh(X*W): derivative() returns an array of shape f.shape + W.shape (f is m×k, W is n×k)');
    // Every comment line is the header's: the first line; the code follows it.
    assert.deepEqual(lines.filter((l) => l.startsWith('#')), [lines[0]], text);
    assert.equal(lines[1], 'def value(X, W):', text);
    assert.match(text, /^def derivative\(X, W\):$/m);
  });

  it('imports to write in the block go under the header, then the two blank lines before the code', () => {
    const text = block('np.tanh(X @ W)', ['W'], ['import numpy as np']);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(1, 5), ['import numpy as np', '', '', 'def value(X, W):'], text);
    assert.equal(lines.filter((l) => l.startsWith('#')).length, 1, text);
  });
});
