/**
 * The few browser globals the chat e2e touches inside `page.evaluate`, typed here because the e2e files
 * compile without the DOM lib. Use as `globalThis as unknown as PageGlobals` inside the page function.
 */
export interface PageGlobals {
  document: { querySelector(selector: string): object | null };
  navigator: { clipboard: { readText(): Promise<string> } };
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number }> }) => void) => {
    observe(options: { type: string }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  /** Chromium with `--js-flags=--expose-gc`. */
  gc?: () => void;
  __watch?: { maxGap: number; last: number; longTasks: number[]; maxFrameGap: number; frames: number; stop: () => void };
  __tokens?: WeakRef<object>;
}
