/**
 * The docs-blocks harness: finds the Markdown files, plans how their ```ts blocks run (which earlier block
 * each name comes from), writes them as modules under `.cache/docs-blocks/`, type-checks them, runs them
 * against the emulator and reports what each printed. The conventions it implements are stated at the top of
 * `test/readme-blocks.test.ts` (and in the README's "Writing docs"); the pure parts are in `./extract.ts`, the
 * child process in `./runner.ts`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../src/testing/index";
import { exampleEnv, ROOT, runProcess, type ProcessResult } from "../../runtimes/helpers";
import {
  blockNames,
  extractDoc,
  matchOutput,
  type DocBlock,
  type DocExport,
  type ExtractedDoc,
} from "./extract";
import type { BlockResult, RunnerPlan } from "./runner";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where the generated modules go (git-ignored; emptied for each document before it is written). */
export const CACHE = path.join(ROOT, ".cache", "docs-blocks");

/**
 * The exports whose first argument is an options object with `baseUrl`, by entry point: in the blocks they
 * default `baseUrl` to the emulator's URL (see `./shim.ts`). A new entry point with such a constructor (a sync
 * client, say) adds its line here; nothing else in the harness changes.
 */
export const BASE_URL_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  "discogs-sdk": ["Discogs", "getRequestToken", "getAccessToken"],
  "discogs-sdk/lite": ["Discogs", "getRequestToken", "getAccessToken"],
};

/** How long one block may run, and one document's whole run (every block, in one process). */
const BLOCK_TIMEOUT_MS = 90_000;
const DOC_TIMEOUT_MS = 240_000;

/** README.md and every Markdown file under docs/ (not the generated docs/api/), repository-relative. */
export function discoverDocs(root = ROOT): string[] {
  const out = ["README.md"];
  const walk = (dir: string) => {
    if (!existsSync(path.join(root, dir))) return;
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (rel !== "docs/api") walk(rel);
      } else if (e.name.endsWith(".md")) out.push(rel);
    }
  };
  walk("docs");
  return [out[0]!, ...out.slice(1).sort()];
}

/** How one block takes part in its document's run. */
export type BlockKind =
  /** runs in the document's process, in order, sharing names with the other such blocks */
  | "notebook"
  /** imports vitest: a test file, run by itself with `vitest run` */
  | "vitest"
  /** has a not-runnable marker: type-checked only */
  | "skipped";

/** One block as the harness runs it. */
export interface PlannedBlock {
  block: DocBlock;
  /** `README.md:123` (the Markdown file and the line of the block's first code line). */
  key: string;
  kind: BlockKind;
  /** The generated module. */
  modulePath: string;
  /** The block's code, then the lines the harness added (imports of earlier names, exports for later ones). */
  content: string;
  /** Names taken from earlier blocks: name -> key of the block it comes from. */
  takes: Map<string, string>;
}

/** One Markdown file, planned. */
export interface PlannedDoc {
  file: string;
  /** The directory of its generated modules. */
  dir: string;
  blocks: PlannedBlock[];
  /** The DISCOGS_* variables its blocks see (README.md's exports, then its own). */
  env: Record<string, string>;
  /** Where they were exported (for messages). */
  exports: DocExport[];
  problems: string[];
}

const slug = (file: string) => file.replace(/\.md$/i, "").replace(/[^A-Za-z0-9]+/g, "-");

/**
 * Plans the blocks of some Markdown files: reads them, decides each block's kind, links each name a block uses
 * but does not declare to the latest earlier notebook block of the same file that declares it, and builds the
 * generated modules' text.
 *
 * @param files - repository-relative paths (README.md's exports apply to all of them)
 * @param root - where they are
 * @param cache - where their generated modules go
 */
export function planDocs(files: readonly string[], root = ROOT, cache = CACHE): PlannedDoc[] {
  const readme = path.join(root, "README.md");
  const readmeExports = existsSync(readme)
    ? extractDoc("README.md", readFileSync(readme, "utf8")).exports
    : [];
  return files.map((file) => {
    const doc = extractDoc(file, readFileSync(path.join(root, file), "utf8"));
    const exports = file === "README.md" ? doc.exports : [...readmeExports, ...doc.exports];
    return planDoc(doc, exports, path.join(cache, slug(file)));
  });
}

