import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from '../../../src/main/shell/trusted-sender.ts';

describe('isTrustedRendererUrl', () => {
  const file = { kind: 'file', path: '/opt/Stack Doctor/out/renderer/index.html' } as const;
  const page = pathToFileURL(file.path).href;

  it('accepts the exact file page we loaded, with a hash or query', () => {
    expect(isTrustedRendererUrl(page, file)).toBe(true);
    expect(isTrustedRendererUrl(`${page}#finding-PORT_CLOSED`, file)).toBe(true);
    expect(isTrustedRendererUrl(`${page}?x=1`, file)).toBe(true);
  });

  it('refuses another file, a remote page, garbage and missing urls', () => {
    expect(isTrustedRendererUrl(pathToFileURL('/tmp/evil.html').href, file)).toBe(false);
    expect(isTrustedRendererUrl('file:///opt/Stack%20Doctor/out/renderer/other.html', file)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/index.html', file)).toBe(false);
    expect(isTrustedRendererUrl('not a url', file)).toBe(false);
    expect(isTrustedRendererUrl('', file)).toBe(false);
    expect(isTrustedRendererUrl(undefined, file)).toBe(false);
    expect(isTrustedRendererUrl(null, file)).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    const dev = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html#x', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl(page, dev)).toBe(false);
  });
});
