/**
 * Footprint: browser bundles of the built SDK made with esbuild (minified, gzipped, dependencies included),
 * the peer's browser bundle measured the same way, whether tree-shaking drops the models when validation is
 * off, and the cold import time of `dist/index.js` against `zod/mini` alone.
 */

import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import {
  kb,
  lastJson,
  median,
  progress,
  ratio,
  ROOT,
  run,
  shuffle,
  type SectionResult,
  type Table,
} from "../lib/util";

const APP_GOAL = 10_000;
const FULL_GOAL = 25_000;

const DIST = path.join(ROOT, "dist/index.js");
const LION = "@lionralfs/discogs-client/browser/index.js";

interface Bundle {
  name: string;
  minified: number;
  gzipped: number;
  /** Minified bytes by origin (zod, the SDK's chunks, the peer). */
  origins: Record<string, number>;
  code: string;
  metafile: Metafile;
}

/** Bundles `contents` (an entry module) for the browser, minified, and gzips the result (level 6, gzip's default). */
async function bundle(
  name: string,
  contents: string,
  loader: "js" | "ts" = "js",
  external: string[] = [],
): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader, sourcefile: `app.${loader}` },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    external,
  });
  const out = result.outputFiles[0]!;
  const origins: Record<string, number> = {};
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) {
    const origin = file.includes("node_modules/zod/")
      ? "zod"
      : file.includes("@lionralfs")
        ? "@lionralfs/discogs-client"
        : file.startsWith("dist/")
          ? `discogs-sdk (${path.basename(file).replace(/-[\w-]{8}\.js$/, "-*.js")})`
          : file.startsWith("src/")
            ? `src/${file.split("/")[1]}`
            : "app";
    origins[origin] = (origins[origin] ?? 0) + info.bytesInOutput;
  }
  return {
    name,
    minified: out.contents.length,
    gzipped: gzipSync(out.contents).length,
    origins,
    code: out.text,
    metafile: result.metafile,
  };
}

const importDist = `import { Discogs } from ${JSON.stringify(DIST)};`;
const getRelease = (options: string) =>
  `${importDist}\nconst client = new Discogs(${options});\nclient.releases.get(352665).then((r) => console.log(r.title));`;

/** Strings that only model code contains: field names of the release, search and listing schemas. */
const MODEL_MARKERS = ["blocked_from_sale", "estimated_weight", "entity_type_name", "released_formatted"];

function sizeDiff(off: Bundle, strict: Bundle): string {
  const d = strict.minified - off.minified;
  return Math.abs(d) < 500
    ? `the same size (within ${Math.abs(d)} bytes)`
    : `${kb(d)} smaller with validation off`;
}

function origins(b: Bundle): string {
  return Object.entries(b.origins)
    .filter(([, n]) => n > 0)
    .sort((a, z) => z[1] - a[1])
    .map(([o, n]) => `${o} ${kb(n)}`)
    .join(", ");
}

async function importTimes(rounds: number): Promise<{ table: Table; raw: unknown }> {
  const child = path.join(ROOT, "bench/children/import-time.mjs");
  const targets = [
    { name: "zod/mini alone (baseline)", spec: "zod/mini" },
    { name: "discogs-sdk (dist/index.js, imports zod/mini)", spec: pathToFileURL(DIST).href },
    { name: "@lionralfs/discogs-client (node-esm, node-fetch)", spec: "@lionralfs/discogs-client" },
    { name: "disconnect (CommonJS)", spec: "disconnect" },
  ];
  const wall = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const cpu = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (const t of targets) await run(process.execPath, [child, t.spec]); // warm the file cache
  for (let r = 0; r < rounds; r++) {
    for (const t of shuffle([...targets])) {
      const out = await run(process.execPath, [child, t.spec]);
      if (out.code !== 0) throw new Error(`import of ${t.spec} failed:\n${out.stderr.slice(-1500)}`);
      const res = lastJson<{ ms: number; cpuMs: number }>(out.stdout);
      wall.get(t.name)!.push(res.ms);
      cpu.get(t.name)!.push(res.cpuMs);
    }
  }
  const base = targets[0]!.name;
  const mw = (n: string) => median(wall.get(n)!);
  const mc = (n: string) => median(cpu.get(n)!);
  return {
    table: {
      title: `Cold import (child processes, median of ${rounds}, interleaved)`,
      headers: ["Module", "import() wall", "vs zod/mini", "import() CPU", "vs zod/mini"],
      rows: targets.map((t) => [
        t.name,
        `${mw(t.name).toFixed(0)} ms`,
        ratio(mw(t.name), mw(base)),
        `${mc(t.name).toFixed(0)} ms`,
        ratio(mc(t.name), mc(base)),
      ]),
      notes: [
        "wall: performance.now() around `await import(spec)` in a fresh `node` process; CPU: process.cpuUsage() over the same span (steadier on a shared machine)",
      ],
    },
    raw: { wall: Object.fromEntries(wall), cpu: Object.fromEntries(cpu) },
  };
}