function planDoc(doc: ExtractedDoc, exports: DocExport[], dir: string): PlannedDoc {
  const problems = [...doc.problems];
  const env: Record<string, string> = {};
  for (const e of exports) env[e.name] = e.value;
  const names = doc.blocks.map((b) => blockNames(b.code));
  const planned: PlannedBlock[] = doc.blocks.map((block, i) => {
    const kind: BlockKind = block.notRunnable ? "skipped" : names[i]!.importsVitest ? "vitest" : "notebook";
    const file = `b${String(i + 1).padStart(2, "0")}-L${block.line}${kind === "vitest" ? ".test" : ""}.ts`;
    return {
      block,
      key: `${doc.file}:${block.line}`,
      kind,
      modulePath: path.join(dir, file),
      content: block.code,
      takes: new Map(),
    };
  });
  /** name -> index of the latest notebook block so far that declares it (and can pass it on). */
  const provider = new Map<string, number>();
  /** For each block, the names later blocks take from it. */
  const given = planned.map(() => new Set<string>());
  planned.forEach((p, i) => {
    if (p.kind !== "vitest") {
      const own = names[i]!.declared;
      for (const name of names[i]!.used) {
        const from = provider.get(name);
        if (own.has(name) || from === undefined) continue;
        p.takes.set(name, planned[from]!.key);
        given[from]!.add(name);
      }
    }
    if (p.kind === "notebook")
      for (const [name, d] of names[i]!.declared) {
        if (d.using) provider.delete(name);
        else provider.set(name, i);
      }
  });
  planned.forEach((p, i) => {
    const added: string[] = [];
    const bySource = new Map<number, { values: string[]; types: string[] }>();
    for (const [name, key] of p.takes) {
      const from = planned.findIndex((q) => q.key === key);
      const d = names[from]!.declared.get(name)!;
      const entry = bySource.get(from) ?? { values: [], types: [] };
      (d.kind === "type" ? entry.types : entry.values).push(name);
      bySource.set(from, entry);
    }
    for (const [from, { values, types }] of bySource) {
      const spec = `./${path.basename(planned[from]!.modulePath).replace(/\.ts$/, ".js")}`;
      if (values.length) added.push(`import { ${values.join(", ")} } from "${spec}";`);
      if (types.length) added.push(`import type { ${types.join(", ")} } from "${spec}";`);
    }
    const passOn = [...given[i]!].filter((n) => !names[i]!.exported.has(n));
    const values = passOn.filter((n) => names[i]!.declared.get(n)!.kind === "value");
    const types = passOn.filter((n) => names[i]!.declared.get(n)!.kind === "type");
    if (values.length) added.push(`export { ${values.join(", ")} };`);
    if (types.length) added.push(`export type { ${types.join(", ")} };`);
    p.content = `${p.block.code}\n${added.length ? `// added by the docs-blocks harness:\n${added.join("\n")}\n` : "export {};\n"}`;
  });
  return { file: doc.file, dir, blocks: planned, env, exports, problems };
}

/** A package.json `exports` target's file (the `import` condition's `default`, or the string). */
function exportTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (!entry || typeof entry !== "object") return undefined;
  const e = entry as Record<string, unknown>;
  return exportTarget(e.import) ?? exportTarget(e.default);
}

/**
 * Every JavaScript entry point of the package (`discogs-sdk`, `discogs-sdk/testing`, ...) and the source file
 * it is built from: package.json `exports` gives `dist/<name>.js`, built from `src/<name>.ts` (tsdown's entry
 * names mirror the source paths; `dist/<name>/index.js` may come from `src/<name>.ts`). An entry with no such source file maps to its built file (run `npm run build`).
 */
