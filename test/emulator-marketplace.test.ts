/**
 * The emulator's marketplace and inventory endpoints over real HTTP: inventories, listings CRUD, orders and
 * messages, fees, price suggestions, marketplace stats, inventory exports and CSV uploads. Shapes are compared
 * with the recorded Discogs responses in the shared fixtures when present.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index";
import { FIXTURES, fixture, shapeDiff as diffShape } from "./helpers/fixture-shape";

// ---------------------------------------------------------------------------------------------------------------
// Fixture shape comparison (same rules as test/emulator-database.test.ts)

if (!FIXTURES)
  console.log("Skipping fixture shape comparisons: no shared/reference/fixtures directory found.");

/** Keys Discogs only sends on some objects of a kind. */
const OPTIONAL_KEYS = new Set([
  "converted",
  "refund",
  "original",
  "new",
  "status_id",
  "actor",
  "from",
  "description",
]);

/** Shape differences from a recorded body, with this file's rules (see test/helpers/fixture-shape.ts). */
const shapeDiff = (actual: unknown, expected: unknown) =>
  diffShape(actual, expected, { optional: OPTIONAL_KEYS });

// ---------------------------------------------------------------------------------------------------------------
// HTTP helpers

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({
    rateLimit: false,
    credentials: {
      tokens: { "tok-example": "example", "tok-vinyl": "360vinyl", "tok-rodney": "rodneyfool" },
      consumers: [{ key: "ck", secret: "cs" }],
    },
  });
});
afterAll(async () => {
  await emu?.close();
});

type Auth = "example" | "vinyl" | "rodney" | "key" | "none";

function headers(auth: Auth): Record<string, string> {
  const h: Record<string, string> = { "User-Agent": "discogs-sdk-tests/1.0" };
  if (auth === "example" || auth === "vinyl" || auth === "rodney")
    h.Authorization = `Discogs token=tok-${auth}`;
  if (auth === "key") h.Authorization = "Discogs key=ck, secret=cs";
  return h;
}

interface Res {
  status: number;
  body: any;
  text: string;
  res: Response;
}

