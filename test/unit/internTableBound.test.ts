/**
 * The unit suite's hash-consing table keeps its headroom. The suite runs in one process, and many tests
 * compare nodes by reference to fixtures made when their files loaded; derive() empties the table past
 * INTERN_LIMIT_BYTES, and then every later file fails at once with errors that do not say why (107 tests
 * on 2026-12-07, the table at 539 MB). This root hook, after the whole run, fails first and says why
 * when the table passes three quarters of the bound: move the heavy work into a child process
 * (CONTRIBUTING.md, Tests). Node counts are deterministic (seeded tests), so this is no timing check.
 */
import * as assert from 'node:assert/strict';
import { internTableBytes } from '../../src/core/index';
import { INTERN_LIMIT_BYTES } from '../../src/core/service';

const HEADROOM = 0.75;

after('the hash-consing table kept its headroom over the run', () => {
  const bytes = internTableBytes();
  assert.ok(
    bytes <= HEADROOM * INTERN_LIMIT_BYTES,
    `the unit suite's hash-consing table holds ${(bytes / 2 ** 20).toFixed(0)} MB, past ${HEADROOM * 100} % of its reset bound (${INTERN_LIMIT_BYTES / 2 ** 20} MB): run the heaviest new test's work in a child process (CONTRIBUTING.md, Tests)`,
  );
});