export function packageEntries(root = ROOT): Map<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const out = new Map<string, string>();
  for (const [sub, entry] of Object.entries(pkg.exports)) {
    const target = exportTarget(entry);
    if (!target || !/\.(m|c)?js$/.test(target)) continue;
    const specifier = sub === "." ? pkg.name : `${pkg.name}/${sub.replace(/^\.\//, "")}`;
    const source = path.join(root, target.replace(/^\.\/dist\//, "src/").replace(/\.(m|c)?js$/, ".ts"));
    // `dist/lite/index.js` is built from `src/lite.ts` (an entry bundled on its own)
    const flat = source.replace(/[\\/]index\.ts$/, ".ts");
    const found = [source, flat].find((f) => existsSync(f));
    out.set(specifier, found ?? path.join(root, target));
  }
  return out;
}

/**
 * Writes the shims and the resolution map the blocks run with: each entry point resolves to its source, except
 * those with exports in {@link BASE_URL_DEFAULTS}, which resolve to a shim that re-exports the entry with those
 * exports defaulting `baseUrl` to the emulator's URL. Returns the map file's path.
 */
export function writeResolution(cache = CACHE, root = ROOT): string {
  const entries = packageEntries(root);
  const map: Record<string, string> = {};
  mkdirSync(path.join(cache, "shims"), { recursive: true });
  for (const [specifier, source] of entries) {
    const wrapped = BASE_URL_DEFAULTS[specifier];
    if (!wrapped?.length) {
      map[specifier] = source;
      continue;
    }
    const shim = path.join(cache, "shims", `${slug(specifier)}.ts`);
    const src = JSON.stringify(source);
    writeFileSync(
      shim,
      [
        `// Generated by test/helpers/docs/harness.ts: ${specifier} with ${wrapped.join(", ")} defaulting baseUrl to the emulator.`,
        `import * as real from ${src};`,
        `import { withEmulator } from ${JSON.stringify(path.join(HERE, "shim.ts"))};`,
        `export * from ${src};`,
        ...wrapped.map(
          (name) => `export const ${name} = withEmulator(real.${name}, ${JSON.stringify(name)});`,
        ),
        "",
      ].join("\n"),
    );
    map[specifier] = shim;
  }
  for (const specifier of Object.keys(BASE_URL_DEFAULTS))
    if (!entries.has(specifier))
      throw new Error(`BASE_URL_DEFAULTS names ${specifier}, which package.json does not export`);
  const file = path.join(cache, "resolve.json");
  writeFileSync(file, JSON.stringify(map, null, 2));
  return file;
}

/** Writes a planned document's modules (its directory is emptied first). */
export function writeDoc(doc: PlannedDoc): void {
  rmSync(doc.dir, { recursive: true, force: true });
  mkdirSync(doc.dir, { recursive: true });
  for (const b of doc.blocks) writeFileSync(b.modulePath, b.content);
}

/** A type error, placed in its Markdown file. */
export interface TypeProblem {
  /** The block's key, or undefined for a problem outside any block (compiler options). */
  key: string | undefined;
  message: string;
}

/**
 * Type-checks the written blocks of some documents together, with the repository's compiler options (strict,
 * `noUncheckedIndexedAccess`, `verbatimModuleSyntax`, ...) and `discogs-sdk` resolving to the source entries.
 * Returns the problems in the blocks' own files only, each placed at its Markdown line.
 */
export function typecheckDocs(docs: readonly PlannedDoc[], root = ROOT): TypeProblem[] {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const paths: Record<string, string[]> = {};
  for (const [specifier, source] of packageEntries(root)) paths[specifier] = [source];
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths,
  };
  const blocks = new Map<string, PlannedBlock>();
  for (const d of docs) for (const b of d.blocks) blocks.set(path.resolve(b.modulePath), b);
  const program = ts.createProgram({ rootNames: [...blocks.keys()], options });
  const problems: TypeProblem[] = [];
  for (const diag of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diag.messageText, "\n");
    if (!diag.file) {
      problems.push({ key: undefined, message: text });
      continue;
    }
    const block = blocks.get(path.resolve(diag.file.fileName));
    if (!block) continue; // a problem inside src/ or a dependency: the repository's own typecheck reports it
    const { line, character } = diag.file.getLineAndCharacterOfPosition(diag.start ?? 0);
    const codeLines = block.block.code.split("\n").length;
    const where =
      line < codeLines
        ? `${block.block.file}:${block.block.line + line}:${character + 1}`
        : `${block.key} (in a line the harness added: ${JSON.stringify(diag.file.text.split("\n")[line])})`;
    problems.push({ key: block.key, message: `${where}: TS${diag.code}: ${text}` });
  }
  return problems;
}