export async function footprintSection(options: { quick?: boolean } = {}): Promise<SectionResult> {
  progress("footprint: bundling");
  const appOff = await bundle(
    "App: new client + get a release, validation off",
    getRelease(`{ validation: "off" }`),
  );
  const appStrict = await bundle(
    "App: new client + get a release, validation strict (default)",
    getRelease(""),
  );
  const full = await bundle(
    "Whole SDK, every export (every model)",
    `export * from ${JSON.stringify(DIST)};`,
  );
  const lionApp = await bundle(
    "@lionralfs/discogs-client: new client + get a release",
    `import { DiscogsClient } from ${JSON.stringify(LION)};\nnew DiscogsClient().database().getRelease(352665).then((r) => console.log(r.data.title));`,
  );
  const lionFull = await bundle(
    "@lionralfs/discogs-client: whole browser bundle (baseline)",
    `export * from ${JSON.stringify(LION)};`,
  );
  const zodOnly = await bundle(
    "zod/mini: one looseObject with safeParse",
    `import * as z from "zod/mini";\nconsole.log(z.looseObject({ id: z.number(), title: z.string() }).safeParse(JSON.parse("{}")).success);`,
  );
  // Attribution by source module, from a bundle of the sources (the dist is one file).
  const srcOff = await bundle(
    "same app bundled from src/",
    `import { Discogs } from ${JSON.stringify(path.join(ROOT, "src/index.ts"))};\nnew Discogs({ validation: "off" }).releases.get(352665).then((r) => console.log(r.title));`,
  );

  // What-if (not something users can import today): the transport, limiter and auth alone, as a client with no
  // resource classes, no models and no cache would need. It bounds what restructuring could reach. It uses
  // internal APIs, so a change there shows as n/a rather than failing the run.
  let coreOnly: Bundle | undefined;
  try {
    coreOnly = await bundle(
      "what-if: transport + limiter + auth only (src/core, no resources, models or cache)",
      [
        `import { Transport, abortableSleep } from ${JSON.stringify(path.join(ROOT, "src/core/transport.ts"))};`,
        `import { createLimiter } from ${JSON.stringify(path.join(ROOT, "src/core/limiter.ts"))};`,
        `import { resolveAuth, identityKey } from ${JSON.stringify(path.join(ROOT, "src/core/auth.ts"))};`,
        `const auth = resolveAuth({});`,
        `const limiter = createLimiter(true, { baseUrl: "https://api.discogs.com", authenticated: auth.mode !== "none" });`,
        `const t = new Transport({ baseUrl: "https://api.discogs.com", userAgent: "app", accept: "application/vnd.discogs.v2.discogs+json",`,
        `  timeout: 30000, maxRetries: 3, retry: { baseDelayMs: 500, maxDelayMs: 60000 }, fetch: (i, n) => fetch(i, n), auth,`,
        `  validation: "off", hooks: {}, limiter, sleep: abortableSleep, random: Math.random, identity: () => identityKey(auth) });`,
        `t.request({ method: "GET", path: "/releases/352665" }).then((r) => console.log(r.data.title));`,
      ].join("\n"),
      "ts",
    );
  } catch (e) {
    progress(
      `footprint: the core-only what-if could not be bundled (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`,
    );
  }

  // Probes of tree-shaking itself: an app that imports one constant. From the sources (one module per file,
  // `sideEffects: false`) that is a few bytes; from the built single-file dist, whatever the file's top-level
  // statements keep.
  const probeDist = await bundle(
    "probe: import { VERSION } only, from dist/index.js",
    `import { VERSION } from ${JSON.stringify(DIST)};\nconsole.log(VERSION);`,
  );
  const probeSrc = await bundle(
    "probe: import { VERSION } only, from src/index.ts",
    `import { VERSION } from ${JSON.stringify(path.join(ROOT, "src/index.ts"))};\nconsole.log(VERSION);`,
    "ts",
  );

  // Composition of the whole SDK, from the sources: its own code without zod, the models alone with and without
  // zod, and the response cache (memory store, rules, SQLite store) alone.
  const srcIndex = JSON.stringify(path.join(ROOT, "src/index.ts"));
  const srcModels = JSON.stringify(path.join(ROOT, "src/models/index.ts"));
  const noZod = ["zod", "zod/*"];
  const composition = {
    sdkWithoutZod: await bundle("SDK without zod", `export * from ${srcIndex};`, "ts", noZod),
    models: await bundle("models", `export * from ${srcModels};`, "ts"),
    modelsWithoutZod: await bundle("models without zod", `export * from ${srcModels};`, "ts", noZod),
    cache: await bundle(
      "cache",
      `export * from ${JSON.stringify(path.join(ROOT, "src/core/cache.ts"))};`,
      "ts",
      noZod,
    ),
  };

  const modelsIn = (b: Bundle) => MODEL_MARKERS.filter((m) => b.code.includes(m));
  const zodIn = (b: Bundle) => (b.origins.zod ?? 0) > 0;
  const dropped = modelsIn(appOff).length === 0 && !zodIn(appOff);

  const bundles = [
    appOff,
    appStrict,
    full,
    probeDist,
    probeSrc,
    zodOnly,
    ...(coreOnly ? [coreOnly] : []),
    lionApp,
    lionFull,
  ];
  const rows = bundles.map((b) => [
    b.name,
    kb(b.minified),
    kb(b.gzipped),
    ratio(b.gzipped, lionFull.gzipped, 1),
    b === appOff ? `${kb(APP_GOAL, 0)} gz` : b === full ? `${kb(FULL_GOAL, 0)} gz` : "",
  ]);

  progress("footprint: cold import times");
  const imports = await importTimes(options.quick ? 5 : 15);

  const srcGroups = Object.entries(srcOff.origins)
    .filter(([, n]) => n > 0)
    .sort((a, z) => z[1] - a[1])
    .map(([o, n]) => `${o} ${kb(n)}`)
    .join(", ");

  return {
    id: "footprint",
    title: "Footprint",
    method:
      "esbuild bundles an entry module importing the built `dist/index.js` (what users install) with " +
      "`bundle`, `minify`, `platform: browser`, `format: esm`, dependencies included (zod/mini resolved from " +
      "node_modules); gzip at level 6 (gzip's default). The peer's `browser/index.js` is bundled the same way. " +
      "Whether the models were dropped is checked in the output: zod's share, and field names only the schemas " +
      `contain (${MODEL_MARKERS.join(", ")}).`,
    tables: [
      {
        headers: ["Bundle", "Minified", "Gzipped", "vs peer (gz)", "Goal"],
        rows,
        notes: [
          `${appOff.name}: ${origins(appOff)}`,
          `${full.name}: ${origins(full)}`,
          `validation off: models in the bundle: ${modelsIn(appOff).length ? `yes (${modelsIn(appOff).join(", ")} found)` : "no"}; ` +
            `zod in the bundle: ${zodIn(appOff) ? `yes (${kb(appOff.origins.zod ?? 0)} minified)` : "no"}; ` +
            `off vs strict: ${sizeDiff(appOff, appStrict)}`,
          `the same app bundled from src/ (minified bytes by module group): ${srcGroups}`,
          `the whole SDK from src/, gzipped: ${kb(composition.sdkWithoutZod.gzipped)} without zod; the models alone ` +
            `${kb(composition.modelsWithoutZod.gzipped)} without zod, ${kb(composition.models.gzipped)} with the zod they use; ` +
            `the response cache alone (src/core/cache.ts with its rules and SQLite store) ${kb(composition.cache.gzipped)}`,
        ],
      },
      imports.table,
    ],
    goals: [
      {
        name: `App (client + get a release, validation off) at most ${kb(APP_GOAL, 0)} gzipped`,
        met: appOff.gzipped <= APP_GOAL,
        detail: `${kb(appOff.gzipped)} gzipped (${ratio(appOff.gzipped, APP_GOAL)} the goal)`,
      },
      {
        name: "Tree-shaking drops the models when validation is off",
        met: dropped,
        detail: dropped
          ? "no model code and no zod in the validation-off bundle"
          : `models kept (${modelsIn(appOff).join(", ") || "no marker"} found; zod ${kb(appOff.origins.zod ?? 0)} minified); ` +
            `validation off vs strict: ${sizeDiff(appOff, appStrict)}`,
      },
      {
        name: `Whole SDK with every model at most ${kb(FULL_GOAL, 0)} gzipped`,
        met: full.gzipped <= FULL_GOAL,
        detail: `${kb(full.gzipped)} gzipped (${ratio(full.gzipped, FULL_GOAL)} the goal)`,
      },
    ],
    raw: {
      bundles: bundles.map((b) => ({
        name: b.name,
        minified: b.minified,
        gzipped: b.gzipped,
        origins: b.origins,
      })),
      srcOrigins: srcOff.origins,
      imports: imports.raw,
    },
  };
}
