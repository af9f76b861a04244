import { splitInlineCode } from './inline-code.ts';

/** Finding text with its backtick-quoted spans (commands, file names) shown as `<code>`. */
export function InlineCode({ text }: { text: string }) {
  return <>{splitInlineCode(text).map((run, index) => (run.code ? <code key={index}>{run.text}</code> : run.text))}</>;
}