/** What happened to one block of a run. */
export interface BlockOutcome extends Partial<Omit<BlockResult, "status">> {
  key: string;
  status: BlockResult["status"] | "skipped";
  /** For vitest blocks and failed runs: the process's output, for the message. */
  detail?: string;
}

/**
 * A block's verdict: null when it passed (ran without error and, for a notebook block with `// output:` lines,
 * printed exactly those), else a message saying why not, with what it printed.
 */
export function blockVerdict(doc: PlannedDoc, outcome: BlockOutcome): string | null {
  const b = doc.blocks.find((x) => x.key === outcome.key)!;
  const where = `${outcome.key}${b.block.heading ? ` (${b.block.heading})` : ""}`;
  if (outcome.status !== "passed") {
    const why = [outcome.error, outcome.detail].filter(Boolean).join("\n");
    const printed = outcome.stdout ? `\n--- printed ---\n${outcome.stdout}` : "";
    const errs = outcome.stderr ? `\n--- stderr ---\n${outcome.stderr}` : "";
    return `${where} ${outcome.status}: ${why}${printed}${errs}`;
  }
  if (b.kind !== "notebook" || b.block.expected.length === 0) return null;
  const stdout = outcome.stdout ?? "";
  const lines = stdout === "" ? [] : stdout.replace(/\n$/, "").split("\n");
  const mismatch = matchOutput(
    b.block.expected.map((e) => e.text),
    lines,
  );
  return mismatch && `${where}: ${mismatch}`;
}

/** Options of {@link runDoc}. */
export interface RunDocOptions {
  /** The emulator's options. @default {} (Discogs' own rate limits) */
  emulator?: EmulatorOptions;
  /** Where the generated modules and the resolution map are. @default CACHE */
  cache?: string;
}

/**
 * Runs a written document against a fresh emulator: its notebook blocks in order in one Node process (with
 * the DISCOGS_* variables of the document and the harness playing the user of the OAuth flow), then each
 * vitest block with `vitest run`. Returns an outcome per block, in order.
 */
export async function runDoc(doc: PlannedDoc, options: RunDocOptions = {}): Promise<BlockOutcome[]> {
  const cache = options.cache ?? CACHE;
  const resolveMap = writeResolution(cache);
  const emu = await startEmulator(options.emulator ?? {});
  try {
    const env = blockEnv(doc.env, { DOCS_EMULATOR_URL: emu.url, DOCS_BLOCKS_RESOLVE: resolveMap });
    const outcomes = new Map<string, BlockOutcome>();
    for (const b of doc.blocks)
      if (b.kind === "skipped") outcomes.set(b.key, { key: b.key, status: "skipped" });
    const notebook = doc.blocks.filter((b) => b.kind === "notebook");
    if (notebook.length) {
      const resultFile = path.join(doc.dir, "results.json");
      const plan: RunnerPlan = {
        blocks: notebook.map((b) => ({ key: b.key, file: b.modulePath })),
        resultFile,
        blockTimeoutMs: BLOCK_TIMEOUT_MS,
      };
      const planFile = path.join(doc.dir, "plan.json");
      writeFileSync(planFile, JSON.stringify(plan));
      rmSync(resultFile, { force: true });
      // The blocks' working directory: an empty folder of their own, for the files they write.
      const cwd = path.join(doc.dir, "cwd");
      rmSync(cwd, { recursive: true, force: true });
      mkdirSync(cwd);
      const run = await runProcess(
        process.execPath,
        [
          "--import",
          "tsx",
          "--import",
          path.join(HERE, "register.mjs"),
          path.join(HERE, "runner.ts"),
          planFile,
        ],
        { env, cwd, timeoutMs: DOC_TIMEOUT_MS, onSpawn: (child) => playOAuthUser(emu, child.stdin!) },
      );
      const results: BlockResult[] = existsSync(resultFile)
        ? (JSON.parse(readFileSync(resultFile, "utf8")) as BlockResult[])
        : [];
      for (const b of notebook) {
        const r = results.find((x) => x.key === b.key);
        outcomes.set(
          b.key,
          r ?? { key: b.key, status: "not run", detail: `the runner left no result:\n${processOutput(run)}` },
        );
      }
      if (run.code !== 0 || run.timedOut) {
        const last = notebook.find((b) => outcomes.get(b.key)!.status === "not run");
        if (last) outcomes.get(last.key)!.detail = `the runner stopped here:\n${processOutput(run)}`;
      }
    }
    for (const b of doc.blocks.filter((x) => x.kind === "vitest")) {
      const run = await runVitestBlock(b, env, cache);
      outcomes.set(b.key, {
        key: b.key,
        status: run.code === 0 ? "passed" : "failed",
        ms: run.ms,
        stdout: run.stdout,
        stderr: run.stderr,
        detail: run.code === 0 ? undefined : processOutput(run),
      });
    }
    return doc.blocks.map((b) => outcomes.get(b.key)!);
  } finally {
    await emu.close();
  }
}

