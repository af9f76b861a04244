import { describe, expect, it } from 'vitest';
import { canOpenBrowser } from '../../../../src/main/cli/serve/open-browser.ts';

describe('canOpenBrowser', () => {
  it('needs a display on Linux, and nothing on macOS or Windows', () => {
    expect(canOpenBrowser({}, 'linux')).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({}, 'darwin')).toBe(true);
    expect(canOpenBrowser({}, 'win32')).toBe(true);
    expect(canOpenBrowser({ DISPLAY: ':0' }, 'freebsd')).toBe(false);
  });
});
