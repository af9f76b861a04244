export { detectRuntime } from './detect-runtime.ts';
export type { DetectRuntimeOptions } from './detect-runtime.ts';
