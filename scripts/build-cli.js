// Bundles the headless CLI (`stack-doctor check | chat | serve | settings …`) into one CommonJS file, out/cli/cli.cjs,
// so the bin runs built JavaScript instead of transpiling the sources at every start, and a small ESM launcher,
// out/cli/launch.js, which loads it with V8's code cache (src/main/cli/launch/code-cache.ts). The pure-JS runtime
// packages are bundled in too: resolving and compiling ~200 separate files cost more than the code they hold
// (bench/README "import-cost"). One CommonJS file rather than ESM chunks: Node 20 can cache compiled code only for
// scripts (vm.Script), not for ES modules. Every `import()` in the sources stays lazy: esbuild wraps what it reaches in
// an init function that runs on first import, so a command evaluates only what it reaches. Run by `npm run build` (and
// so by `prepare`) after electron-vite. Writes out/cli.meta.json (esbuild's metafile, not packaged) so tests can tell
// which sources and packages a command evaluated.
import { createHash } from 'node:crypto';
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
 * a command reaches, not every schema of the product, each built at import.
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
  entryPoints: { cli: 'src/main/cli/launch/cli-bundle.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  external,
  // The ESM builds where a package has one (jsonc-parser's CommonJS build is a UMD that requires its own files at
  // run time, which a bundle cannot follow).
  mainFields: ['module', 'main'],
  // The sources are ES modules: in CommonJS, `import.meta` becomes what the module wrapper gives.
  define: { 'import.meta.url': '__sdImportMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const __sdImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
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

// The launcher knows which bundle it was built with: a code cache is offered only to the build that made it.
const buildId = createHash('sha256')
  .update(await readFile(join(outdir, 'cli.cjs')))
  .digest('hex')
  .slice(0, 16);
await build({
  absWorkingDir: root,
  entryPoints: { launch: 'src/main/cli/launch/launch.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  define: { STACK_DOCTOR_CLI_BUILD_ID: JSON.stringify(buildId) },
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`build-cli: ${relative(root, outdir)}/cli.cjs ${(bytes / 1024).toFixed(0)} KiB (build ${buildId}), launch.js`);
