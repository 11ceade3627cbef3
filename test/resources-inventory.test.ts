/**
 * `client.exports` and `client.uploads`, against the emulator: the request on the wire, the parsed and typed
 * result, the inventory change an upload makes, every CSV input form, the download forms and argument checks.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  DiscogsAPIError,
  Discogs,
  NotFoundError,
  ValidationError,
  type Export,
  type InventoryJob,
  type Paginator,
  type Upload,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { harness } from "./helpers/harness";

let emu: Emulator;
let client: Discogs;
const { expectTypeError } = harness(() => emu);
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({
    baseUrl: emu.url,
    token: "t",
    rateLimit: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  dir = await mkdtemp(join(tmpdir(), "discogs-sdk-uploads-"));
});
afterAll(async () => {
  await client.close();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

async function all<T>(paginator: Paginator<T>) {
  const items: T[] = [];
  let reported = -1;
  for await (const page of paginator.pages()) {
    if (reported === -1) reported = page.pagination.items;
    items.push(...page.items);
  }
  return { items, reported };
}

/** The listings of `example` in the emulator. */
function exampleListings() {
  return [...emu.state.listings.values()].filter((l) => l.seller?.username === "example");
}

/** The multipart upload as the emulator received it: content type, field name, file name, part type, content. */
function uploadedPart(i = 0) {
  const r = emu.requests[i]!;
  const disposition = /Content-Disposition: form-data; name="([^"]+)"; filename="([^"]*)"/i.exec(r.rawBody);
  const partType = /Content-Type: ([^\r\n]+)/i.exec(r.rawBody)?.[1];
  return {
    method: r.method,
    path: r.path,
    query: r.query,
    contentType: r.headers["content-type"],
    field: disposition?.[1],
    filename: disposition?.[2],
    partType,
  };
}

describe("client.exports", () => {
  it("request() → list() → get() → download(): the CSV text", async () => {
    const job = await client.exports.request();
    expectTypeOf(job).toEqualTypeOf<InventoryJob>();
    expect(
      emu.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, rawBody: r.rawBody })),
    ).toEqual([{ method: "POST", path: "/inventory/export", query: {}, rawBody: "" }]);
    expect(job.id).toBeTypeOf("number");
    expect(job.location).toBe(`${emu.url}/inventory/export/${job.id}`);

    emu.clearRequests();
    const { items, reported } = await all(client.exports.list());
    expectTypeOf(items).toEqualTypeOf<Export[]>();
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/inventory/export",
      query: { per_page: "100" },
    });
    expect(items).toHaveLength(reported);
    expect(items.map((e) => e.id)).toEqual(expect.arrayContaining([job.id, 599632]));

    const record = await client.exports.get(job.id);
    expectTypeOf(record).toEqualTypeOf<Export>();
    expect(record).toMatchObject({ id: job.id, status: "success" });
    expect(record.created_at).toBeTypeOf("string");
    expect(record).not.toHaveProperty("created_ts");

    emu.clearRequests();
    const csv = await client.exports.download(job.id);
    expectTypeOf(csv).toEqualTypeOf<string>();
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /inventory/export/${job.id}/download`,
    ]);
    expect(csv).toBe(emu.state.exports.get(job.id)!.csv);
    expect(csv.split("\n")[0]).toMatch(/listing_id|release_id/);
  });

  it("get(id) is lazy and parses the seeded export", async () => {
    const lazy = client.exports.get(599632);
    expect(emu.requests).toHaveLength(0);
    const record = await lazy;
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /inventory/export/599632"]);
    expect(record).toMatchObject({
      id: 599632,
      status: "success",
      created_at: "2024-09-27T12:50:39",
      finished_at: "2024-09-27T12:59:02",
      filename: "example-inventory-20240927-1259.csv",
    });
    expect(record.download_url).toBe(`${emu.url}/inventory/export/599632/download`);
  });

  it("download(id, { as: 'bytes' | 'stream' })", async () => {
    const expected = emu.state.exports.get(599632)!.csv as string;
    const bytes = await client.exports.download(599632, { as: "bytes" });
    expectTypeOf(bytes).toEqualTypeOf<Uint8Array>();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe(expected);

    const stream = await client.exports.download(599632, { as: "stream" });
    expectTypeOf(stream).toEqualTypeOf<ReadableStream<Uint8Array>>();
    const text = await new Response(stream).text();
    expect(text).toBe(expected);

    expect(await client.exports.download(599632, { as: "text" })).toBe(expected);
    expect(emu.requests.map((r) => r.path)).toEqual(Array(3).fill("/inventory/export/599632/download"));
  });

  it("download of an unknown export is a NotFoundError", async () => {
    await expect(client.exports.download(1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("request() is never retried on a 5xx", async () => {
    emu.faults.add({ kind: "status", status: 503, path: "/inventory/export", times: 1 });
    await expect(client.exports.request()).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(emu.requests).toHaveLength(1);
  });

  it("rejects bad arguments before any request", async () => {
    await expectTypeError(() => client.exports.get(0), /^id must be a positive integer/);
    await expectTypeError(() => client.exports.download(-1), /^id must be a positive integer/);
    await expectTypeError(() => client.exports.download(1, { as: "json" as never }), /^as must be one of/);
    await expectTypeError(() => client.exports.list({ per_page: 500 }), /^per_page /);
  });
});

describe("client.uploads", () => {
  it("create(csv string) adds listings, as multipart/form-data with the file field `upload`", async () => {
    const before = exampleListings().length;
    const job = await client.uploads.create(
      "release_id,price,media_condition,comments\n249504,13.37,Mint (M),Uploaded from a string\n",
    );
    expectTypeOf(job).toEqualTypeOf<InventoryJob>();
    expect(uploadedPart()).toEqual({
      method: "POST",
      path: "/inventory/upload/add",
      query: {},
      contentType: expect.stringMatching(/^multipart\/form-data; boundary=/),
      field: "upload",
      filename: "inventory.csv",
      partType: "text/csv",
    });
    expect(job.location).toBe(`${emu.url}/inventory/upload/${job.id}`);
    const added = exampleListings();
    expect(added).toHaveLength(before + 1);
    expect(added.find((l) => l.comments === "Uploaded from a string")).toMatchObject({
      release: { id: 249504 },
      price: { value: 13.37 },
      condition: "Mint (M)",
      status: "For Sale",
    });

    const upload = await client.uploads.get(job.id);
    expectTypeOf(upload).toEqualTypeOf<Upload>();
    expect(upload).toMatchObject({ id: job.id, type: "add", status: "success", filename: "inventory.csv" });
    expect(upload.results).toContain("Processed 1 records");
    expect(upload.created_at).toBeTypeOf("string");
  });

  it("change(Blob / File) changes listings; a File's name is sent", async () => {
    const target = exampleListings().find((l) => l.release?.id === 1 && l.status === "For Sale")!;
    const file = new File(["release_id,price\n1,99.00\n"], "prices.csv");
    const job = await client.uploads.change(file);
    expect(uploadedPart()).toMatchObject({
      path: "/inventory/upload/change",
      field: "upload",
      filename: "prices.csv",
    });
    expect(emu.state.listings.get(target.id)?.price.value).toBe(99);
    expect((await client.uploads.get(job.id)).type).toBe("change");

    emu.clearRequests();
    await client.uploads.change(new Blob(["release_id,comments\n1,From a Blob\n"]));
    expect(uploadedPart()).toMatchObject({ filename: "inventory.csv", partType: "text/csv" });
    expect(emu.state.listings.get(target.id)?.comments).toBe("From a Blob");
  });

  it("delete(bytes) deletes listings (Uint8Array and ArrayBuffer)", async () => {
    const [a, b] = exampleListings().filter((l) => l.status === "For Sale");
    await client.uploads.delete(new TextEncoder().encode(`listing_id\n${a!.id}\n`));
    expect(uploadedPart()).toMatchObject({
      method: "POST",
      path: "/inventory/upload/delete",
      field: "upload",
    });
    expect(emu.state.listings.has(a!.id)).toBe(false);
    await client.uploads.delete(new TextEncoder().encode(`listing_id\n${b!.id}\n`).buffer as ArrayBuffer);
    expect(emu.state.listings.has(b!.id)).toBe(false);
  });

  it("reads a file given as { path } or a file: URL (Node)", async () => {
    const file = join(dir, "my-inventory.csv");
    await writeFile(file, "release_id,price,media_condition,comments\n1,4.50,Good (G),From a file\n");
    const before = exampleListings().length;
    await client.uploads.create({ path: file });
    expect(uploadedPart()).toMatchObject({
      path: "/inventory/upload/add",
      field: "upload",
      filename: "my-inventory.csv",
    });
    await client.uploads.create(pathToFileURL(file));
    await client.uploads.create({ path: pathToFileURL(file), filename: "renamed.csv" });
    expect(uploadedPart(2).filename).toBe("renamed.csv");
    expect(exampleListings().filter((l) => l.comments === "From a file")).toHaveLength(3);
    expect(exampleListings()).toHaveLength(before + 3);
  });

  it("list() walks the uploads; get(id) is lazy", async () => {
    const { items, reported } = await all(client.uploads.list());
    expectTypeOf(items).toEqualTypeOf<Upload[]>();
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/inventory/upload",
      query: { per_page: "100" },
    });
    expect(items).toHaveLength(reported);
    expect(items.map((u) => u.id)).toContain(119615);

    emu.clearRequests();
    const lazy = client.uploads.get(119615);
    expect(emu.requests).toHaveLength(0);
    expect(await lazy).toMatchObject({ id: 119615, type: "add", finished_at: "2024-12-18T09:20:29" });
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /inventory/upload/119615"]);
  });

  it("a CSV Discogs rejects surfaces as ValidationError", async () => {
    await expect(client.uploads.create("release_id,price\n1,2\n")).rejects.toBeInstanceOf(ValidationError);
  });

  it("uploads are never retried on a 5xx", async () => {
    emu.faults.add({ kind: "status", status: 503, path: "/inventory/upload/add", times: 1 });
    await expect(
      client.uploads.create("release_id,price,media_condition\n1,2,Mint (M)\n"),
    ).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(emu.requests).toHaveLength(1);
  });

  it("rejects bad CSV inputs before any request", async () => {
    const uploads = client.uploads;
    await expectTypeError(() => uploads.create(""), /^csv is empty/);
    await expectTypeError(() => uploads.create("  \n"), /^csv is empty/);
    await expectTypeError(() => uploads.create(new Blob([])), /^csv is empty/);
    await expectTypeError(() => uploads.create(new Uint8Array()), /^csv is empty/);
    await expectTypeError(() => uploads.create("./inventory.csv"), /^csv looks like a file path/);
    await expectTypeError(() => uploads.change(5 as never), /^csv must be the CSV text/);
    await expectTypeError(() => uploads.change(null as never), /^csv must be the CSV text/);
    await expectTypeError(() => uploads.delete({ path: "" }), /^csv.path must be a non-empty string/);
    await expectTypeError(() => uploads.delete({ path: "/x.csv", filename: "" }), /^csv.filename /);
    await expectTypeError(
      () => uploads.create(new URL("https://example.com/x.csv")),
      /^csv as a URL must be a file: URL/,
    );
    await expectTypeError(() => uploads.get(0), /^id /);
    const missing = await uploads.create({ path: join(dir, "missing.csv") }).catch((e: unknown) => e);
    expect((missing as NodeJS.ErrnoException).code).toBe("ENOENT");
    expect(emu.requests).toHaveLength(0);
  });
});
