#!/usr/bin/env node
// Runs the built CLI (out/cli, emitted by `npm run build`, which `prepare` runs on `npm install` in a clone). The
// dev path runs the TypeScript sources through tsx instead: with STACK_DOCTOR_DEV=1, or when out/cli is missing in a
// clone (tsx is a devDependency, so an installed package always has out/cli).
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
  const built = new URL('../out/cli/main.js', import.meta.url);
  const dev = process.env.STACK_DOCTOR_DEV === '1' || !existsSync(built);

  let entry;
  if (dev) {
    let register;
    try {
      ({ register } = await import('tsx/esm/api'));
    } catch {
      process.stderr.write('stack-doctor: out/cli is missing and tsx is not installed: run `npm run build`\n');
      process.exit(3);
    }
    register();
    entry = { main: '../src/main/cli/main.ts', deps: '../src/main/cli/default-deps.ts' };
  } else {
    entry = { main: '../out/cli/main.js', deps: '../out/cli/default-deps.js' };
  }
  const { runCli } = await import(entry.main);
  // The app's logger and settings libraries load only once a command runs, never for --help or --version.
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  const load = async () => (await import(entry.deps)).processDeps();
  // exitCode rather than process.exit(): pending log writes get flushed before the process ends.
  process.exitCode = await runCli(process.argv, { ...io, load });
}
