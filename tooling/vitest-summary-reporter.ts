import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that CI systems which do not
 * parse vitest's own summary can read; before it, one line per skipped suite that names its reason
 * (a suite title containing "skipped: ", e.g. the WebGPU tests without an adapter).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const reasons = new Set<string>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else {
          skipped += 1;
          const suite = test.fullName.split(' > ')[0]!;
          if (suite.includes('skipped: ')) reasons.add(suite);
        }
      }
    }
    for (const reason of reasons) process.stdout.write(`\n${reason}`);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
