// The WebAssembly schema engine that scripts/prisma-schema-engine.mjs runs in place of Prisma's
// native binary. Two packages make it up: the engine is the CLI's own copy
// (node_modules/prisma/build/schema_engine_bg.wasm), its JS glue comes from
// @prisma/schema-engine-wasm. wasm-bindgen generates the two from one engine build, and they only
// work as a pair: glue from another build may still load, then call what that engine does not
// export, or the same export with other arguments. So both must name one build: the CLI in
// @prisma/engines-version, the glue in its own version ("7.10.0-4.<commit>"), and the engine
// itself reports its build once loaded.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const prismaPackage = require.resolve('prisma/package.json');
const glueModule = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');

/** The engine .wasm that ships inside the CLI: the build the CLI's version was released with. */
export const CLI_ENGINE_WASM = join(dirname(prismaPackage), 'build', 'schema_engine_bg.wasm');

/** The glue, bound to the CLI's engine; its functions (version(), SchemaEngine…) call into it. */
export async function loadWasmGlue() {
  const glue = await import(pathToFileURL(glueModule).href);
  // The glue package's schema_engine.js would import its own .wasm as an ES module, which Node 20
  // cannot do; the glue's _bg module takes an instance from outside instead.
  const { instance } = await WebAssembly.instantiate(readFileSync(CLI_ENGINE_WASM), { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/** The engine commit a version ends with ("7.10.0-4.0edf323e…" → "0edf323e…"), or null. */
export function engineCommitOf(version) {
  return /[.-]([0-9a-f]{40})$/.exec(version)?.[1] ?? null;
}

/**
 * The engine build each side comes from, as the installed packages say: the CLI (through
 * @prisma/engines → @prisma/engines-version, resolved from the CLI so it is the CLI's own) and the
 * glue package.
 */
export function declaredEngineBuilds() {
  const engines = createRequire(prismaPackage).resolve('@prisma/engines/package.json');
  const enginesVersion = readJson(createRequire(engines).resolve('@prisma/engines-version/package.json'));
  const glueVersion = readJson(join(dirname(glueModule), 'package.json')).version;
  return {
    cli: { package: `prisma@${readJson(prismaPackage).version}`, build: enginesVersion.prisma?.enginesVersion ?? engineCommitOf(enginesVersion.version) },
    glue: { package: `@prisma/schema-engine-wasm@${glueVersion}`, build: engineCommitOf(glueVersion) },
  };
}

/**
 * Why the glue and the engine do not go together, naming both builds and what to do; null when
 * they come from one build. `loaded` is the build the CLI's .wasm reports through the glue.
 * @param {{ cli: { package: string, build: string | null }, glue: { package: string, build: string | null }, loaded: string | null }} builds
 */
export function engineBuildMismatch({ cli, glue, loaded }) {
  const problems = [];
  if (cli.build === null || cli.build !== glue.build) {
    problems.push(`${cli.package} ships schema engine build ${cli.build ?? '(unknown)'}, but its JS glue ${glue.package} is build ${glue.build ?? '(unknown)'}`);
  }
  if (loaded !== cli.build) problems.push(`${CLI_ENGINE_WASM} reports build ${loaded ?? '(none: it did not load)'}, where ${cli.package} names ${cli.build ?? '(unknown)'}`);
  if (problems.length === 0) return null;
  return (
    `The WebAssembly schema engine and its JS glue do not come from one engine build: ${problems.join('; ')}. ` +
    `Pin @prisma/schema-engine-wasm in package.json to the version that ends with the CLI's build ` +
    `(npm view @prisma/schema-engine-wasm versions), or the prisma CLI to a version whose engine build has published glue.`
  );
}
