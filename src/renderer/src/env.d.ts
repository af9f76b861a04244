import type { AppApi } from '../../shared/contract/index.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser (serve mode), where the ws transport is used. */
    api?: AppApi;
  }
}

export {};
