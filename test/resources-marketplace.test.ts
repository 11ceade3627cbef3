/**
 * `client.marketplace` (listings, orders and their messages, fees) and the inventory paginator, against the
 * emulator: the request on the wire (method, path, query, body), the parsed and typed result, the state change,
 * retry behaviour of edits versus creates, and argument checks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  DiscogsAPIError,
  Discogs,
  Lazy,
  inventoryPaginator,
  NotFoundError,
  ValidationError,
  type Fee,
  type Listing,
  type ListingCreated,
  type Order,
  type OrderMessage,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import { harness, walk } from "./helpers/harness";

let emu: Emulator;
let client: Discogs;
const { wire, expectTypeError } = harness(() => emu);

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false });
  client = new Discogs({
    baseUrl: emu.url,
    token: "t",
    rateLimit: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

describe("client.marketplace.listings", () => {
  it("get(id) is lazy, typed, and shows the owner's private fields", async () => {
    const lazy = client.marketplace.listings.get(1000000001);
    expect(lazy).toBeInstanceOf(Lazy);
    expect(lazy.id).toBe(1000000001);
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.requests).toHaveLength(0);
    const listing = await lazy;
    expectTypeOf(listing).toEqualTypeOf<Listing>();
    expect(wire()).toEqual([
      { method: "GET", path: "/marketplace/listings/1000000001", query: {}, body: undefined },
    ]);
    expect(listing).toMatchObject({ id: 1000000001, status: "For Sale", release: { id: 352665 } });
    expect(listing.price?.currency).toBe("USD");
    expect(listing.original_price?.currency_code).toBe("USD");
    expect(listing.original_price).not.toHaveProperty("curr_abbr");
    expect(listing.weight).toBeDefined();
    expect(listing.external_id).toBeTypeOf("string");
    await lazy;
    expect(emu.requests).toHaveLength(1);
  });

  it("get(id, { curr_abbr })", async () => {
    const listing = await client.marketplace.listings.get(1000000002, { curr_abbr: "GBP" });
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/marketplace/listings/1000000002",
        query: { curr_abbr: "GBP" },
        body: undefined,
      },
    ]);
    expect(listing.price?.currency).toBe("GBP");
  });

  it("create() sends a JSON body with status For Sale by default and returns {listing_id, resource_url}", async () => {
    const created = await client.marketplace.listings.create({
      release_id: 249504,
      condition: "Very Good Plus (VG+)",
      price: 25,
    });
    expectTypeOf(created).toEqualTypeOf<ListingCreated>();
    expect(wire()).toEqual([
      {
        method: "POST",
        path: "/marketplace/listings",
        query: {},
        body: { release_id: 249504, condition: "Very Good Plus (VG+)", price: 25, status: "For Sale" },
      },
    ]);
    expect(emu.requests[0]?.headers["content-type"]).toMatch(/^application\/json/);
    expect(emu.requests[0]?.status).toBe(201);
    expect(created.listing_id).toBeTypeOf("number");
    expect(created.resource_url).toBe(`${emu.url}/marketplace/listings/${created.listing_id}`);
    expect(emu.state.listings.get(created.listing_id)).toMatchObject({
      status: "For Sale",
      condition: "Very Good Plus (VG+)",
      price: { value: 25 },
    });
  });

  it("create() sends every field under Discogs' names", async () => {
    const params = {
      release_id: 1,
      condition: "Mint (M)",
      price: 9.99,
      status: "Draft",
      sleeve_condition: "Generic",
      comments: "Sealed",
      allow_offers: true,
      external_id: "SKU-1",
      location: "Box 3",
      weight: 230,
      format_quantity: "auto",
    } as const;
    const { listing_id } = await client.marketplace.listings.create(params);
    expect(wire()).toEqual([{ method: "POST", path: "/marketplace/listings", query: {}, body: params }]);
    const stored = emu.state.listings.get(listing_id)!;
    expect(stored).toMatchObject({
      status: "Draft",
      sleeve_condition: "Generic",
      allow_offers: true,
      weight: 230,
    });
  });

  it("create() is never retried on a 5xx", async () => {
    emu.faults.add({ kind: "status", status: 503, path: "/marketplace/listings", times: 1 });
    await expect(
      client.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 5 }),
    ).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(emu.requests).toHaveLength(1);
  });

  it("update() with release_id, condition and price sends one edit as given", async () => {
    const result = await client.marketplace.listings.update(1000000003, {
      release_id: 1,
      condition: "Near Mint (NM or M-)",
      price: 12.5,
      comments: "Edited",
    });
    expect(result).toBeUndefined();
    expect(wire()).toEqual([
      {
        method: "POST",
        path: "/marketplace/listings/1000000003",
        query: {},
        body: { release_id: 1, condition: "Near Mint (NM or M-)", price: 12.5, comments: "Edited" },
      },
    ]);
    expect(emu.requests[0]?.status).toBe(204);
    expect(emu.state.listings.get(1000000003)).toMatchObject({
      condition: "Near Mint (NM or M-)",
      price: { value: 12.5 },
      comments: "Edited",
    });
  });

  it("update() with a partial body reads the listing first and keeps every other field (a Draft stays a Draft)", async () => {
    const before = await client.marketplace.listings.get(1000000009);
    emu.clearRequests();
    await client.marketplace.listings.update(1000000009, { price: 22.5 });
    expect(wire()).toEqual([
      { method: "GET", path: "/marketplace/listings/1000000009", query: {}, body: undefined },
      {
        method: "POST",
        path: "/marketplace/listings/1000000009",
        query: {},
        body: {
          release_id: before.release!.id,
          condition: before.condition,
          price: 22.5,
          status: "Draft",
          sleeve_condition: before.sleeve_condition,
          comments: before.comments,
          allow_offers: before.allow_offers,
          external_id: before.external_id,
          location: before.location,
          weight: before.weight,
          format_quantity: before.format_quantity,
        },
      },
    ]);
    const after = emu.state.listings.get(1000000009)!;
    expect(after).toMatchObject({ status: "Draft", price: { value: 22.5 }, comments: before.comments });
  });

  it("update() is idempotent: retried on a 5xx", async () => {
    emu.faults.add({ kind: "status", status: 503, path: "/marketplace/listings/1000000004", times: 1 });
    await client.marketplace.listings.update(1000000004, { release_id: 1, condition: "Mint (M)", price: 7 });
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 503", "POST 204"]);
  });

  it("update() surfaces Discogs' refusal to edit a sold listing", async () => {
    const err = await client.marketplace.listings
      .update(1000000012, { release_id: 1, condition: "Mint (M)", price: 7 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
  });

  it("delete()", async () => {
    const result = await client.marketplace.listings.delete(1000000005);
    expect(result).toBeUndefined();
    expect(wire()).toEqual([
      { method: "DELETE", path: "/marketplace/listings/1000000005", query: {}, body: undefined },
    ]);
    expect(emu.requests[0]?.status).toBe(204);
    expect(emu.state.listings.has(1000000005)).toBe(false);
    await expect(client.marketplace.listings.get(1000000005)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects bad input before any request", async () => {
    const listings = client.marketplace.listings;
    const ok = { release_id: 1, condition: "Mint (M)", price: 5 } as const;
    await expectTypeError(
      () => listings.create({ ...ok, release_id: undefined as never }),
      /^release_id is required/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, condition: undefined as never }),
      /^condition is required/,
    );
    await expectTypeError(() => listings.create({ ...ok, price: undefined as never }), /^price is required/);
    await expectTypeError(
      () => listings.create({ ...ok, release_id: 0 }),
      /^release_id must be a positive integer/,
    );
    // The fee's rules (whole cents, from 0.01): what fee.get refuses, create refuses too.
    for (const price of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, "10", 0.001, 1e21, 5e-324]) {
      await expectTypeError(
        () => listings.create({ ...ok, price: price as never }),
        /^price must be a number from 0\.01 to /,
      );
      await expectTypeError(
        () => client.marketplace.fee.get({ price: price as never }),
        /^price must be a number from 0\.01 to /,
      );
    }
    await expectTypeError(
      () => listings.create({ ...ok, condition: "VG+" as never }),
      /^condition must be one of/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, sleeve_condition: "Shrink" as never }),
      /^sleeve_condition must be one of/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, status: "Sold" as never }),
      /^status must be one of "For Sale", "Draft"/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, allow_offers: "yes" as never }),
      /^allow_offers must be a boolean/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, weight: -1 }),
      /^weight must be a non-negative number or "auto"/,
    );
    await expectTypeError(
      () => listings.create({ ...ok, format_quantity: "2" as never }),
      /^format_quantity /,
    );
    await expectTypeError(
      () => listings.create({ ...ok, comments: 5 as never }),
      /^comments must be a string/,
    );
    await expectTypeError(() => listings.create(undefined as never), /^release_id is required/);
    await expectTypeError(() => listings.update(0, { price: 1 }), /^id must be a positive integer/);
    await expectTypeError(() => listings.update(1000000001, { price: -5 }), /^price /);
    await expectTypeError(() => listings.delete("../1" as never), /^id /);
    await expectTypeError(() => listings.get(1, { curr_abbr: "BTC" as never }), /^curr_abbr /);
  });
});

describe("inventoryPaginator (the building block of users.get(u).inventory.list)", () => {
  it("walks a seller's inventory with filters", async () => {
    const { items, reported, sizes } = await walk(
      inventoryPaginator(client, "360vinyl", { status: "For Sale", sort: "price", sort_order: "asc" }),
    );
    expectTypeOf(items).toEqualTypeOf<Listing[]>();
    expect(items).toHaveLength(reported);
    expect(sizes.length).toBe(Math.ceil(reported / 100));
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/users/360vinyl/inventory",
      query: { status: "For Sale", sort: "price", sort_order: "asc", per_page: "100" },
    });
    const prices = items.map((l) => l.price!.value);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it("rejects bad arguments before any request", async () => {
    await expectTypeError(() => inventoryPaginator(client, "../x"), /^username /);
    await expectTypeError(
      () => inventoryPaginator(client, "x", { status: "Open" as never }),
      /^status must be one of/,
    );
    await expectTypeError(
      () => inventoryPaginator(client, "x", { sort: "year" as never }),
      /^sort must be one of/,
    );
  });
});

describe("client.marketplace.orders", () => {
  it("list() walks every order across pages", async () => {
    const { items, reported, sizes } = await walk(client.marketplace.orders.list({ per_page: 25 }));
    expectTypeOf(items).toEqualTypeOf<Order[]>();
    expect(reported).toBe(
      [...emu.state.orders.values()].filter((o) => o.seller.username === "example").length,
    );
    expect(items).toHaveLength(reported);
    expect(sizes).toEqual([25, 25, reported - 50]);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/marketplace/orders",
      query: { per_page: "25" },
    });
    expect(items[0]?.id).toMatch(/^1-\d+$/);
  });

  it("list(filters) sends Discogs' names; a Date becomes ISO 8601 with seconds", async () => {
    const orders = await client.marketplace.orders
      .list({
        status: "Shipped",
        created_after: new Date("2023-01-01T00:00:00.000Z"),
        created_before: "2030-01-01T00:00:00Z",
        archived: false,
        sort: "created",
        sort_order: "desc",
      })
      .toArray({ limit: 100 });
    expect(wire()).toEqual([
      {
        method: "GET",
        path: "/marketplace/orders",
        query: {
          status: "Shipped",
          created_after: "2023-01-01T00:00:00Z",
          created_before: "2030-01-01T00:00:00Z",
          archived: "false",
          sort: "created",
          sort_order: "desc",
          per_page: "100",
        },
        body: undefined,
      },
    ]);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) expect(o.status).toBe("Shipped");
  });

  it("get(id) is lazy; .messages sends nothing", async () => {
    const lazy = client.marketplace.orders.get("1-1");
    expect(lazy.id).toBe("1-1");
    void lazy.messages;
    expect(emu.requests).toHaveLength(0);
    const order = await lazy;
    expectTypeOf(order).toEqualTypeOf<Order>();
    expect(wire()).toEqual([{ method: "GET", path: "/marketplace/orders/1-1", query: {}, body: undefined }]);
    expect(order).toMatchObject({ id: "1-1", seller: { username: "example" } });
    expect(order.next_status?.length).toBeGreaterThan(0);
  });

  it("update(id, { status }) returns the order, and is idempotent (retried on 5xx)", async () => {
    emu.faults.add({ kind: "status", status: 502, path: "/marketplace/orders/1-2", times: 1 });
    const order = await client.marketplace.orders.update("1-2", { status: "Payment Received" });
    expectTypeOf(order).toEqualTypeOf<Order>();
    expect(wire()).toEqual([
      { method: "POST", path: "/marketplace/orders/1-2", query: {}, body: { status: "Payment Received" } },
      { method: "POST", path: "/marketplace/orders/1-2", query: {}, body: { status: "Payment Received" } },
    ]);
    expect(order.status).toBe("Payment Received");
    expect(emu.state.orders.get("1-2")?.status).toBe("Payment Received");
  });

  it("update(id, { shipping }) invoices the buyer", async () => {
    const order = await client.marketplace.orders.update("1-4", { shipping: 5 });
    expect(wire()).toEqual([
      { method: "POST", path: "/marketplace/orders/1-4", query: {}, body: { shipping: 5 } },
    ]);
    expect(order.status).toBe("Invoice Sent");
    expect(order.shipping?.value).toBe(5);
  });

  it("messages.list() walks the messages (from -> from_user)", async () => {
    const { items, reported } = await walk(client.marketplace.orders.get("1-1").messages.list());
    expectTypeOf(items).toEqualTypeOf<OrderMessage[]>();
    expect(items).toHaveLength(reported);
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({
      path: "/marketplace/orders/1-1/messages",
      query: { per_page: "100" },
    });
    const fromBuyer = items.find((m) => m.type === "message");
    expect(fromBuyer?.from_user?.username).toBeTypeOf("string");
    expect(fromBuyer).not.toHaveProperty("from");
  });

  it("messages.create({ message, status })", async () => {
    const message = await client.marketplace.orders
      .get("1-1")
      .messages.create({ message: "Shipped today!", status: "Shipped" });
    expectTypeOf(message).toEqualTypeOf<OrderMessage>();
    expect(wire()).toEqual([
      {
        method: "POST",
        path: "/marketplace/orders/1-1/messages",
        query: {},
        body: { message: "Shipped today!", status: "Shipped" },
      },
    ]);
    expect(emu.requests[0]?.status).toBe(201);
    expect(message.message).toBe("Seller changed status from New Order to Shipped\n\nShipped today!");
    expect(message.from_user?.username).toBe("example");
    expect(message.order.id).toBe("1-1");
    const m2 = await client.marketplace.orders.get("1-1").messages.create({ message: "Thanks" });
    expect(emu.requests[1]?.body).toEqual({ message: "Thanks" });
    expect(m2.message).toBe("Thanks");
  });

  it("rejects bad input before any request", async () => {
    const orders = client.marketplace.orders;
    for (const id of ["1", "abc", "1-0", "../1-1", 11, ""]) {
      await expectTypeError(() => orders.get(id as never), /^id must be an order id/);
    }
    await expectTypeError(
      () => orders.update("1-1", { status: "Shipped", shipping: 5 }),
      /either status or shipping, not both/,
    );
    await expectTypeError(() => orders.update("1-1", {}), /status or shipping/);
    await expectTypeError(() => orders.update("1-1", { status: "Lost" as never }), /^status must be one of/);
    await expectTypeError(() => orders.update("1-1", { status: "All" as never }), /^status must be one of/);
    await expectTypeError(
      () => orders.update("1-1", { shipping: -1 }),
      /^shipping must be a non-negative number/,
    );
    await expectTypeError(() => orders.list({ status: "Lost" as never }), /^status must be one of/);
    await expectTypeError(() => orders.list({ sort: "price" as never }), /^sort must be one of/);
    await expectTypeError(() => orders.list({ archived: "yes" as never }), /^archived must be a boolean/);
    await expectTypeError(
      () => orders.list({ created_after: new Date("nope") }),
      /^created_after is an invalid Date/,
    );
    await expectTypeError(
      () => orders.list({ created_before: 5 as never }),
      /^created_before must be a Date or a non-empty ISO 8601 string/,
    );
    await expectTypeError(() => orders.get("1-1").messages.create({}), /message, status or both/);
    await expectTypeError(
      () => orders.get("1-1").messages.create({ message: 5 as never }),
      /^message must be a string/,
    );
  });
});

describe("client.marketplace.fee", () => {
  it("get({ price }) formats the price with two decimals", async () => {
    const lazy = client.marketplace.fee.get({ price: 10 });
    expect(emu.requests).toHaveLength(0);
    const fee = await lazy;
    expectTypeOf(fee).toEqualTypeOf<Fee>();
    expect(wire()).toEqual([{ method: "GET", path: "/marketplace/fee/10.00", query: {}, body: undefined }]);
    expect(fee).toEqual({ value: 0.8, currency: "USD" });
  });

  it("get({ price, currency })", async () => {
    const fee = await client.marketplace.fee.get({ price: 20.5, currency: "EUR" });
    expect(wire()).toEqual([
      { method: "GET", path: "/marketplace/fee/20.50/EUR", query: {}, body: undefined },
    ]);
    expect(fee.currency).toBe("EUR");
    expect(fee.value).toBeCloseTo(1.64);
  });

  it("rejects bad prices and currencies before any request", async () => {
    for (const price of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, "10", 0.004]) {
      await expectTypeError(
        () => client.marketplace.fee.get({ price: price as never }),
        /^price must be a number from 0\.01 to /,
      );
    }
    await expectTypeError(() => client.marketplace.fee.get({} as never), /^price is required/);
    await expectTypeError(
      () => client.marketplace.fee.get({ price: 1, currency: "usd" as never }),
      /^currency must be one of/,
    );
    await expectTypeError(() => client.marketplace.fee.get(undefined as never), /^price /);
  });
});

describe("the Python SDK README's marketplace section, in TypeScript", () => {
  it("listings, orders, fee", async () => {
    const listing = await client.marketplace.listings.get(1000000006);
    expect(listing.id).toBe(1000000006);
    const created = await client.marketplace.listings.create({
      release_id: 352665,
      condition: "Very Good Plus (VG+)",
      price: 25.0,
    });
    await client.marketplace.listings.update(created.listing_id, { price: 22.5 });
    expect(emu.state.listings.get(created.listing_id)).toMatchObject({
      price: { value: 22.5 },
      condition: "Very Good Plus (VG+)",
      status: "For Sale",
    });
    await client.marketplace.listings.delete(created.listing_id);
    expect(emu.state.listings.has(created.listing_id)).toBe(false);

    const lines: string[] = [];
    for await (const order of client.marketplace.orders.list({ status: "Payment Received" })) {
      lines.push(`Order ${order.id}: ${order.status}`);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^Order 1-\d+: Payment Received$/);

    const fee = await client.marketplace.fee.get({ price: 25.0, currency: "USD" });
    expect(fee.value).toBe(2);
  });
});
