/**
 * Type-level tests, with the TypeScript compiler API:
 * - files of deliberate mistakes (`test/types/*.ts`): every `// @ts-expect-error TSxxxx` line fails with exactly
 *   that code, every other line compiles, under `strict` and under `exactOptionalPropertyTypes`;
 * - editor hovers name the nested types (`Track[]`, `ArtistCredit`) instead of spelling out objects;
 * - open literal unions autocomplete their known values;
 * - the emitted declarations of the models are interfaces and small schema declarations.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { describe, expect, it } from "vitest";
import { compile, describeDiagnostic, expectations } from "./helpers/typescript";

const ROOT = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const CASES = ["test/types/models.ts"];

const BASE_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

for (const variant of [
  { name: "strict", options: BASE_OPTIONS },
  {
    name: "strict + exactOptionalPropertyTypes",
    options: { ...BASE_OPTIONS, exactOptionalPropertyTypes: true },
  },
]) {
  describe(`deliberate mistakes (${variant.name})`, () => {
    for (const file of CASES) {
      const abs = path.join(ROOT, file);
      const text = readFileSync(abs, "utf8");
      const expected = expectations(text);

      it(`${file} has cases`, () => {
        expect(expected.size).toBeGreaterThan(10);
      });

      it(`${file} compiles with its @ts-expect-error directives (none unused)`, () => {
        const problems = compile([abs], variant.options).map(describeDiagnostic);
        expect(problems).toEqual([]);
      });

      it(`${file}: each marked line fails with its code, and no other line fails`, () => {
        const stripped = text.replace(/^(\s*\/\/) @ts-expect-error/gm, "$1 (expect-error)");
        const diagnostics = compile([abs], variant.options, new Map([[abs, stripped]]));
        const byLine = new Map<number, number[]>();
        const elsewhere: string[] = [];
        for (const d of diagnostics) {
          if (!d.file || path.resolve(d.file.fileName) !== abs || d.start === undefined) {
            elsewhere.push(describeDiagnostic(d));
            continue;
          }
          const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
          byLine.set(line, [...(byLine.get(line) ?? []), d.code]);
          if (!expected.has(line)) elsewhere.push(describeDiagnostic(d));
        }
        const wrong = [...expected].flatMap(([line, codes]) =>
          byLine.get(line)?.some((c) => codes.includes(c))
            ? []
            : [
                `${file}:${line}: expected ${codes.map((c) => `TS${c}`).join(" or ")}, got ` +
                  (byLine
                    .get(line)
                    ?.map((c) => `TS${c}`)
                    .join(", ") || "no error"),
              ],
        );
        expect(wrong).toEqual([]);
        expect(elsewhere).toEqual([]);
      });
    }
  });
}

describe("editor view (language service)", () => {
  const file = path.join(ROOT, "test/types/__hover.ts");
  const source = [
    'import { ReleaseSchema, type Listing, type Release } from "../../src/index";',
    "declare const release: Release;",
    "declare const listing: Listing;",
    "release.tracklist;",
    "release.artists;",
    "release.tracklist?.[0]?.sub_tracks;",
    "release.community;",
    "release.status;",
    "listing.shipping_price;",
    "ReleaseSchema;",
    'release.status === "";',
    'listing.condition === "";',
  ].join("\n");
  const files = new Map([[file, source]]);
  const service = ts.createLanguageService(
    {
      getCompilationSettings: () => BASE_OPTIONS,
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (f) => {
        const text = files.get(path.resolve(f)) ?? ts.sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => ROOT,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => files.has(path.resolve(f)) || ts.sys.fileExists(f),
      readFile: (f) => files.get(path.resolve(f)) ?? ts.sys.readFile(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  const hover = (expression: string, member: string): string => {
    const line = source.split("\n").findIndex((l) => l.startsWith(expression));
    const at = source.split("\n").slice(0, line).join("\n").length + 1 + expression.lastIndexOf(member);
    const info = service.getQuickInfoAtPosition(file, at);
    return ts.displayPartsToString(info?.displayParts ?? []);
  };

  it("hovers show named types, never a spelled-out object", () => {
    const shown = {
      tracklist: hover("release.tracklist;", "tracklist"),
      artists: hover("release.artists;", "artists"),
      sub_tracks: hover("release.tracklist?.[0]?.sub_tracks;", "sub_tracks"),
      community: hover("release.community;", "community"),
      status: hover("release.status;", "status"),
      shipping_price: hover("listing.shipping_price;", "shipping_price"),
      schema: hover("ReleaseSchema;", "ReleaseSchema"),
    };
    expect(shown.tracklist).toMatch(/\(property\) Release\.tracklist\?: Track\[\]/);
    expect(shown.artists).toMatch(/ArtistCredit\[\]/);
    expect(shown.sub_tracks).toMatch(/Track\.sub_tracks\?: Track\[\]/);
    expect(shown.community).toMatch(/Community/);
    expect(shown.status).toMatch(
      /Open<"Accepted" \| "Draft" \| "Deleted" \| "Rejected">|Open<ReleaseStatus>/,
    );
    expect(shown.shipping_price).toMatch(/Price \| EmptyObject/);
    expect(shown.schema).toMatch(/const ReleaseSchema: ObjectSchema<Release>$/m);
    for (const [name, text] of Object.entries(shown)) expect(text, name).not.toMatch(/\{/);
  });

  it("open literal unions autocomplete their known values", () => {
    const completions = (expression: string): string[] => {
      const line = source.split("\n").findIndex((l) => l.startsWith(expression));
      const at = source.split("\n").slice(0, line).join("\n").length + 1 + expression.indexOf('""') + 1;
      return service.getCompletionsAtPosition(file, at, {})?.entries.map((e) => e.name) ?? [];
    };
    expect(completions('release.status === "";')).toEqual(
      expect.arrayContaining(["Accepted", "Draft", "Deleted", "Rejected"]),
    );
    expect(completions('listing.condition === "";')).toEqual(
      expect.arrayContaining(["Mint (M)", "Near Mint (NM or M-)", "Poor (P)"]),
    );
  });
});

describe("emitted declarations of the models", () => {
  const options: ts.CompilerOptions = {
    ...BASE_OPTIONS,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    isolatedModules: true,
  };
  const emitted = new Map<string, string>();
  const program = ts.createProgram([path.join(ROOT, "src/models/index.ts")], options);
  program.emit(undefined, (name, text) => emitted.set(path.basename(name), text));

  it("models are interfaces, schemas are one-line declarations naming them", () => {
    const database = emitted.get("database.d.ts") ?? "";
    expect(database).toMatch(/export interface Release \{/);
    expect(database).toMatch(/tracklist\?: Track\[\];/);
    const schemaType = (model: string) =>
      new RegExp(`export declare const ${model}Schema: (import\\("./schema"\\)\\.)?ObjectSchema<${model}>;`);
    expect(database).toMatch(schemaType("Release"));
    expect(emitted.get("common.d.ts")).toMatch(schemaType("Track"));
    expect(emitted.get("marketplace.d.ts")).toMatch(schemaType("Listing"));
    expect([...emitted.values()].join("\n")).not.toMatch(/from "zod|Zod[A-Z]/);
    const models = ["common", "database", "marketplace", "users"].map((f) => emitted.get(`${f}.d.ts`) ?? "");
    // No model has an index signature (a typo would compile to `unknown`); only PriceSuggestions is a map.
    expect(models.join("\n").match(/\[\w+: string\]/g)).toBeNull();
  });

  it("the models' declarations are small", () => {
    const bytes = [...emitted.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
    // The zod-inferred declarations were about 680 KB for the whole package; the models are now tens of KB.
    expect(bytes).toBeLessThan(120_000);
  });
});
