/** A run of finding text: plain, or a span that was quoted in backticks. */
export interface TextRun {
  text: string;
  code: boolean;
}

/**
 * Finding texts quote commands and file names in backticks (the CLI prints them as is); the dashboard
 * renders those spans as `<code>`. An unpaired backtick stays literal text; empty plain runs are dropped.
 */
export function splitInlineCode(text: string): TextRun[] {
  const parts = text.split('`');
  // An even number of parts means an odd number of backticks: the last one has no partner.
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)}\`${parts.at(-1)}`];
  return paired.map((part, index) => ({ text: part, code: index % 2 === 1 })).filter((run) => run.code || run.text !== '');
}
