export * from './envelope.ts';
export * from './channels.ts';
export * from './api.ts';
export * from './wire.ts';
export * from './repair-channels.ts';
