#!/usr/bin/env node
// Runs the built CLI (out/cli/launch.js → cli.cjs with V8's code cache, emitted by `npm run build`, which `prepare`
// runs on `npm install` in a clone). The dev path runs the TypeScript sources through tsx instead: with
// STACK_DOCTOR_DEV=1, or when out/cli is missing in a clone (tsx is a devDependency, so an installed package always
// has out/cli).
import { existsSync, readFileSync } from 'node:fs';
import { URL } from 'node:url';

// `--version` alone answers from package.json before anything loads: the same line commander prints, at the cost of
// `node -e 0` rather than of loading the CLI.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  await run();
}

async function run() {
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  const launcher = new URL('../out/cli/launch.js', import.meta.url);
  // exitCode rather than process.exit(): pending log writes get flushed before the process ends.
  if (process.env.STACK_DOCTOR_DEV !== '1' && existsSync(launcher)) {
    const { launch } = await import(launcher.href);
    process.exitCode = await launch(process.argv, io);
    return;
  }
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('stack-doctor: out/cli is missing and tsx is not installed: run `npm run build`\n');
    process.exit(3);
  }
  register();
  const { runCli, loadDeps } = await import('../src/main/cli/launch/cli-bundle.ts');
  process.exitCode = await runCli(process.argv, { ...io, load: loadDeps });
}
