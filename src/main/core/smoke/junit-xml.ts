import { create } from 'xmlbuilder2';
import type { SmokeCheckResult, SmokeScoreboard } from '../../../shared/model/index.ts';

type XMLBuilder = ReturnType<typeof create>;

export interface JunitOptions {
  /** `name` of the root `testsuites`. Default `stack-doctor smoke`. */
  name?: string;
}

/** JUnit counts seconds; three decimals keep a millisecond. */
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * The scoreboard as JUnit XML (the Ant/Surefire shape CI systems read): `testsuites` › one `testsuite` per
 * suite › one `testcase` per check (`classname` `smoke.<suite>`, `time` in seconds) with `failure`, `error` or
 * `skipped` carrying the reason, and the target in `system-out`. Escaping is the builder's; characters XML 1.0
 * cannot hold (control characters, lone surrogates) become U+FFFD instead of breaking the file.
 */
export function renderJunitXml(scoreboard: SmokeScoreboard, options: JunitOptions = {}): string {
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('testsuites', {
    name: options.name ?? 'stack-doctor smoke',
    tests: String(scoreboard.total),
    failures: String(scoreboard.failed),
    errors: String(scoreboard.errors),
    skipped: String(scoreboard.skipped),
    time: seconds(scoreboard.durationMs),
    timestamp: scoreboard.startedAt,
  });
  for (const suite of scoreboard.suites) {
    const element = root.ele('testsuite', {
      name: suite.name,
      tests: String(suite.total),
      failures: String(suite.failed),
      errors: String(suite.errors),
      skipped: String(suite.skipped),
      time: seconds(suite.durationMs),
      timestamp: scoreboard.startedAt,
    });
    for (const result of scoreboard.results) if (result.suite === suite.name) testcase(element, result);
  }
  return root.end({ prettyPrint: true });
}

function testcase(suite: XMLBuilder, result: SmokeCheckResult): void {
  const element = suite.ele('testcase', { name: result.check, classname: `smoke.${result.suite}`, time: seconds(result.durationMs) });
  const reason = result.reason ?? '';
  if (result.result === 'fail') element.ele('failure', { message: reason, type: result.kind }).txt(reason);
  else if (result.result === 'error') element.ele('error', { message: reason, type: result.kind }).txt(reason);
  else if (result.result === 'skipped') element.ele('skipped', { message: reason });
  if (result.target) element.ele('system-out').txt(`target: ${result.target}`);
}
