/**
 * Type-level: a dump record fits the fields of the API model it shares (`Pick<Release, shared keys>` and the
 * like). The assertions below are checked by the TypeScript compiler: `npm run typecheck` compiles this file,
 * and the test at the bottom compiles it on its own with `tsc`, so `npm test` fails too when they break.
 *
 * The one rule where the dump is looser than the API on purpose: references may have no `id` (un-linked
 * credits, some labels and companies, old sub-labels), where the API has `id: 0`. So the check is made on the
 * dump type with every nested `id` made required ({@link IdsRequired}), and the keys that need it are listed
 * exactly ({@link expectLooser}), plus `DumpLabel.name` (label 212 has none). Anything else that stops fitting
 * is a type error here.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { DumpArtist, DumpLabel, DumpMaster, DumpRelease } from "../src/dumps/index";
import type { Artist, Label, Master, Release } from "../src/models/index";

/** `T` with every nested `id` required (the API's shape, where an un-linked reference has `id: 0`). */
type IdsRequired<T> = T extends readonly (infer U)[]
  ? IdsRequired<U>[]
  : T extends object
    ? { [K in keyof T as K extends "id" ? never : K]: IdsRequired<T[K]> } & ("id" extends keyof T
        ? { id: number }
        : unknown)
    : T;

/**
 * The model without index signatures. The zod-based models carry `[key: string]: unknown` (extra fields are kept),
 * which an `interface` is never assignable to in TypeScript, whatever its fields; the named-interface models
 * have none, and this is then the identity.
 */
type Declared<T> = T extends readonly (infer U)[]
  ? Declared<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Declared<T[K]> }
    : T;

/** The keys a dump record shares with the API model. */
type Shared<D, A> = Extract<keyof D, keyof Declared<A>>;

/** The shared keys whose dump type does not fit the model's as it is. */
type Looser<D, A> = {
  [K in Shared<D, A>]-?: D[K] extends Declared<A>[K & keyof Declared<A>] ? never : K;
}[Shared<D, A>];

/** Exactly these keys are looser than the API (and, with ids required, they fit: checked below). */
function expectLooser<D, A>() {
  return expectTypeOf<Looser<D, A>>();
}

/** The fields of the model a dump record carries. */
type Fields<D, A, Except extends PropertyKey = never> = Pick<
  Declared<A>,
  Exclude<Shared<D, A>, Except> & keyof Declared<A>
>;

// Releases: the credit, label, series and company lists (and tracks, through their credits) may hold id-less references.
expectLooser<DumpRelease, Release>().toEqualTypeOf<
  "artists" | "extra_artists" | "labels" | "series" | "companies" | "tracklist"
>();
expectTypeOf<IdsRequired<DumpRelease>>().toExtend<Fields<DumpRelease, Release>>();

// Artists: aliases, groups and members may lack an id.
expectLooser<DumpArtist, Artist>().toEqualTypeOf<"aliases" | "groups" | "members">();
expectTypeOf<IdsRequired<DumpArtist>>().toExtend<Fields<DumpArtist, Artist>>();

// Labels: sub-labels without an id (older dumps), and `name` itself may be missing (label 212).
expectLooser<DumpLabel, Label>().toEqualTypeOf<"name" | "sub_labels" | "parent_label">();
expectTypeOf<IdsRequired<DumpLabel>>().toExtend<Fields<DumpLabel, Label, "name">>();
expectTypeOf<IdsRequired<DumpLabel> & { name: string }>().toExtend<Fields<DumpLabel, Label>>();

// Masters: artist credits.
expectLooser<DumpMaster, Master>().toEqualTypeOf<"artists">();
expectTypeOf<IdsRequired<DumpMaster>>().toExtend<Fields<DumpMaster, Master>>();

// The aliases of the SDK are used, not the wire names.
expectTypeOf<DumpRelease["labels"]>().toEqualTypeOf<
  { id?: number; name: string; catalog_number?: string }[] | undefined
>();
expectTypeOf<NonNullable<DumpRelease["formats"]>[number]>().toHaveProperty("quantity");
expectTypeOf<NonNullable<DumpRelease["artists"]>[number]>().toHaveProperty("name_variation");
expectTypeOf<DumpRelease>().toHaveProperty("extra_artists");
expectTypeOf<DumpArtist>().toHaveProperty("name_variations");
expectTypeOf<DumpLabel>().toHaveProperty("sub_labels");
expectTypeOf<DumpLabel>().toHaveProperty("contact_info");
// What the dump lacks is not there.
expectTypeOf<DumpRelease>().not.toHaveProperty("year");
expectTypeOf<DumpRelease>().not.toHaveProperty("resource_url");
expectTypeOf<DumpRelease>().not.toHaveProperty("community");
expectTypeOf<DumpMaster>().not.toHaveProperty("tracklist");

describe("dump record types", () => {
  it("compile against the API models (tsc on this file)", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const file = fileURLToPath(import.meta.url);
    const tsc = spawnSync(
      process.execPath,
      [
        "node_modules/typescript/bin/tsc",
        "--noEmit",
        "--strict",
        "--target",
        "ES2022",
        "--module",
        "ESNext",
        "--moduleResolution",
        "Bundler",
        "--types",
        "node",
        "--skipLibCheck",
        "--ignoreConfig",
        "--noUncheckedIndexedAccess",
        "--lib",
        "ES2022,DOM,DOM.Iterable,ESNext.Disposable",
        file,
      ],
      { cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);
});
