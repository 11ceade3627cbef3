/**
 * The published types, as users compile them: the built package's `.d.ts` (dist/), reached through the package
 * name from a user project, with `skipLibCheck` off:
 * - every entry point compiles under `strict` + `exactOptionalPropertyTypes`, module resolution `nodenext` and
 *   `bundler`, and (for the subpaths, through `typesVersions`) `node10`;
 * - `@internal` members are not in them; typos and wrong values are compile errors (test/types/published.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, describeDiagnostic, expectations } from "./helpers/typescript";
import { ensureBuilt, ROOT } from "./runtimes/helpers";

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), "discogs-sdk-published-types-"));
  mkdirSync(path.join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(ROOT, path.join(dir, "node_modules", "discogs-sdk"), "dir");
  symlinkSync(path.join(ROOT, "node_modules/@types/node"), path.join(dir, "node_modules/@types/node"), "dir");
  for (const pkg of ["@modelcontextprotocol"]) {
    symlinkSync(path.join(ROOT, "node_modules", pkg), path.join(dir, "node_modules", pkg), "dir");
  }
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const USER: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  noEmit: true,
  types: ["node"],
};

const ENTRIES = `
import { Discogs } from "discogs-sdk";
import { Discogs as LiteDiscogs } from "discogs-sdk/lite";
import { startEmulator } from "discogs-sdk/testing";
import { DiscogsSync } from "discogs-sdk/sync";
import { readReleases } from "discogs-sdk/dumps";
import { redisRateLimitStore } from "discogs-sdk/redis";
import { createMcpServer } from "discogs-sdk/mcp";
export const used = [Discogs, LiteDiscogs, startEmulator, DiscogsSync, readReleases, redisRateLimitStore, createMcpServer];
`;

function userFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("every entry point compiles from a user's project (skipLibCheck off)", () => {
  it.each([
    ["nodenext", { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
    ["bundler", { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
    [
      "node10 (subpaths through typesVersions)",
      {
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        ignoreDeprecations: "6.0",
      },
    ],
  ] as const)("%s", (_name, resolution) => {
    const file = userFile(`entries-${resolution.moduleResolution}.ts`, ENTRIES);
    const problems = compile([file], { ...USER, ...resolution }).map(describeDiagnostic);
    expect(problems).toEqual([]);
  });
});

describe("deliberate mistakes against the published types", () => {
  const source = readFileSync(path.join(ROOT, "test/types/published.ts"), "utf8");
  const expected = expectations(source);
  const options = {
    ...USER,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };

  it("has cases, and compiles with its @ts-expect-error directives (none unused)", () => {
    expect(expected.size).toBeGreaterThanOrEqual(9);
    const file = userFile("published.ts", source);
    expect(compile([file], options).map(describeDiagnostic)).toEqual([]);
  });

  it("each marked line fails with its code, and no other line fails", () => {
    const file = userFile(
      "published-stripped.ts",
      source.replace(/^(\s*\/\/) @ts-expect-error/gm, "$1 (expect-error)"),
    );
    const byLine = new Map<number, number[]>();
    const elsewhere: string[] = [];
    for (const d of compile([file], options)) {
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : -1;
      if (!d.file || path.resolve(d.file.fileName) !== file || !expected.has(line)) {
        elsewhere.push(describeDiagnostic(d));
        continue;
      }
      byLine.set(line, [...(byLine.get(line) ?? []), d.code]);
    }
    const wrong = [...expected].flatMap(([line, codes]) =>
      byLine.get(line)?.some((c) => codes.includes(c))
        ? []
        : [
            `line ${line}: expected TS${codes.join("/TS")}, got ${byLine.get(line)?.join(", ") ?? "no error"}`,
          ],
    );
    expect(wrong).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