async function call(
  method: string,
  path: string,
  auth: Auth = "example",
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Res> {
  const h = { ...headers(auth), ...extra };
  const init: RequestInit = { method, headers: h };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    h["Content-Type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(emu.url + path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text, res };
}

const get = (path: string, auth: Auth = "example", extra?: Record<string, string>) =>
  call("GET", path, auth, undefined, extra);

/** Every page of a paginated list. */
async function all(path: string, key: string, auth: Auth = "example"): Promise<any[]> {
  const sep = path.includes("?") ? "&" : "?";
  const first = await get(`${path}${sep}per_page=100`, auth);
  expect(first.status).toBe(200);
  const items = [...first.body[key]];
  for (let page = 2; page <= first.body.pagination.pages; page++)
    items.push(...(await get(`${path}${sep}per_page=100&page=${page}`, auth)).body[key]);
  return items;
}

function csvForm(csv: string, field = "upload", filename = "inventory.csv"): FormData {
  const form = new FormData();
  form.append(field, new Blob([csv], { type: "text/csv" }), filename);
  return form;
}

const PRIVATE = ["weight", "format_quantity", "external_id", "location", "quantity"];

// ---------------------------------------------------------------------------------------------------------------

describe("inventory", () => {
  it("a seller's public inventory: For Sale only, no private fields, spans pages", async () => {
    const p1 = await get("/users/360vinyl/inventory", "none");
    expect(p1.status).toBe(200);
    expect(p1.body.pagination).toMatchObject({ page: 1, per_page: 50, items: 235, pages: 5 });
    expect(p1.body.listings).toHaveLength(50);
    const l = p1.body.listings[0];
    expect(l.status).toBe("For Sale");
    expect(l.price).toEqual({ value: expect.any(Number), currency: "USD" });
    expect(l.original_price).toMatchObject({
      curr_abbr: "USD",
      curr_id: 1,
      formatted: expect.stringMatching(/^\$\d+\.\d\d$/),
    });
    expect(l.seller.username).toBe("360vinyl");
    expect(l.resource_url).toBe(`${emu.url}/marketplace/listings/${l.id}`);
    for (const k of PRIVATE) expect(l).not.toHaveProperty(k);
    const listings = await all("/users/360vinyl/inventory", "listings", "none");
    expect(listings).toHaveLength(235);
    expect(new Set(listings.map((x) => x.id)).size).toBe(235);
    expect(listings.every((x) => x.status === "For Sale")).toBe(true);
    if (FIXTURES) {
      expect(shapeDiff(p1.body, fixture("inventory-360vinyl.json"))).toEqual([]);
      const authed = await get("/users/360vinyl/inventory", "example");
      expect(authed.body.listings[0]).toMatchObject({ in_cart: false, offer_submitted: false });
      expect(shapeDiff(authed.body, fixture("inventory-modern.anonymized-2025.json"))).toEqual([]);
    }
  });

  it("caps other users' inventories at page 100 (403) but not the owner's", async () => {
    const capped = await get("/users/360vinyl/inventory?per_page=2&page=101", "example");
    expect(capped.status).toBe(403);
    expect(capped.body).toEqual({
      message: "Pagination above 100 disabled for inventories besides your own",
    });
    if (FIXTURES) expect(capped.body).toEqual(fixture("error-403-inventory-pagination-cap.json"));
    expect((await get("/users/360vinyl/inventory?per_page=2&page=100", "example")).status).toBe(200);
    const own = await get("/users/360vinyl/inventory?per_page=2&page=101", "vinyl");
    expect(own.status).toBe(200);
    expect(own.body.listings).toHaveLength(2);
  });

  it("the owner sees every status and the private fields", async () => {
    const own = await all("/users/360vinyl/inventory", "listings", "vinyl");
    expect(own).toHaveLength(240);
    expect(own.filter((l) => l.status === "Sold")).toHaveLength(5);
    for (const k of ["weight", "format_quantity", "external_id", "location"])
      expect(own[0]).toHaveProperty(k);
    const ex = (await get("/users/example/inventory?status=Draft", "example")).body;
    expect(ex.listings.map((l: any) => l.status)).toEqual(["Draft", "Draft"]);
    expect((await get("/users/example/inventory?status=All", "example")).body.pagination.items).toBe(12);
    expect((await get("/users/example/inventory", "rodney")).body.pagination.items).toBe(8);
    expect((await get("/users/example/inventory?status=Sold", "rodney")).body.pagination.items).toBe(0);
  });

  it("422s an invalid status and 404s an unknown user", async () => {
    const bad = await get("/users/360vinyl/inventory?status=Bogus", "none");
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      message:
        "Invalid status: expected one of All, Deleted, Draft, Expired, For Sale, Sold, Suspended, Violation.",
    });
    if (FIXTURES) expect(bad.body).toEqual(fixture("error-422-inventory-invalid-status.json"));
    const unknown = await get("/users/no-such-user-xyz/inventory", "none");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: "The request resource was not found." });
  });

  it("sorts by price, artist and listed, and filters with q", async () => {
    const asc = (await all("/users/360vinyl/inventory?sort=price&sort_order=asc", "listings", "none")).map(
      (l) => l.price.value,
    );
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (
      await get("/users/360vinyl/inventory?sort=price&sort_order=desc", "none")
    ).body.listings.map((l: any) => l.price.value);
    expect(desc[0]).toBe(Math.max(...asc));
    const artists = (
      await get("/users/360vinyl/inventory?sort=artist&per_page=100", "none")
    ).body.listings.map((l: any) => l.release.artist);
    expect(artists).toEqual(
      [...artists].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })),
    );
    const listed = (
      await get("/users/360vinyl/inventory?sort=listed&sort_order=desc", "none")
    ).body.listings.map((l: any) => l.posted);
    expect(listed).toEqual([...listed].sort().reverse());
    const q = (await get("/users/360vinyl/inventory?q=downward", "none")).body;
    expect(q.listings.length).toBeGreaterThan(0);
    expect(q.listings.every((l: any) => /downward/i.test(l.release.description))).toBe(true);
  });
});

