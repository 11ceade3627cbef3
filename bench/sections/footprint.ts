/**
 * Footprint: browser bundles of the built SDK made with esbuild (minified, gzip -9, dependencies included), the
 * peer's browser bundle measured the same way, whether `discogs-sdk/lite` drops the models, the published types
 * (their size and what they add to a user's `tsc`), and the cold import time of `dist/index.js` against `zod/mini`
 * alone.
 */

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
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

const APP_STRICT_GOAL = 15_000;
const APP_OFF_GOAL = 8_000;
const FULL_GOAL = 25_000;
const DTS_GOAL = 200_000;
const TSC_GOAL_MS = 500;

const DIST = path.join(ROOT, "dist/index.js");
const LITE = path.join(ROOT, "dist/lite/index.js");
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

/** Bundles `contents` (an entry module) for the browser, minified, and gzips the result (level 9, as `gzip -9`). */
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
    gzipped: gzipSync(out.contents, { level: 9 }).length,
    origins,
    code: out.text,
    metafile: result.metafile,
  };
}

const getRelease = (entry: string) =>
  `import { Discogs } from ${JSON.stringify(entry)};\nconst client = new Discogs();\nclient.releases.get(352665).then((r) => console.log(r.title));`;

/** Strings that only model code contains: field names of the release, search and listing schemas. */
const MODEL_MARKERS = ["blocked_from_sale", "estimated_weight", "entity_type_name", "released_formatted"];

function sizeDiff(off: Bundle, strict: Bundle): string {
  const d = strict.gzipped - off.gzipped;
  return Math.abs(d) < 200
    ? `the same size (within ${Math.abs(d)} bytes gzipped)`
    : `${kb(d)} smaller gzipped`;
}

/** The `.d.ts` files a user's `import "discogs-sdk"` reaches, from dist/index.d.ts through relative imports. */
function typesReached(): { files: number; bytes: number } {
  const seen = new Set<string>();
  const todo = [path.join(ROOT, "dist/index.d.ts")];
  let bytes = 0;
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    bytes += Buffer.byteLength(text);
    for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      todo.push(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".d.ts")));
    }
  }
  return { files: seen.size, bytes };
}

