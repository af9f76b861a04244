import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { SourceDocument, SourcePosition } from './source-document.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/**
 * Parses YAML keeping node ranges. Merge keys (`<<: *common`) are enabled because compose files
 * use them for shared `x-` blocks.
 */
export function loadYamlDocument(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxIssues = doc.errors.map((error) => ({ file, ...at(error.pos[0]), field: '', message: firstLine(error.message) }));
  let value: unknown;
  if (syntaxIssues.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 }) ?? undefined;
    } catch (error) {
      // Alias bombs and unresolved aliases only surface when the document is converted.
      syntaxIssues.push({ file, line: 1, column: 1, field: '', message: errorMessage(error) });
    }
  }
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return at(offset);
  };
  return { file, value, syntaxIssues, locate };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
