/**
 * Response validation through the client, over HTTP against the emulator: the three `validation` modes, the
 * error's path, issues and untouched body, the warning hook, unknown fields and values Discogs may add later,
 * and that the next request after a rejected one behaves normally.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  Discogs,
  extraFields,
  ReleaseSchema,
  ResponseValidationError,
  type ValidationMode,
  type ValidationWarning,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";

const ID = 352665;
let emu: Emulator;
let original: Record<string, unknown>;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  original = structuredClone(emu.state.releases.get(ID)!);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.state.releases.set(ID, structuredClone(original));
  emu.clearRequests();
});

/** Changes the stored release (wire format) before the next request. */
function drift(change: (release: Record<string, any>) => void): void {
  change(emu.state.releases.get(ID)!);
}

function client(validation: ValidationMode, warnings: ValidationWarning[] = []) {
  return new Discogs({
    baseUrl: emu.url,
    token: "t",
    rateLimit: false,
    validation,
    hooks: { onValidationWarning: (w) => warnings.push(w) },
  });
}

describe('validation "strict" (the default)', () => {
  it("rejects a drifted body with the dotted path of each issue, the endpoint and the untouched body", async () => {
    drift((r) => {
      r.year = "1994";
      r.tracklist[1].extraartists = [{ id: "7", name: "X", anv: "" }];
    });
    const c = client("strict");
    const error = await c.releases.get(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const e = error as ResponseValidationError;
    expect(e.endpoint).toBe(`GET /releases/${ID}`);
    expect(e.path).toBe("year");
    expect(e.issues).toEqual([
      "year: expected number, received string",
      "tracklist.1.extra_artists.0.id: expected number, received string",
    ]);
    expect(e.message).toBe(
      `Response from GET /releases/${ID} does not match the schema at "year": expected number, received string (and 1 more)`,
    );
    // The body as Discogs sent it: wire names, not renamed.
    const body = e.body as Record<string, any>;
    expect(body).toHaveProperty("extraartists");
    expect(body.tracklist[0]).toHaveProperty("extraartists");
    expect(body.labels[0]).toHaveProperty("catno");
    expect(body.labels[0]).not.toHaveProperty("catalog_number");

    // The next request behaves as if nothing happened.
    emu.state.releases.set(ID, structuredClone(original));
    const release = await c.releases.get(ID);
    expect(release.year).toBe(1994);
    await c.close();
  });

  it("a missing required field is reported as missing", async () => {
    drift((r) => delete r.title);
    const c = client("strict");
    const e = (await c.releases.get(ID).catch((x: unknown) => x)) as ResponseValidationError;
    expect(e.issues).toEqual(["title: missing required field (expected string)"]);
    await c.close();
  });

  it("keeps fields Discogs adds later, reachable through extraFields, and accepts new values of known sets", async () => {
    drift((r) => {
      r.brand_new_field = { nested: [1, 2] };
      r.status = "Some Status Discogs Adds Later";
      r.tracklist[0].type_ = "a-new-kind";
    });
    const c = client("strict");
    const release = await c.releases.get(ID);
    expect(release.status).toBe("Some Status Discogs Adds Later");
    expect(release.tracklist?.[0]?.type_).toBe("a-new-kind");
    expect(extraFields(release, ReleaseSchema)).toEqual({ brand_new_field: { nested: [1, 2] } });
    expect(release).not.toHaveProperty("extraartists");
    expect(release.extra_artists?.length).toBeGreaterThan(0);
    await c.close();
  });
});

describe('validation "warn"', () => {
  it("returns the data with readable names and reports each issue through onValidationWarning", async () => {
    drift((r) => {
      r.year = "1994";
    });
    const warnings: ValidationWarning[] = [];
    const c = client("warn", warnings);
    const release = await c.releases.get(ID);
    expect(warnings).toEqual([
      { endpoint: `GET /releases/${ID}`, issues: ["year: expected number, received string"] },
    ]);
    expect(release.year as unknown).toBe("1994");
    expect(release.labels?.[0]?.catalog_number).toBeTypeOf("string");
    expect(release.labels?.[0]).not.toHaveProperty("catno");
    expect(release.tracklist?.[0]).not.toHaveProperty("extraartists");

    // A body that fits: no warning.
    emu.state.releases.set(ID, structuredClone(original));
    await c.releases.get(ID);
    expect(warnings).toHaveLength(1);
    await c.close();
  });
});

describe('validation "off"', () => {
  it("checks nothing and still applies the readable names", async () => {
    drift((r) => {
      r.year = "1994";
    });
    const warnings: ValidationWarning[] = [];
    const c = client("off", warnings);
    const release = await c.releases.get(ID);
    expect(warnings).toEqual([]);
    expect(release.year as unknown).toBe("1994");
    expect(release).toHaveProperty("extra_artists");
    expect(release).not.toHaveProperty("extraartists");
    expect(release.labels?.[0]?.catalog_number).toBeTypeOf("string");
    expect(release.formats?.[0]?.quantity).toBeTypeOf("string");
    expect(release.extra_artists?.[0]).toHaveProperty("name_variation");
    await c.close();
  });
});
