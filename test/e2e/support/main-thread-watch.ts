import type { Page } from '@playwright/test';
import type { PageGlobals } from './page-globals.ts';

/** What the page's main thread went through while watched. */
export interface MainThreadReport {
  /** Longest gap between two 10 ms heartbeat ticks, ms: how long the page could not react. */
  maxGap: number;
  /** Durations of the long tasks (> 50 ms) Chromium reported, ms. */
  longTasks: number[];
  /** Longest gap between two animation frames, ms: how long the page could not paint. */
  maxFrameGap: number;
  frames: number;
}

/** Starts a 10 ms heartbeat and a long-task observer in the page. */
export async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const watch = {
      maxGap: 0,
      last: performance.now(),
      longTasks: [] as number[],
      maxFrameGap: 0,
      frames: 0,
      stop: () => undefined as void,
    };
    let lastFrame = performance.now();
    let watching = true;
    const onFrame = (now: number) => {
      watch.maxFrameGap = Math.max(watch.maxFrameGap, now - lastFrame);
      lastFrame = now;
      watch.frames += 1;
      if (watching) w.requestAnimationFrame(onFrame);
    };
    w.requestAnimationFrame(onFrame);
    const timer = setInterval(() => {
      const now = performance.now();
      watch.maxGap = Math.max(watch.maxGap, now - watch.last);
      watch.last = now;
    }, 10);
    const observer = new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.longTasks.push(Math.round(entry.duration));
    });
    observer.observe({ type: 'longtask' });
    watch.stop = () => {
      watching = false;
      clearInterval(timer);
      observer.disconnect();
    };
    w.__watch = watch;
  });
}

/** Stops the watch started by {@link watchMainThread} and reports it. */
export async function stopWatching(page: Page): Promise<MainThreadReport> {
  return page.evaluate(() => {
    const watch = (globalThis as unknown as PageGlobals).__watch!;
    watch.stop();
    return {
      maxGap: Math.round(watch.maxGap),
      longTasks: watch.longTasks,
      maxFrameGap: Math.round(watch.maxFrameGap),
      frames: watch.frames,
    };
  });
}
