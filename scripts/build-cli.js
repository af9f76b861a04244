// Bundles the headless CLI (`stack-doctor check | chat | serve | settings …`) into out/cli as ESM, so the bin runs
// built JavaScript instead of transpiling the sources at every start. The pure-JS runtime packages are bundled in
// too: resolving and compiling ~200 separate files cost more than the code they hold (bench/README "import-cost").
// Code splitting keeps every `import()` in the sources lazy, so a command loads only the chunks it reaches. Run by
// `npm run build` (and so by `prepare`) after electron-vite. Writes out/cli.meta.json (esbuild's metafile, not
// packaged) so tests can tell which sources and packages a command loaded.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');

/** Packages the CLI must never pull in: the UI and the Electron shell have their own builds. */
const forbidden = [/\/src\/renderer\//, /\/src\/preload\//, /\/src\/main\/shell\//, /node_modules\/(react|react-dom|electron)\//];

/**
 * Runtime packages left to npm's install instead of the bundle: dockerode is loaded through `loadDockerode`, which
 * defers its ssh2 and gRPC modules in the require cache (and ssh2 has an optional native addon); `open` runs the
 * `xdg-open` script shipped next to its sources; electron and electron-store belong to the app; bufferutil and
 * utf-8-validate are ws's optional native addons.
 */
const external = ['dockerode', 'open', 'electron', 'electron-store', 'bufferutil', 'utf-8-validate'];

/**
 * `import { z } from 'zod'` binds zod's namespace object as a whole (zod re-exports it, and as its default), so the
 * bundler keeps all of zod, every locale included (~730 KiB); `import * as z from 'zod'` (zod 4's documented form,
 * same API) lets it keep only what the schemas use (~180 KiB). Rewritten here so the sources keep one spelling.
 */
const zodNamespace = {
  name: 'zod-namespace-import',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replaceAll("import { z } from 'zod';", "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

/**
 * The sources have no import for its side effects alone (no `import './x.ts'`), so a source module none of whose
 * exports a command uses can be dropped: the model barrel (`shared/model/index.ts`) then brings only the zod schemas
 * a chunk uses, not every schema of the product, each built at import.
 */
const sourcesWithoutSideEffects = {
  name: 'sources-without-side-effects',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
      if (!args.importer.startsWith(join(root, 'src'))) return undefined;
      return { path: resolve(dirname(args.importer), args.path), sideEffects: false };
    });
  },
};

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
  external,
  // The ESM builds where a package has one (jsonc-parser's CommonJS build is a UMD that requires its own files at
  // run time, which a bundle cannot follow).
  mainFields: ['module', 'main'],
  // Bundled CommonJS packages call `require` for Node's built-ins and read `__filename` (write-file-atomic hashes
  // it into its temp names); ESM has neither, so each chunk gets its own. pino's worker paths (`__dirname`) are for
  // transports, which the CLI does not use.
  banner: {
    js: [
      "import { createRequire as __sdCreateRequire } from 'node:module';",
      "import { fileURLToPath as __sdFileURLToPath } from 'node:url';",
      "import { dirname as __sdDirname } from 'node:path';",
      'const require = __sdCreateRequire(import.meta.url);',
      'const __filename = __sdFileURLToPath(import.meta.url);',
      'const __dirname = __sdDirname(__filename);',
    ].join(' '),
  },
  plugins: [zodNamespace, sourcesWithoutSideEffects],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const offenders = Object.keys(result.metafile.inputs).filter((input) => forbidden.some((pattern) => pattern.test(`/${input}`)));
if (offenders.length > 0) {
  console.error(`build-cli: the CLI bundle must not contain UI or Electron code:\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
await writeFile(join(root, 'out', 'cli.meta.json'), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const files = Object.keys(result.metafile.outputs).length;
console.log(`build-cli: ${relative(root, outdir)}/ ${files} files, ${(bytes / 1024).toFixed(0)} KiB`);
