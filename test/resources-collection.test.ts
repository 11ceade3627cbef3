/**
 * `client.users.get(username).collection` (folders, folder releases, instances, custom fields, value) and
 * `.wantlist`, against the emulator: the request on the wire (method, path, query, body), the parsed, typed
 * result, pagination, stateful flows and argument checks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  Discogs,
  DiscogsAPIError,
  ForbiddenError,
  ValidationError,
  type CollectionField,
  type CollectionFolder,
  type CollectionInstanceCreated,
  type CollectionItem,
  type CollectionValue,
  type Want,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { harness, walk } from "./helpers/harness";

let emu: Emulator;
let client: Discogs;
const { wire, expectTypeError } = harness(() => emu);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({ baseUrl: emu.url, token: "t", rateLimit: false, retry: { baseDelayMs: 1 } });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

const example = () => client.users.get("example");
const collection = () => example().collection;
const RELEASE = 352665;

describe("collection.folders", () => {
  it("list() GETs the folders (not paginated) and returns an array", async () => {
    const folders = await collection().folders.list();
    expectTypeOf(folders).toEqualTypeOf<CollectionFolder[]>();
    expect(wire()).toEqual([
      { method: "GET", path: "/users/example/collection/folders", query: {}, body: undefined },
    ]);
    expect(folders.map((f) => f.id)).toEqual(expect.arrayContaining([0, 1]));
    const all = folders.find((f) => f.id === 0)!;
    expect(all.name).toBe("All");
    expect(folders.find((f) => f.id === 1)!.name).toBe("Uncategorized");
    const others = folders.filter((f) => f.id !== 0).reduce((n, f) => n + (f.count ?? 0), 0);
    expect(all.count).toBe(others);
    expect(all.count).toBeGreaterThan(120);
  });

  it("get(id) is lazy (folder 0 allowed) and fetches once when awaited", async () => {
    const lazy = collection().folders.get(0);
    expect(lazy.id).toBe(0);
    void lazy.releases;
    expect(emu.requests).toHaveLength(0);
    const folder = await lazy;
    await lazy;
    expectTypeOf(folder).toEqualTypeOf<CollectionFolder>();
    expect(folder).toMatchObject({ id: 0, name: "All" });
    expect(wire()).toEqual([
      { method: "GET", path: "/users/example/collection/folders/0", query: {}, body: undefined },
    ]);
  });

  it("others see only folder 0 of a public collection; a private collection is refused", async () => {
    const theirs = await client.users.get("rodneyfool").collection.folders.list();
    expect(theirs.map((f) => f.id)).toEqual([0]);
    await expect(client.users.get("privateuser").collection.folders.list()).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("create -> appears -> rename -> delete", async () => {
    const created = await collection().folders.create({ name: "Industrial EBM" });
    expectTypeOf(created).toEqualTypeOf<CollectionFolder>();
    expect(created).toMatchObject({ name: "Industrial EBM", count: 0 });
    expect(wire()).toEqual([
      {
        method: "POST",
        path: "/users/example/collection/folders",
        query: {},
        body: { name: "Industrial EBM" },
      },
    ]);
    expect((await collection().folders.list()).find((f) => f.id === created.id)?.name).toBe("Industrial EBM");

    emu.clearRequests();
    const renamed = await collection().folders.update(created.id, { name: "EBM" });
    expect(renamed).toMatchObject({ id: created.id, name: "EBM" });
    expect(wire()).toEqual([
      {
        method: "POST",
        path: `/users/example/collection/folders/${created.id}`,
        query: {},
        body: { name: "EBM" },
      },
    ]);
    expect((await collection().folders.get(created.id)).name).toBe("EBM");

    emu.clearRequests();
    const gone = await collection().folders.delete(created.id);
    expect(gone).toBeUndefined();
    expectTypeOf(gone).toEqualTypeOf<void>();
    expect(wire()).toEqual([
      {
        method: "DELETE",
        path: `/users/example/collection/folders/${created.id}`,
        query: {},
        body: undefined,
      },
    ]);
    expect((await collection().folders.list()).some((f) => f.id === created.id)).toBe(false);
  });

  it("create is never retried (a retry could create a second folder); rename is", async () => {
    emu.faults.add({
      kind: "status",
      status: 503,
      path: "/users/example/collection/folders",
      method: "POST",
    });
    await expect(collection().folders.create({ name: "Twice?" })).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(emu.requests).toHaveLength(1);

    const folder = await collection().folders.create({ name: "Retry me" });
    emu.clearRequests();
    emu.faults.add({
      kind: "status",
      status: 503,
      path: `/users/example/collection/folders/${folder.id}`,
      method: "POST",
    });
    await collection().folders.update(folder.id, { name: "Retried" });
    expect(wire().map((r) => r.method)).toEqual(["POST", "POST"]);
    await collection().folders.delete(folder.id);
  });

  it("Discogs refuses to delete a folder that is not empty", async () => {
    await expect(collection().folders.delete(1000)).rejects.toBeInstanceOf(DiscogsAPIError);
  });

  it("rejects bad input before any request (folders 0 and 1 cannot be renamed or deleted)", async () => {
    const folders = collection().folders;
    await expectTypeError(() => folders.update(0, { name: "x" }), /\bid\b.*"All"/);
    await expectTypeError(() => folders.update(1, { name: "x" }), /\bid\b.*"Uncategorized"/);
    await expectTypeError(() => folders.delete(0), /\bid\b/);
    await expectTypeError(() => folders.delete(1), /\bid\b/);
    await expectTypeError(() => folders.delete(-3), /\bid\b/);
    await expectTypeError(() => folders.update(1000, { name: "" }), /name/);
    await expectTypeError(() => folders.update(1000, {} as never), /name/);
    await expectTypeError(() => folders.create({ name: "   " }), /name/);
    await expectTypeError(() => folders.create({} as never), /name/);
    await expectTypeError(() => folders.create(undefined as never), /name/);
    await expectTypeError(() => folders.create("x" as never), /params/);
    await expectTypeError(() => folders.get(-1), /\bid\b/);
    await expectTypeError(() => folders.get(1.5), /\bid\b/);
    await expectTypeError(() => folders.get("../1" as never), /\bid\b/);
  });
});

describe("collection.folders.get(f).releases.list()", () => {
  it("walks folder 0 (the whole collection) over a full page and a short last page, per_page=100", async () => {
    const { items, sizes, reported } = await walk(collection().folders.get(0).releases.list());
    expectTypeOf(items).toEqualTypeOf<CollectionItem[]>();
    expect(reported).toBeGreaterThan(120);
    expect(items.length).toBe(reported);
    expect(sizes).toEqual([100, reported - 100]);
    expect(wire()[0]).toEqual({
      method: "GET",
      path: "/users/example/collection/folders/0/releases",
      query: { per_page: "100" },
      body: undefined,
    });
    expect(emu.requests[1]!.query).toMatchObject({ page: "2", per_page: "100" });
    expect(new Set(items.map((i) => i.instance_id)).size).toBe(items.length);
    const item = items[0]!;
    expect(typeof item.basic_information.title).toBe("string");
    // readable aliases inside basic_information
    const label = items.flatMap((i) => i.basic_information.labels ?? [])[0];
    expect(label).toBeDefined();
    expect(label).not.toHaveProperty("catno");
    expect(label).toHaveProperty("catalog_number");
  });

  it("sends sort, sort_order and per_page (many pages)", async () => {
    const list = collection()
      .folders.get(0)
      .releases.list({ sort: "added", sort_order: "desc", per_page: 25 });
    const { items, sizes, reported } = await walk(list);
    expect(items.length).toBe(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 25));
    expect(emu.requests[0]!.query).toEqual({ sort: "added", sort_order: "desc", per_page: "25" });
    const dates = items.map((i) => Date.parse(i.date_added!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("a folder holding one page, and an empty folder (one request, no items)", async () => {
    const jazz = await walk(collection().folders.get(1001).releases.list());
    expect(jazz.sizes).toHaveLength(1);
    expect(jazz.items.length).toBe(jazz.reported);
    expect(jazz.items.every((i) => i.folder_id === 1001)).toBe(true);

    const empty = await collection().folders.create({ name: "Empty" });
    emu.clearRequests();
    const none = await walk(collection().folders.get(empty.id).releases.list());
    expect(none.items).toEqual([]);
    expect(none.reported).toBe(0);
    expect(emu.requests).toHaveLength(1);
    await collection().folders.delete(empty.id);
  });

  it("others can read folder 0 of a public collection", async () => {
    const theirs = await client.users
      .get("rodneyfool")
      .collection.folders.get(0)
      .releases.list()
      .toArray({ limit: 5 });
    expect(theirs.length).toBeGreaterThan(0);
  });

  it("rejects unknown sort keys before any request", async () => {
    const releases = collection().folders.get(0).releases;
    await expectTypeError(() => releases.list({ sort: "price" as "added" }), /sort/);
    await expectTypeError(() => releases.list({ sort_order: "down" as "asc" }), /sort_order/);
  });
});

describe("collection instances: add -> move -> rate -> set a field -> delete", () => {
  it("runs the whole flow, asserting each request", async () => {
    const target = await collection().folders.create({ name: "Flow" });
    emu.clearRequests();

    // add to folder 1
    const created = await collection().folders.get(1).releases.create({ release_id: RELEASE });
    expectTypeOf(created).toEqualTypeOf<CollectionInstanceCreated>();
    expect(typeof created.instance_id).toBe("number");
    expect(created.resource_url).toContain(
      `/collection/folders/1/release/${RELEASE}/instance/${created.instance_id}`,
    );
    expect(wire()).toEqual([
      {
        method: "POST",
        path: `/users/example/collection/folders/1/releases/${RELEASE}`,
        query: {},
        body: undefined,
      },
    ]);
    const id = created.instance_id;

    // the instances of the release in the collection
    emu.clearRequests();
    const copies = await collection().releases.get(RELEASE).list().toArray({ limit: 100 });
    expectTypeOf(copies).toEqualTypeOf<CollectionItem[]>();
    expect(wire()).toEqual([
      {
        method: "GET",
        path: `/users/example/collection/releases/${RELEASE}`,
        query: { per_page: "100" },
        body: undefined,
      },
    ]);
    expect(copies.find((c) => c.instance_id === id)).toMatchObject({ id: RELEASE, folder_id: 1, rating: 0 });

    // move it
    emu.clearRequests();
    const instances = collection().folders.get(1).releases.get(RELEASE).instances;
    const moved = await instances.update(id, { folder_id: target.id });
    expect(moved).toBeUndefined();
    expect(wire()).toEqual([
      {
        method: "POST",
        path: `/users/example/collection/folders/1/releases/${RELEASE}/instances/${id}`,
        query: {},
        body: { folder_id: target.id },
      },
    ]);

    // rate it (in its new folder)
    emu.clearRequests();
    const here = collection().folders.get(target.id).releases.get(RELEASE);
    await here.instances.update(id, { rating: 4 });
    expect(wire()).toEqual([
      {
        method: "POST",
        path: `/users/example/collection/folders/${target.id}/releases/${RELEASE}/instances/${id}`,
        query: {},
        body: { rating: 4 },
      },
    ]);

    // set the Notes (textarea) and Media Condition (dropdown) fields
    emu.clearRequests();
    const fields = here.instances.get(id).fields;
    expect(emu.requests).toHaveLength(0);
    await fields.update({ field_id: 3, value: "Signed copy" });
    await fields.update({ field_id: 1, value: "Near Mint (NM or M-)" });
    expect(wire()).toEqual([
      {
        method: "POST",
        path: `/users/example/collection/folders/${target.id}/releases/${RELEASE}/instances/${id}/fields/3`,
        query: {},
        body: { value: "Signed copy" },
      },
      {
        method: "POST",
        path: `/users/example/collection/folders/${target.id}/releases/${RELEASE}/instances/${id}/fields/1`,
        query: {},
        body: { value: "Near Mint (NM or M-)" },
      },
    ]);
    // Discogs validates dropdown values (the SDK does not know a user's options)
    await expect(fields.update({ field_id: 1, value: "Like new" })).rejects.toBeInstanceOf(ValidationError);

    const [item] = await collection().folders.get(target.id).releases.list().toArray({ limit: 10 });
    expect(item).toMatchObject({ id: RELEASE, instance_id: id, folder_id: target.id, rating: 4 });
    expect(item!.notes).toEqual(
      expect.arrayContaining([
        { field_id: 3, value: "Signed copy" },
        { field_id: 1, value: "Near Mint (NM or M-)" },
      ]),
    );

    // delete it
    emu.clearRequests();
    const deleted = await here.instances.delete(id);
    expect(deleted).toBeUndefined();
    expect(wire()).toEqual([
      {
        method: "DELETE",
        path: `/users/example/collection/folders/${target.id}/releases/${RELEASE}/instances/${id}`,
        query: {},
        body: undefined,
      },
    ]);
    const after = await collection().releases.get(RELEASE).list().toArray({ limit: 100 });
    expect(after.some((c) => c.instance_id === id)).toBe(false);
    await collection().folders.delete(target.id);
  });

  it("adding to a folder is never retried; instance edits are", async () => {
    emu.faults.add({
      kind: "status",
      status: 503,
      method: "POST",
      path: `/users/example/collection/folders/1/releases/${RELEASE}`,
    });
    await expect(collection().folders.get(1).releases.create({ release_id: RELEASE })).rejects.toBeInstanceOf(
      DiscogsAPIError,
    );
    expect(emu.requests).toHaveLength(1);

    const { instance_id } = await collection().folders.get(1).releases.create({ release_id: RELEASE });
    emu.clearRequests();
    const path = `/users/example/collection/folders/1/releases/${RELEASE}/instances/${instance_id}`;
    emu.faults.add({ kind: "status", status: 503, method: "POST", path });
    await collection().folders.get(1).releases.get(RELEASE).instances.update(instance_id, { rating: 2 });
    emu.faults.add({ kind: "status", status: 503, method: "POST", path: `${path}/fields/3` });
    await collection()
      .folders.get(1)
      .releases.get(RELEASE)
      .instances.get(instance_id)
      .fields.update({ field_id: 3, value: "" });
    expect(wire().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${path}`,
      `POST ${path}`,
      `POST ${path}/fields/3`,
      `POST ${path}/fields/3`,
    ]);
    await collection().folders.get(1).releases.get(RELEASE).instances.delete(instance_id);
  });

  it("the deep chain sends nothing until the final call", async () => {
    const fields = client.users
      .get("example")
      .collection.folders.get(1)
      .releases.get(RELEASE)
      .instances.get(5).fields;
    expect(emu.requests).toHaveLength(0);
    const chain = collection().folders.get(1).releases.get(RELEASE);
    expect(chain.folderId).toBe(1);
    expect(chain.releaseId).toBe(RELEASE);
    expect(chain.instances.get(5).instanceId).toBe(5);
    expect(emu.requests).toHaveLength(0);
    await expect(fields.update({ field_id: 3, value: "x" })).rejects.toBeInstanceOf(DiscogsAPIError); // no instance 5
    expect(emu.requests).toHaveLength(1);
  });

  it("collection.releases.get(r).list() of a release not in the collection is empty", async () => {
    const { items, reported } = await walk(
      client.users.get("360vinyl").collection.releases.get(RELEASE).list(),
    );
    expect(items).toEqual([]);
    expect(reported).toBe(0);
    expect(emu.requests).toHaveLength(1);
  });

  it("rejects bad input before any request", async () => {
    const folder1 = collection().folders.get(1).releases;
    const all = collection().folders.get(0).releases;
    await expectTypeError(() => all.create({ release_id: RELEASE }), /folder_id 0 \("All"\)/);
    await expectTypeError(() => folder1.create({} as never), /release_id/);
    await expectTypeError(() => folder1.create({ release_id: 0 }), /release_id/);
    await expectTypeError(() => folder1.get(0), /releaseId/);
    await expectTypeError(() => collection().releases.get(-1), /releaseId/);
    const instances = folder1.get(RELEASE).instances;
    await expectTypeError(() => instances.update(1, { rating: 6 }), /rating/);
    await expectTypeError(() => instances.update(1, { rating: -1 }), /rating/);
    await expectTypeError(() => instances.update(1, { rating: 2.5 }), /rating/);
    await expectTypeError(() => instances.update(1, { folder_id: 0 }), /folder_id/);
    await expectTypeError(() => instances.update(1, {}), /params/);
    await expectTypeError(() => instances.update(0, { rating: 1 }), /instanceId/);
    await expectTypeError(() => instances.delete(NaN), /instanceId/);
    await expectTypeError(() => instances.get(-5), /instanceId/);
    const fields = instances.get(1).fields;
    await expectTypeError(() => fields.update({ value: "x" } as never), /field_id/);
    await expectTypeError(() => fields.update({ field_id: 3 } as never), /value/);
    await expectTypeError(() => fields.update({ field_id: 3, value: 5 as never }), /value/);
    await expectTypeError(() => collection().releases.get(RELEASE).list({ per_page: 500 }), /per_page/);
  });
});

describe("collection.fields and collection.value", () => {
  it("fields.list() GETs the custom fields (not paginated) and returns an array", async () => {
    const fields = await collection().fields.list();
    expectTypeOf(fields).toEqualTypeOf<CollectionField[]>();
    expect(wire()).toEqual([
      { method: "GET", path: "/users/example/collection/fields", query: {}, body: undefined },
    ]);
    expect(fields.find((f) => f.id === 1)).toMatchObject({ type: "dropdown", options: expect.any(Array) });
    expect(fields.find((f) => f.id === 3)).toMatchObject({ type: "textarea", lines: expect.any(Number) });
  });

  it("others see only public fields", async () => {
    const c = new Discogs({ baseUrl: emu.url, rateLimit: false });
    const fields = await c.users.get("example").collection.fields.list();
    expect(fields.every((f) => f.public)).toBe(true);
  });

  it("value.get() is lazy and returns formatted strings", async () => {
    const lazy = collection().value.get();
    expect(emu.requests).toHaveLength(0);
    const value = await lazy;
    expectTypeOf(value).toEqualTypeOf<CollectionValue>();
    expect(wire()).toEqual([
      { method: "GET", path: "/users/example/collection/value", query: {}, body: undefined },
    ]);
    for (const v of [value.minimum, value.median, value.maximum]) expect(v).toMatch(/^\D*[\d,]+\.\d{2}$/);
  });

  it("value is owner-only", async () => {
    await expect(client.users.get("rodneyfool").collection.value.get()).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("wantlist", () => {
  it("list() walks 130+ wants: a full page and a short one, per_page=100", async () => {
    const { items, sizes, reported } = await walk(example().wantlist.list());
    expectTypeOf(items).toEqualTypeOf<Want[]>();
    expect(reported).toBeGreaterThan(130);
    expect(items.length).toBe(reported);
    expect(sizes).toEqual([100, reported - 100]);
    expect(wire()[0]).toEqual({
      method: "GET",
      path: "/users/example/wants",
      query: { per_page: "100" },
      body: undefined,
    });
    expect(typeof items[0]!.basic_information.title).toBe("string");
    expect(items[0]).toHaveProperty("notes"); // the owner sees notes
  });

  it("per_page gives many pages; a short wantlist is one page; a private one is refused", async () => {
    const many = await walk(example().wantlist.list({ per_page: 40 }));
    expect(many.sizes.length).toBe(Math.ceil(many.reported / 40));
    expect(many.items.length).toBe(many.reported);
    const short = await walk(client.users.get("360vinyl").wantlist.list());
    expect(short.sizes).toHaveLength(1);
    expect(short.items.length).toBe(short.reported);
    await expect(
      client.users.get("privateuser").wantlist.list().toArray({ limit: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("an empty wantlist: one request, no items", async () => {
    emu.state.wants.get("rodneyfool")!.clear();
    const { items, reported } = await walk(client.users.get("rodneyfool").wantlist.list());
    expect(items).toEqual([]);
    expect(reported).toBe(0);
    expect(emu.requests).toHaveLength(1);
  });

  it("create (PUT) -> list shows it -> update (POST) -> delete", async () => {
    expect(emu.state.wants.get("example")!.has(RELEASE)).toBe(false);
    const want = await example().wantlist.create({
      release_id: RELEASE,
      notes: "Original pressing",
      rating: 4,
    });
    expectTypeOf(want).toEqualTypeOf<Want>();
    expect(want).toMatchObject({ id: RELEASE, notes: "Original pressing", rating: 4 });
    expect(wire()).toEqual([
      {
        method: "PUT",
        path: `/users/example/wants/${RELEASE}`,
        query: {},
        body: { notes: "Original pressing", rating: 4 },
      },
    ]);
    const listed = await example().wantlist.list().toArray({ limit: 1000 });
    expect(listed.find((w) => w.id === RELEASE)).toMatchObject({ notes: "Original pressing", rating: 4 });

    emu.clearRequests();
    const updated = await example().wantlist.update(RELEASE, { rating: 5 });
    expectTypeOf(updated).toEqualTypeOf<Want>();
    expect(updated).toMatchObject({ id: RELEASE, notes: "Original pressing", rating: 5 });
    expect(wire()).toEqual([
      { method: "POST", path: `/users/example/wants/${RELEASE}`, query: {}, body: { rating: 5 } },
    ]);

    emu.clearRequests();
    await example().wantlist.update(RELEASE, { notes: "" });
    expect(emu.requests[0]!.body).toEqual({ notes: "" });

    emu.clearRequests();
    const deleted = await example().wantlist.delete(RELEASE);
    expect(deleted).toBeUndefined();
    expect(wire()).toEqual([
      { method: "DELETE", path: `/users/example/wants/${RELEASE}`, query: {}, body: undefined },
    ]);
    const after = await example().wantlist.list().toArray({ limit: 1000 });
    expect(after.some((w) => w.id === RELEASE)).toBe(false);
  });

  it("create sends only the fields given", async () => {
    await example().wantlist.create({ release_id: RELEASE });
    expect(wire()).toEqual([{ method: "PUT", path: `/users/example/wants/${RELEASE}`, query: {}, body: {} }]);
    await example().wantlist.delete(RELEASE);
  });

  it("update is retried on a 5xx (an idempotent edit)", async () => {
    await example().wantlist.create({ release_id: RELEASE });
    emu.clearRequests();
    emu.faults.add({ kind: "status", status: 503, method: "POST", path: `/users/example/wants/${RELEASE}` });
    await example().wantlist.update(RELEASE, { rating: 3 });
    expect(wire().map((r) => r.method)).toEqual(["POST", "POST"]);
    await example().wantlist.delete(RELEASE);
  });

  it("writes to another user's wantlist are refused by Discogs", async () => {
    await expect(
      client.users.get("rodneyfool").wantlist.create({ release_id: RELEASE }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("rejects bad input before any request", async () => {
    const w = example().wantlist;
    await expectTypeError(() => w.create({} as never), /release_id/);
    await expectTypeError(() => w.create({ release_id: -1 }), /release_id/);
    await expectTypeError(() => w.create({ release_id: RELEASE, rating: 6 }), /rating/);
    await expectTypeError(() => w.create({ release_id: RELEASE, notes: 1 as never }), /notes/);
    await expectTypeError(() => w.update(RELEASE, { rating: 7 }), /rating/);
    await expectTypeError(() => w.update(RELEASE, {}), /params/);
    await expectTypeError(() => w.update(0, { rating: 1 }), /releaseId/);
    await expectTypeError(() => w.delete("x" as never), /releaseId/);
    await expectTypeError(() => w.list({ per_page: -1 }), /per_page/);
  });
});