/**
 * The environment of a run: the parent's without any DISCOGS_* variable (a developer's real credentials never
 * reach a block) and without vitest's own variables, plus the document's DISCOGS_* exports and `extra`.
 */
function blockEnv(exported: Record<string, string>, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = exampleEnv({ ...exported, ...extra });
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "NODE_OPTIONS") delete env[k];
  return env;
}

/**
 * Plays the person at the keyboard of the OAuth flow: every request token the emulator issues is approved as
 * the seeded user "example", and its verifier is typed into the block's stdin (one line). Returns the clean-up.
 */
function playOAuthUser(emu: Emulator, stdin: NodeJS.WritableStream): () => void {
  const timer = setInterval(() => {
    for (const [token, pending] of emu.state.requestTokens) {
      if (pending.verifier) continue;
      stdin.write(`${emu.authorize(token)}\n`);
    }
  }, 20);
  return () => clearInterval(timer);
}

async function runVitestBlock(
  b: PlannedBlock,
  env: NodeJS.ProcessEnv,
  cache: string,
): Promise<ProcessResult> {
  const map = JSON.parse(readFileSync(path.join(cache, "resolve.json"), "utf8")) as Record<string, string>;
  const config = path.join(cache, "vitest.config.mjs");
  const alias = Object.entries(map).map(([find, replacement]) => ({
    find: new RegExp(`^${find.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`),
    replacement,
  }));
  writeFileSync(
    config,
    `// Generated by test/helpers/docs/harness.ts\nexport default ${serializeConfig(alias, path.relative(ROOT, cache))};\n`,
  );
  const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
  return runProcess(process.execPath, [vitest, "run", "--config", config, "--root", ROOT, b.modulePath], {
    env,
    timeoutMs: DOC_TIMEOUT_MS,
  });
}

function serializeConfig(alias: { find: RegExp; replacement: string }[], cacheDir: string): string {
  const aliases = alias.map(
    (a) => `{ find: ${a.find.toString()}, replacement: ${JSON.stringify(a.replacement)} }`,
  );
  return `{
  resolve: { alias: [${aliases.join(", ")}] },
  test: { include: [${JSON.stringify(`${cacheDir}/**/*.test.ts`)}], exclude: [], testTimeout: 60000, hookTimeout: 60000 },
}`;
}

function processOutput(run: ProcessResult): string {
  const status = run.timedOut ? "timed out" : `exit ${run.code}${run.signal ? ` (${run.signal})` : ""}`;
  return `${status} after ${run.ms} ms\n--- stdout ---\n${run.stdout.slice(-6000)}\n--- stderr ---\n${run.stderr.slice(-6000)}`;
}
