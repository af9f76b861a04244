import type { SmokeHttpCheck } from '../../../shared/model/index.ts';
import { jsonEquals, parseJsonPath, selectJsonPath } from './json-path.ts';

/** The parts of an HTTP answer expectations look at. */
export interface HttpAnswer {
  status: number;
  body: string;
  /** The body was cut at the adapter's cap: a missing text may lie beyond it, and JSON cannot be parsed. */
  truncated: boolean;
}

/** Longest quoted value in a reason, characters: a reason is one line of a scoreboard. */
const QUOTE_MAX = 80;

/**
 * Every expectation of `expect` that the answer breaks, one sentence each; empty when all hold. Without
 * `expect.status` any 2xx passes. Values quoted from the body are cut to 80 characters.
 */
export function unmetExpectations(expect: SmokeHttpCheck['expect'], answer: HttpAnswer): string[] {
  const unmet: string[] = [];
  const statuses = expect?.status === undefined ? null : [expect.status].flat();
  if (statuses ? !statuses.includes(answer.status) : answer.status < 200 || answer.status > 299) {
    unmet.push(`status ${answer.status}, expected ${statuses ? statuses.join(' or ') : '2xx'}`);
  }
  const cut = answer.truncated ? ' (only the first part of the body was read)' : '';
  for (const text of expect?.bodyContains === undefined ? [] : [expect.bodyContains].flat()) {
    if (!answer.body.includes(text)) unmet.push(`body does not contain ${quote(text)}${cut}`);
  }
  if (expect?.json) unmet.push(...unmetJson(expect.json, answer));
  return unmet;
}

function unmetJson(expected: NonNullable<NonNullable<SmokeHttpCheck['expect']>['json']>, answer: HttpAnswer): string[] {
  if (answer.truncated) return ['body is too large to read as JSON'];
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [answer.body.trim() === '' ? 'body is empty, expected JSON' : 'body is not JSON'];
  }
  return expected.flatMap(({ path, equals }) => {
    const steps = parseJsonPath(path);
    // The schema accepts only paths this parser reads; a null here means the two disagree.
    if (!steps) return [`${path} is not a supported JSON path`];
    const selected = selectJsonPath(body, steps);
    if (!selected.found) return [`${path} is missing (the body has nothing under ${selected.at === '$' ? 'the root' : selected.at})`];
    if (jsonEquals(selected.value, equals)) return [];
    return [`${path} is ${quote(selected.value)}, expected ${quote(equals)}`];
  });
}

/** JSON text of a value, cut to QUOTE_MAX characters and kept on one line. */
function quote(value: unknown): string {
  const text = (JSON.stringify(value) ?? String(value)).replace(/[\r\n]+/g, ' ');
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
}
