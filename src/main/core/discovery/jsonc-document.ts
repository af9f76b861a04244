import { getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { positionAt } from './source-document.ts';
import type { SourceDocument, SourcePosition } from './source-document.ts';

/**
 * Parses JSON with comments and trailing commas (what devcontainer.json allows), keeping offsets. A leading
 * byte-order mark (editors on Windows write one) is not content: dropped, so positions match the editor's.
 */
export function loadJsoncDocument(file: string, source: string): SourceDocument {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntaxIssues = errors.map((error) => ({
    file,
    ...positionAt(text, error.offset),
    field: '',
    message: `JSON syntax error: ${printParseErrorCode(error.error)}`,
  }));
  const value: unknown = tree && syntaxIssues.length === 0 ? getNodeValue(tree) : undefined;
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    let node: Node | undefined = tree;
    let offset = tree?.offset ?? 0;
    for (const segment of path) {
      if (node?.type === 'object') {
        const property: Node | undefined = node.children?.find((child) => child.children?.[0]?.value === String(segment));
        const key = property?.children?.[0];
        if (!property || !key) break;
        offset = key.offset;
        node = property.children?.[1];
      } else if (node?.type === 'array') {
        const item: Node | undefined = node.children?.[Number(segment)];
        if (!item) break;
        offset = item.offset;
        node = item;
      } else {
        break;
      }
    }
    return positionAt(text, offset);
  };
  return { file, value, syntaxIssues, locate };
}