describe("listings", () => {
  it("GET a listing, with curr_abbr relabelling and 404s", async () => {
    const { status, body } = await get("/marketplace/listings/1000000001", "none");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 1000000001,
      status: "For Sale",
      seller: { username: "example", id: 1 },
    });
    expect(body.release).toMatchObject({
      id: 352665,
      title: "The Downward Spiral",
      artist: "Nine Inch Nails",
    });
    for (const k of PRIVATE) expect(body).not.toHaveProperty(k);
    if (FIXTURES) {
      expect(shapeDiff(body, fixture("listing-172723812.json"))).toEqual([]);
      expect(
        shapeDiff(
          (await get("/marketplace/listings/1000000001")).body,
          fixture("listing-1265949252.real-2025.json"),
        ),
      ).toEqual([]);
    }
    const owner = (await get("/marketplace/listings/1000000001", "example")).body;
    for (const k of PRIVATE) expect(owner).toHaveProperty(k);
    const eur = (await get("/marketplace/listings/1000000001?curr_abbr=EUR")).body;
    expect(eur.price).toEqual({ value: body.price.value, currency: "EUR" });
    for (const p of ["/marketplace/listings/1", "/marketplace/listings/abc"]) {
      const r = await get(p);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message: "The request resource was not found." });
    }
    // Drafts are only visible to their owner.
    expect((await get("/marketplace/listings/1000000009", "rodney")).status).toBe(404);
    expect((await get("/marketplace/listings/1000000009", "example")).body.status).toBe("Draft");
  });

  it("creates, edits and deletes a listing statefully", async () => {
    const created = await call("POST", "/marketplace/listings", "example", {
      release_id: 249504,
      condition: "Very Good Plus (VG+)",
      sleeve_condition: "Generic",
      price: 3.5,
      comments: "Plays fine",
      allow_offers: true,
      status: "For Sale",
      external_id: "box 7",
      location: "Shelf Z9",
      weight: 45,
      format_quantity: "auto",
    });
    expect(created.status).toBe(201);
    const id = created.body.listing_id;
    expect(created.body).toEqual({ listing_id: id, resource_url: `${emu.url}/marketplace/listings/${id}` });
    if (FIXTURES) expect(shapeDiff(created.body, fixture("listing-create-201.json"))).toEqual([]);
    const fetched = (await get(`/marketplace/listings/${id}`, "example")).body;
    expect(fetched).toMatchObject({
      id,
      status: "For Sale",
      condition: "Very Good Plus (VG+)",
      sleeve_condition: "Generic",
      price: { value: 3.5, currency: "USD" },
      comments: "Plays fine",
      allow_offers: true,
      external_id: "box 7",
      location: "Shelf Z9",
      weight: 45,
      format_quantity: "auto",
      release: { id: 249504 },
    });
    expect((await get("/users/example/inventory?status=All", "example")).body.pagination.items).toBe(13);
    expect((await get("/marketplace/stats/249504")).body.lowest_price.value).toBeLessThanOrEqual(3.5);

    const edited = await call("POST", `/marketplace/listings/${id}`, "example", {
      release_id: 249504,
      condition: "Mint (M)",
      price: "4.25",
      status: "Draft",
    });
    expect(edited.status).toBe(204);
    const after = (await get(`/marketplace/listings/${id}`, "example")).body;
    expect(after).toMatchObject({
      condition: "Mint (M)",
      price: { value: 4.25 },
      status: "Draft",
      comments: "Plays fine",
      location: "Shelf Z9",
    });
    expect(after.posted).toBe(fetched.posted);

    expect((await call("DELETE", `/marketplace/listings/${id}`, "rodney")).status).toBe(403);
    expect((await call("DELETE", `/marketplace/listings/${id}`, "none")).status).toBe(401);
    expect((await call("DELETE", `/marketplace/listings/${id}`, "example")).status).toBe(204);
    expect((await get(`/marketplace/listings/${id}`, "example")).status).toBe(404);
    expect((await call("DELETE", `/marketplace/listings/${id}`, "example")).status).toBe(404);
  });

  it("create needs a user: 401 anonymous and with key/secret only", async () => {
    const body = { release_id: 1, condition: "Mint (M)", price: 10 };
    for (const auth of ["none", "key"] as const) {
      const r = await call("POST", "/marketplace/listings", auth, body);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: "You must authenticate to access this resource." });
    }
  });

  it("422s invalid listing bodies without crashing", async () => {
    const ok = { release_id: 1, condition: "Mint (M)", price: 10 };
    const bad: [unknown, string | null][] = [
      [{ ...ok, release_id: undefined }, "release_id"],
      [{ ...ok, release_id: "abc" }, "release_id"],
      [{ ...ok, release_id: 999999999 }, "release_id"],
      [{ ...ok, condition: undefined }, "condition"],
      [{ ...ok, condition: "Shiny" }, "condition"],
      [{ ...ok, price: 0 }, "price"],
      [{ ...ok, price: -3 }, "price"],
      [{ ...ok, price: "ten" }, "price"],
      [{ ...ok, price: undefined }, "price"],
      [{ ...ok, status: "Sold" }, "status"],
      [{ ...ok, sleeve_condition: "Torn" }, "sleeve_condition"],
      [{ ...ok, allow_offers: "maybe" }, "allow_offers"],
      [{ ...ok, comments: { a: 1 } }, "comments"],
      [{ ...ok, weight: -1 }, "weight"],
      [{ ...ok, format_quantity: 1.5 }, "format_quantity"],
      ["{not json", null],
      [[1, 2, 3], null],
    ];
    for (const [body, field] of bad) {
      const r = await call("POST", "/marketplace/listings", "example", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.message).toEqual(expect.any(String));
      if (field) expect(r.body.detail[0].loc).toEqual(["body", field]);
    }
    for (const sleeve of ["Generic", "Not Graded", "No Cover"]) {
      const r = await call("POST", "/marketplace/listings", "example", { ...ok, sleeve_condition: sleeve });
      expect(r.status).toBe(201);
      await call("DELETE", `/marketplace/listings/${r.body.listing_id}`, "example");
    }
  });

  it("edit: owner only, only For Sale/Draft/Expired, validated", async () => {
    const body = { release_id: 352665, condition: "Near Mint (NM or M-)", price: 30 };
    expect((await call("POST", "/marketplace/listings/1000000002", "none", body)).status).toBe(401);
    const other = await call("POST", "/marketplace/listings/1000000002", "rodney", body);
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: "You don't have permission to access this resource." });
    expect((await call("POST", "/marketplace/listings/424242", "example", body)).status).toBe(404);
    expect(
      (await call("POST", "/marketplace/listings/1000000002", "example", { ...body, condition: "Meh" }))
        .status,
    ).toBe(422);
    const sold = await call("POST", "/marketplace/listings/1000000012", "example", body);
    expect(sold.status).toBe(422);
    const expired = await call("POST", "/marketplace/listings/1000000011", "example", {
      ...body,
      status: "For Sale",
    });
    expect(expired.status).toBe(204);
    expect((await get("/marketplace/listings/1000000011")).body).toMatchObject({
      status: "For Sale",
      price: { value: 30 },
      release: { id: 352665 },
    });
  });
});

