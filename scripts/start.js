// `npm start`: the tray app where Electron can run, else the same dashboard in a browser via serve mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or the reason there is none. Deliberately not `require('electron')`: since
 * electron 42 that call downloads the binary when it is missing, which hangs or fails offline.
 */
function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the Electron binary was never downloaded' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = join(base, relative);
  return existsSync(binary) ? { binary } : { reason: `${binary} is missing` };
}

function displayReason() {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no display (DISPLAY/WAYLAND_DISPLAY unset)';
}

/** Runs a child with our stdio, forwards Ctrl-C/TERM to it, and exits with its code. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 0 : 1);
  });
  child.on('error', (error) => {
    console.error(`npm start: cannot run ${command}: ${error.message}`);
    process.exitCode = 1;
  });
}

const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const electron = electronBinary();
const noDisplay = displayReason();

if (electron.binary && !noDisplay) {
  run(bin('electron-vite'), ['preview']);
} else {
  const why = electron.reason ? `no Electron binary: ${electron.reason}` : noDisplay;
  console.log(`Electron cannot run here (${why}): serving the dashboard in your browser instead.`);
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) console.error('npm start: the build failed; the dashboard will answer "run npm run build".');
  }
  run(process.execPath, [join(root, 'bin', 'stack-doctor.js'), 'serve', ...process.argv.slice(2)]);
}