/** The published types' size, and the CPU time they add to a user's `tsc` (skipLibCheck off), median of `rounds`. */
async function typesCost(
  rounds: number,
): Promise<{ table: Table; bytes: number; files: number; addedMs: number; rounds: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "discogs-sdk-types-"));
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  const config = (main: string) => {
    writeFileSync(path.join(dir, "app.ts"), main);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom", "esnext.disposable"],
          types: [],
        },
        files: ["app.ts"],
      }),
    );
  };
  // tsc in this process's CPU account: the wrapper starts it with `-p dir` and prints the CPU time at exit.
  const wrapper = path.join(dir, "tsc-cpu.cjs");
  writeFileSync(
    wrapper,
    `const t = process.cpuUsage();\nprocess.argv = [process.argv[0], ${JSON.stringify(tsc)}, "-p", ${JSON.stringify(dir)}];\n` +
      `process.on("exit", () => { const u = process.cpuUsage(t); console.log(JSON.stringify({ ms: (u.user + u.system) / 1000 })); });\n` +
      `require(${JSON.stringify(tsc)});\n`,
  );
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, path.join(dir, "node_modules", "discogs-sdk"), "dir");
  const time = async (main: string): Promise<number> => {
    config(main);
    const out = await run(process.execPath, [wrapper]);
    if (out.code !== 0) throw new Error(`tsc failed:\n${out.stdout.slice(-1500)}${out.stderr.slice(-1500)}`);
    return lastJson<{ ms: number }>(out.stdout).ms;
  };
  const withSdk = `import { Discogs } from "discogs-sdk";\nexport const c = new Discogs();\n`;
  const empty = `export const c = 1;\n`;
  const a: number[] = [];
  const b: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      a.push(await time(withSdk));
      b.push(await time(empty));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { files, bytes } = typesReached();
  const addedMs = median(a) - median(b);
  return {
    table: {
      title: "Published types",
      headers: ["What", "Figure"],
      rows: [
        ['`.d.ts` reached by `import "discogs-sdk"`', `${kb(bytes)} in ${files} files`],
        ["tsc on a one-line app importing it (CPU)", `${median(a).toFixed(0)} ms`],
        ["tsc on the same app importing nothing (CPU)", `${median(b).toFixed(0)} ms`],
        ["added by discogs-sdk's types", `+${addedMs.toFixed(0)} ms`],
      ],
    },
    bytes,
    files,
    addedMs,
    rounds,
  };
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
    { name: "discogs-sdk (dist/index.js)", spec: pathToFileURL(DIST).href },
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
    "App: new client + get a release, validation off (discogs-sdk/lite)",
    getRelease(LITE),
  );
  const appStrict = await bundle(
    "App: new client + get a release, validation strict (default)",
    getRelease(DIST),
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

  // Probes of tree-shaking itself: an app that imports one constant. The build is one module per source file and
  // package.json says `sideEffects: false`, so from the dist as from the sources that is a few bytes.
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

  const bundles = [appOff, appStrict, full, probeDist, probeSrc, zodOnly, lionApp, lionFull];
  const rows = bundles.map((b) => [
    b.name,
    kb(b.minified),
    kb(b.gzipped),
    ratio(b.gzipped, lionFull.gzipped, 1),
    b === appOff
      ? `${kb(APP_OFF_GOAL, 0)} gz`
      : b === appStrict
        ? `${kb(APP_STRICT_GOAL, 0)} gz`
        : b === full
          ? `${kb(FULL_GOAL, 0)} gz`
          : "",
  ]);

  progress("footprint: published types");
  const types = await typesCost(options.quick ? 1 : 3);

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
      "esbuild bundles an entry module importing the built `dist/index.js` or `dist/lite/index.js` (what users " +
      "install) with `bundle`, `minify`, `platform: browser`, `format: esm`, dependencies included; gzip at level 9 " +
      "(`gzip -9`). The peer's `browser/index.js` is bundled the same way. Whether the models were dropped is " +
      `checked in the output: field names only the schemas contain (${MODEL_MARKERS.join(", ")}). The published ` +
      'types: the `.d.ts` files `import "discogs-sdk"` reaches, and the CPU time `tsc --noEmit` (skipLibCheck ' +
      "off) spends on a one-line app importing it, against the same app importing nothing.",
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
      types.table,
      imports.table,
    ],
    goals: [
      {
        name: `App (client + get a release, strict validation) at most ${kb(APP_STRICT_GOAL, 0)} gzipped`,
        met: appStrict.gzipped <= APP_STRICT_GOAL,
        detail: `${kb(appStrict.gzipped)} gzipped (${ratio(appStrict.gzipped, APP_STRICT_GOAL)} the goal)`,
      },
      {
        name: `App (client + get a release, validation off: discogs-sdk/lite) at most ${kb(APP_OFF_GOAL, 0)} gzipped`,
        met: appOff.gzipped <= APP_OFF_GOAL,
        detail: `${kb(appOff.gzipped)} gzipped (${ratio(appOff.gzipped, APP_OFF_GOAL)} the goal)`,
      },
      {
        name: "discogs-sdk/lite drops the models and their validation",
        met: dropped,
        detail: dropped
          ? `no model code in the lite bundle; lite vs strict: ${sizeDiff(appOff, appStrict)}`
          : `models kept (${modelsIn(appOff).join(", ") || "no marker"} found); lite vs strict: ${sizeDiff(appOff, appStrict)}`,
      },
      {
        name: `Whole SDK with every model at most ${kb(FULL_GOAL, 0)} gzipped`,
        met: full.gzipped <= FULL_GOAL,
        detail: `${kb(full.gzipped)} gzipped (${ratio(full.gzipped, FULL_GOAL)} the goal)`,
      },
      {
        name: `Published types reached by import "discogs-sdk" at most ${kb(DTS_GOAL, 0)}`,
        met: types.bytes <= DTS_GOAL,
        detail: `${kb(types.bytes)} in ${types.files} files`,
      },
      {
        name: `They add at most ${TSC_GOAL_MS} ms to a user's tsc without skipLibCheck`,
        met: types.addedMs <= TSC_GOAL_MS,
        detail: `+${types.addedMs.toFixed(0)} ms CPU (median of ${types.rounds})`,
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