describe("orders", () => {
  it("lists the seller's orders with pagination", async () => {
    const anon = await get("/marketplace/orders", "none");
    expect(anon.status).toBe(401);
    const p1 = await get("/marketplace/orders", "example");
    expect(p1.status).toBe(200);
    expect(p1.body.pagination).toMatchObject({ items: 64, pages: 2, per_page: 50 });
    const orders = await all("/marketplace/orders", "orders");
    expect(orders).toHaveLength(64);
    expect(orders.every((o) => o.seller.username === "example")).toBe(true);
    expect(orders.map((o) => o.id)).toContain("1-1");
    if (FIXTURES) expect(shapeDiff(p1.body, fixture("orders.json"))).toEqual([]);
    expect((await get("/marketplace/orders", "vinyl")).body.pagination.items).toBe(3);
  });

  it("filters by status, archived and created dates, and sorts", async () => {
    const shipped = await all("/marketplace/orders?status=Shipped", "orders");
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.every((o) => o.status === "Shipped")).toBe(true);
    const cancelled = await all("/marketplace/orders?status=Cancelled", "orders");
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((o) => o.status.startsWith("Cancelled"))).toBe(true);
    expect((await get("/marketplace/orders?status=All")).body.pagination.items).toBe(64);
    const bad = await get("/marketplace/orders?status=Lost");
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/^Invalid status: expected one of /);
    const archived = await all("/marketplace/orders?archived=true", "orders");
    expect(archived.length).toBe(7);
    expect(archived.every((o) => o.archived === true)).toBe(true);
    expect((await get("/marketplace/orders?archived=false")).body.pagination.items).toBe(57);
    expect((await get("/marketplace/orders?archived=maybe")).status).toBe(422);
    const all64 = await all("/marketplace/orders", "orders");
    const mid = [...all64].sort((a, b) => Date.parse(a.created) - Date.parse(b.created))[31].created;
    const after = await all(`/marketplace/orders?created_after=${encodeURIComponent(mid)}`, "orders");
    const before = await all(`/marketplace/orders?created_before=${encodeURIComponent(mid)}`, "orders");
    expect(after.length + before.length).toBe(65);
    expect(after.every((o) => Date.parse(o.created) >= Date.parse(mid))).toBe(true);
    expect((await get("/marketplace/orders?created_after=yesterday-ish")).status).toBe(422);
    const byId = (await get("/marketplace/orders?sort=id&sort_order=asc&per_page=5")).body.orders.map(
      (o: any) => o.id,
    );
    expect(byId).toEqual(["1-1", "1-2", "1-3", "1-4", "1-5"]);
    const byBuyer = (await all("/marketplace/orders?sort=buyer", "orders")).map((o) =>
      o.buyer.username.toLowerCase(),
    );
    expect(byBuyer).toEqual(
      [...byBuyer].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })),
    );
    const byCreated = (await all("/marketplace/orders?sort=created&sort_order=desc", "orders")).map((o) =>
      Date.parse(o.created),
    );
    expect(byCreated).toEqual([...byCreated].sort((a, b) => b - a));
    for (const sort of ["status", "last_activity"])
      expect((await get(`/marketplace/orders?sort=${sort}`)).status).toBe(200);
  });

  it("GET an order: seller only (401/403/404)", async () => {
    const { status, body } = await get("/marketplace/orders/1-1");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "1-1", status: "New Order", seller: { username: "example", id: 1 } });
    expect(body.next_status).toContain("Shipped");
    expect(body.messages_url).toBe(`${emu.url}/marketplace/orders/1-1/messages`);
    if (FIXTURES) expect(shapeDiff(body, fixture("order-1-1.json"))).toEqual([]);
    expect((await get("/marketplace/orders/1-1", "none")).status).toBe(401);
    const other = await get("/marketplace/orders/845236-1", "example");
    expect(other.status).toBe(403);
    expect((await get("/marketplace/orders/845236-1", "vinyl")).body.buyer.username).toBe("example");
    const missing = await get("/marketplace/orders/9-999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "The request resource was not found." });
  });

  it("POST changes status (must be in next_status) and records a message", async () => {
    const r = await call("POST", "/marketplace/orders/1-2", "example", { status: "Payment Received" });
    const current = (await get("/marketplace/orders/1-2")).body;
    if (r.status === 422) expect(current.next_status).not.toContain("Payment Received");
    else expect(r.status).toBe(200);
    const order = (await get("/marketplace/orders/1-1")).body;
    const edited = await call("POST", "/marketplace/orders/1-1", "example", { status: "Invoice Sent" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: "1-1", status: "Invoice Sent" });
    expect(Date.parse(edited.body.last_activity)).toBeGreaterThanOrEqual(Date.parse(order.last_activity));
    if (FIXTURES) expect(shapeDiff(edited.body, fixture("order-edit-1-1.json"))).toEqual([]);
    const messages = (await get("/marketplace/orders/1-1/messages")).body.messages;
    expect(messages[0]).toMatchObject({
      type: "status",
      message: "Seller changed status from New Order to Invoice Sent",
      actor: { username: "example" },
    });

    const cancelled = (await all("/marketplace/orders?status=Cancelled", "orders"))[0];
    const refused = await call("POST", `/marketplace/orders/${cancelled.id}`, "example", {
      status: "Shipped",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^Invalid status: expected one of /);
  });

  it("POST shipping invoices the buyer; status and shipping together are refused", async () => {
    const o = (await all("/marketplace/orders?status=New+Order", "orders"))[0];
    const subtotal = o.items.reduce((n: number, i: any) => n + i.price.value, 0);
    const r = await call("POST", `/marketplace/orders/${o.id}`, "example", { shipping: 7.5 });
    expect(r.status).toBe(200);
    expect(r.body.shipping.value).toBe(7.5);
    expect(r.body.total.value).toBeCloseTo(subtotal + 7.5, 2);
    expect(r.body.status).toBe("Invoice Sent");
    const msgs = (await get(`/marketplace/orders/${o.id}/messages`)).body.messages;
    expect(msgs.some((m: any) => m.type === "shipping" && m.new === 7.5)).toBe(true);
    for (const body of [
      { status: "Shipped", shipping: 3 },
      {},
      { shipping: "lots" },
      { shipping: -1 },
      "{bad",
    ]) {
      const bad = await call("POST", `/marketplace/orders/${o.id}`, "example", body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
    }
    expect(
      (await call("POST", "/marketplace/orders/845236-1", "example", { status: "Shipped" })).status,
    ).toBe(403);
    expect((await call("POST", "/marketplace/orders/1-1", "none", { status: "Shipped" })).status).toBe(401);
  });

  it("messages: newest first, paginated; POST adds one (201) and can change the status", async () => {
    const list = await get("/marketplace/orders/1-3/messages");
    expect(list.status).toBe(200);
    const msgs = list.body.messages as any[];
    expect(msgs.length).toBeGreaterThanOrEqual(2);
    const stamps = msgs.map((m) => Date.parse(m.timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(msgs.some((m) => m.from)).toBe(true);
    expect(msgs.some((m) => m.actor)).toBe(true);
    expect(msgs[0].order).toEqual({ resource_url: `${emu.url}/marketplace/orders/1-3`, id: "1-3" });
    if (FIXTURES) expect(shapeDiff(list.body, fixture("order-messages-845236-9.json"))).toEqual([]);

    const posted = await call("POST", "/marketplace/orders/1-3/messages", "example", {
      message: "Packed and ready!",
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      from: { username: "example" },
      message: "Packed and ready!",
      order: { id: "1-3" },
    });
    expect(posted.body.subject).toMatch(/^Discogs Order #1-3, /);
    if (FIXTURES) expect(shapeDiff(posted.body, fixture("order-message-create-201.json"))).toEqual([]);
    const first = (await get("/marketplace/orders/1-3/messages")).body.messages[0];
    expect(first).toMatchObject({
      message: "Packed and ready!",
      type: "message",
      from: { username: "example" },
    });

    const order = (await get("/marketplace/orders/1-1")).body;
    const target = order.next_status.find((s: string) => s !== order.status);
    const withStatus = await call("POST", "/marketplace/orders/1-1/messages", "example", {
      message: "On its way",
      status: target,
    });
    expect(withStatus.status).toBe(201);
    expect(withStatus.body.message).toBe(
      `Seller changed status from ${order.status} to ${target}\n\nOn its way`,
    );
    expect((await get("/marketplace/orders/1-1")).body.status).toBe(target);

    expect((await call("POST", "/marketplace/orders/1-3/messages", "example", {})).status).toBe(422);
    expect((await call("POST", "/marketplace/orders/1-3/messages", "example", { message: 42 })).status).toBe(
      422,
    );
    expect(
      (await call("POST", "/marketplace/orders/1-3/messages", "example", { status: "Teleported" })).status,
    ).toBe(422);
    expect(
      (await call("POST", "/marketplace/orders/845236-1/messages", "example", { message: "hi" })).status,
    ).toBe(403);
    expect((await get("/marketplace/orders/845236-1/messages", "example")).status).toBe(403);
    expect((await get("/marketplace/orders/1-3/messages", "none")).status).toBe(401);
    expect((await get("/marketplace/orders/0-0/messages")).status).toBe(404);
  });
});

describe("fees, price suggestions, stats", () => {
  it("computes the fee (8%) and validates price and currency", async () => {
    const fee = await get("/marketplace/fee/10.00", "none");
    expect(fee.status).toBe(200);
    expect(fee.body).toEqual({ value: 0.8, currency: "USD" });
    expect((await get("/marketplace/fee/20.5000/EUR")).body).toEqual({ value: 1.64, currency: "EUR" });
    expect((await get("/marketplace/fee/19.99/gbp")).body).toEqual({ value: 1.6, currency: "GBP" });
    if (FIXTURES) {
      expect(shapeDiff(fee.body, fixture("fee-10.00.json"))).toEqual([]);
      expect(
        shapeDiff((await get("/marketplace/fee/10.00/USD")).body, fixture("fee-10.00-USD.json")),
      ).toEqual([]);
    }
    const badCurrency = await get("/marketplace/fee/10.00/XYZ");
    expect(badCurrency.status).toBe(422);
    expect(badCurrency.body.message).toContain("USD, GBP, EUR, CAD, AUD, JPY, CHF, MXN, BRL, NZD, SEK, ZAR");
    for (const p of ["abc", "-5", "1e3"])
      expect([404, 422]).toContain((await get(`/marketplace/fee/${p}`)).status);
  });

  it("price suggestions need a user and cover the 8 media conditions", async () => {
    expect((await get("/marketplace/price_suggestions/1", "none")).status).toBe(401);
    expect((await get("/marketplace/price_suggestions/1", "key")).status).toBe(401);
    const { status, body } = await get("/marketplace/price_suggestions/1");
    expect(status).toBe(200);
    expect(Object.keys(body)).toHaveLength(8);
    for (const v of Object.values(body) as any[])
      expect(v).toEqual({ currency: expect.any(String), value: expect.any(Number) });
    expect(body["Mint (M)"].value).toBeGreaterThan(body["Poor (P)"].value);
    if (FIXTURES) expect(shapeDiff(body, fixture("price-suggestions-1.json"))).toEqual([]);
    expect((await get("/marketplace/price_suggestions/999999999")).status).toBe(404);
  });

  it("marketplace stats are computed from the For Sale listings", async () => {
    const forSale = [...emu.state.listings.values()].filter(
      (l) => l.status === "For Sale" && l.release.id === 352665,
    );
    const { status, body } = await get("/marketplace/stats/352665", "none");
    expect(status).toBe(200);
    expect(body).toEqual({
      lowest_price: { currency: "USD", value: Math.min(...forSale.map((l) => l.price.value)) },
      num_for_sale: forSale.length,
      blocked_from_sale: false,
    });
    expect((await get("/releases/352665")).body).toMatchObject({
      num_for_sale: forSale.length,
      lowest_price: body.lowest_price.value,
    });
    if (FIXTURES) expect(shapeDiff(body, fixture("marketplace-stats-1.json"))).toEqual([]);
    expect((await get("/marketplace/stats/352665?curr_abbr=GBP")).body.lowest_price.currency).toBe("GBP");
    const listed = new Set(
      [...emu.state.listings.values()].filter((l) => l.status === "For Sale").map((l) => l.release.id),
    );
    const unlisted = [...emu.state.releases.keys()].find((id) => !listed.has(id))!;
    expect((await get(`/marketplace/stats/${unlisted}`)).body).toEqual({
      lowest_price: null,
      num_for_sale: 0,
      blocked_from_sale: false,
    });
    expect((await get(`/releases/${unlisted}`)).body).toMatchObject({ num_for_sale: 0, lowest_price: null });
    expect((await get("/marketplace/stats/999999999")).status).toBe(404);
  });
});

describe("inventory exports", () => {
  it("need a user", async () => {
    for (const auth of ["none", "key"] as const) {
      expect((await call("POST", "/inventory/export", auth)).status).toBe(401);
      expect((await get("/inventory/export", auth)).status).toBe(401);
      expect((await get("/inventory/export/599632", auth)).status).toBe(401);
      expect((await get("/inventory/export/599632/download", auth)).status).toBe(401);
    }
  });

  it("the seeded export 599632 has the export shape, honours If-Modified-Since and downloads as CSV", async () => {
    const { status, body, res } = await get("/inventory/export/599632");
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 599632,
      status: "success",
      created_ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      finished_ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      filename: expect.stringMatching(/\.csv$/),
      url: `${emu.url}/inventory/export/599632`,
      download_url: `${emu.url}/inventory/export/599632/download`,
    });
    expect(res.headers.get("last-modified")).toEqual(expect.any(String));
    if (FIXTURES) {
      expect(shapeDiff(body, fixture("inventory-export-599632.json"))).toEqual([]);
      expect(shapeDiff((await get("/inventory/export")).body, fixture("inventory-exports.json"))).toEqual([]);
    }
    const fresh = await get("/inventory/export/599632", "example", {
      "If-Modified-Since": new Date().toUTCString(),
    });
    expect(fresh.status).toBe(304);
    expect(fresh.text).toBe("");
    const stale = await get("/inventory/export/599632", "example", {
      "If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT",
    });
    expect(stale.status).toBe(200);
    const dl = await get("/inventory/export/599632/download");
    expect(dl.status).toBe(200);
    expect(dl.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(dl.res.headers.get("content-disposition")).toBe(`attachment; filename=${body.filename}`);
    expect(dl.text.split("\n")[0]).toBe(
      "listing_id,artist,title,label,catno,format,release_id,status,price,listed,comments,media_condition,sleeve_condition,accept_offer,external_id,weight,format_quantity,flat_shipping,location",
    );
    expect(dl.text).toContain("1000000001,Nine Inch Nails,The Downward Spiral,");
    expect((await get("/inventory/export/599632", "rodney")).status).toBe(404);
    expect((await get("/inventory/export/599632/download", "rodney")).status).toBe(404);
    expect((await get("/inventory/export/1")).status).toBe(404);
  });

  it("POST creates a finished export of the caller's listings, listed and downloadable", async () => {
    const created = await call("POST", "/inventory/export", "vinyl");
    expect(created.status).toBe(200);
    const location = created.res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${emu.url}/inventory/export/\\d+$`));
    const id = Number(location.split("/").pop());
    const record = (await get(`/inventory/export/${id}`, "vinyl")).body;
    expect(record).toMatchObject({
      id,
      status: "success",
      download_url: `${emu.url}/inventory/export/${id}/download`,
    });
    expect(record.filename).toMatch(/^360vinyl-inventory-\d{8}-\d{4}\.csv$/);
    const list = (await get("/inventory/export", "vinyl")).body;
    expect(list.items.map((i: any) => i.id)).toContain(id);
    expect((await get("/inventory/export", "example")).body.items.map((i: any) => i.id)).not.toContain(id);
    const csv = (await get(`/inventory/export/${id}/download`, "vinyl")).text;
    expect(csv.trim().split("\n")).toHaveLength(1 + 240);
  });
});

describe("inventory uploads", () => {
  it("add creates For Sale listings from the CSV (quoted fields allowed)", async () => {
    const before = (await get("/users/example/inventory?status=All", "example")).body.pagination.items;
    const csv =
      "release_id,price,media_condition,sleeve_condition,comments,accept_offer,location,weight\r\n" +
      '1,12.50,Mint (M),Generic,"Sealed, with ""hype"" sticker",Y,Crate 1,230\r\n' +
      "100001,7,Very Good (VG),,,N,,\r\n";
    const r = await call("POST", "/inventory/upload/add", "example", csvForm(csv, "upload", "add.csv"));
    expect(r.status).toBe(200);
    const location = r.res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${emu.url}/inventory/upload/\\d+$`));
    const upload = (await get(location.slice(emu.url.length))).body;
    expect(upload).toMatchObject({
      status: "success",
      type: "add",
      filename: "add.csv",
      results: "CSV file contains 2 records.<p>Processed 2 records.",
    });
    if (FIXTURES) expect(shapeDiff(upload, fixture("inventory-upload-119615.json"))).toEqual([]);
    const inv = await all("/users/example/inventory?status=All", "listings");
    expect(inv).toHaveLength(before + 2);
    const added = inv.find((l) => l.comments === 'Sealed, with "hype" sticker');
    expect(added).toMatchObject({
      status: "For Sale",
      condition: "Mint (M)",
      sleeve_condition: "Generic",
      price: { value: 12.5 },
      allow_offers: true,
      location: "Crate 1",
      weight: 230,
      release: { id: 1 },
    });
  });

  it("change updates the caller's listings of a release; delete removes listings", async () => {
    const change = await call(
      "POST",
      "/inventory/upload/change",
      "example",
      csvForm("release_id,price,comments\n249504,99.99,Repriced\n"),
    );
    expect(change.status).toBe(200);
    const mine = (await all("/users/example/inventory?status=All", "listings")).filter(
      (l) => l.release.id === 249504,
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((l) => l.price.value === 99.99 && l.comments === "Repriced")).toBe(true);
    // Other sellers' listings of the release are untouched.
    const others = [...emu.state.listings.values()].filter(
      (l) => l.release.id === 249504 && l.seller.username !== "example",
    );
    expect(others.every((l) => l.price.value !== 99.99)).toBe(true);

    const del = await call(
      "POST",
      "/inventory/upload/delete",
      "example",
      csvForm("listing_id\n1000000003\n2000000001\n"),
    );
    expect(del.status).toBe(200);
    const record = (await get(del.res.headers.get("location")!.slice(emu.url.length))).body;
    expect(record).toMatchObject({
      type: "delete",
      results: "CSV file contains 2 records.<p>Processed 1 records.",
    });
    expect((await get("/marketplace/listings/1000000003", "example")).status).toBe(404);
    expect((await get("/marketplace/listings/2000000001", "none")).status).toBe(200);
  });

  it("415 without a multipart upload field, 422 on bad CSV, 401 without a user", async () => {
    const json = await call("POST", "/inventory/upload/add", "example", { release_id: 1 });
    expect(json.status).toBe(415);
    expect(json.body.message).toEqual(expect.any(String));
    expect(
      (
        await call(
          "POST",
          "/inventory/upload/add",
          "example",
          csvForm("release_id,price,media_condition\n1,2,Mint (M)\n", "file"),
        )
      ).status,
    ).toBe(415);
    const bad = [
      "price,media_condition\n2,Mint (M)\n",
      "release_id,price,media_condition\n1,abc,Mint (M)\n",
      "release_id,price,media_condition\n1,2,Shiny\n",
      "release_id,price,media_condition\n999999999,2,Mint (M)\n",
      'release_id,price,media_condition\n1,2,"Mint (M)\n',
      "release_id,price,media_condition\n",
      "",
      "release_id,price,media_condition\n1,2,Mint (M),extra\n",
    ];
    for (const csv of bad) {
      const r = await call("POST", "/inventory/upload/add", "example", csvForm(csv));
      expect(r.status, csv).toBe(422);
      expect(r.body.message).toEqual(expect.any(String));
    }
    expect(
      (await call("POST", "/inventory/upload/change", "example", csvForm("release_id\n1\n"))).status,
    ).toBe(422);
    expect(
      (await call("POST", "/inventory/upload/delete", "example", csvForm("release_id\n1\n"))).status,
    ).toBe(422);
    expect(
      (
        await call(
          "POST",
          "/inventory/upload/add",
          "none",
          csvForm("release_id,price,media_condition\n1,2,Mint (M)\n"),
        )
      ).status,
    ).toBe(401);
  });

  it("lists uploads and serves one with If-Modified-Since", async () => {
    const list = await get("/inventory/upload");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toContain(119615);
    if (FIXTURES) expect(shapeDiff(list.body, fixture("inventory-uploads.json"))).toEqual([]);
    const one = await get("/inventory/upload/119615");
    expect(one.body).toMatchObject({ id: 119615, status: "success", type: "add" });
    expect(
      (await get("/inventory/upload/119615", "example", { "If-Modified-Since": new Date().toUTCString() }))
        .status,
    ).toBe(304);
    expect((await get("/inventory/upload/119615", "rodney")).status).toBe(404);
    expect((await get("/inventory/upload/5", "example")).status).toBe(404);
    expect((await get("/inventory/upload", "none")).status).toBe(401);
  });
});
