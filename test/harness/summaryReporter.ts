/**
 * Mocha's spec reporter plus one closing line "LABEL: N passed, N failed" (LABEL from the
 * reporter option `label`, default "tests"), the plain summary CI tools look for. Use in a
 * .mocharc.json: "reporter": "out/test/harness/summaryReporter.js", "reporter-option": ["label=unit"].
 */
import Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = (options?.reporterOptions as { label?: string } | undefined)?.label ?? 'tests';
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      // After the spec reporter's epilogue (also an EVENT_RUN_END listener, registered first).
      process.stdout.write(`${label}: ${passed} passed, ${failed} failed\n`);
    });
  }
}

export = SummaryReporter;
