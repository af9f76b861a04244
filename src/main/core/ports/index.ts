export * from './clock.port.ts';
export * from './docker-engine.port.ts';
export * from './network-probe.port.ts';
export * from './workspace.port.ts';
export * from './runtime-signals.port.ts';
export * from './settings.port.ts';
export * from './logger.port.ts';
