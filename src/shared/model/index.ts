export * from './probe.ts';
export * from './finding.ts';
export * from './runtime.ts';
export * from './stack.ts';
export * from './orchestrator.ts';
export * from './diagnosis.ts';
export * from './settings.ts';
export * from './stack-config.ts';
