// Bundles the headless CLI (`stack-doctor check | chat | serve | settings …`) into out/cli as ESM, so the bin runs
// built JavaScript instead of transpiling the sources at every start. Runtime packages stay external (npm installs
// them next to the package); code splitting keeps every `import()` in the sources lazy, so a command loads only the
// chunks it reaches. Run by `npm run build` (and so by `prepare`) after electron-vite.
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');

/** Packages the CLI must never pull in: the UI and the Electron shell have their own builds. */
const forbidden = [/\/src\/renderer\//, /\/src\/preload\//, /\/src\/main\/shell\//, /node_modules\/(react|react-dom|electron)\//];

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main/cli/main.ts', 'default-deps': 'src/main/cli/default-deps.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunks/[name]-[hash]',
  // Runtime dependencies are installed next to the package by npm, never bundled.
  packages: 'external',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const offenders = Object.keys(result.metafile.inputs).filter((input) => forbidden.some((pattern) => pattern.test(`/${input}`)));
if (offenders.length > 0) {
  console.error(`build-cli: the CLI bundle must not contain UI or Electron code:\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const files = Object.keys(result.metafile.outputs).length;
console.log(`build-cli: ${relative(root, outdir)}/ ${files} files, ${(bytes / 1024).toFixed(0)} KiB`);
