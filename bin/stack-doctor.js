#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx stack-doctor` works right after `npm install`
// on a fresh clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli/main.ts');
const { processDeps } = await import('../src/main/cli/default-deps.ts');
// exitCode rather than process.exit(): pending log writes get flushed before the process ends.
process.exitCode = await runCli(process.argv, processDeps());
