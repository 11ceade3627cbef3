/**
 * Fault x operation matrix through the emulator's fault injection (docs/reliability.md).
 *
 * Every cell runs one operation kind with a fresh client under one fault and checks: the outcome the README's
 * retry rules promise (success after a retry, or the right typed error with a readable message), the number of
 * attempts, side effects applied at most once, no hang (each cell bounded), no server response left open (a
 * leaked socket), no timer left after `close()`, and no unhandled rejection. The table in docs/reliability.md
 * must be the one these cells produce: `UPDATE_RELIABILITY=1 npx vitest run test/faults.test.ts` (or
 * `npx tsx scripts/reliability-table.ts`) rewrites it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { abortableSleep } from "../src/core/sleep";
import {
  Discogs,
  MemoryRateLimitStore,
  DiscogsAbortError,
  DiscogsAPIError,
  DiscogsConnectionError,
  DiscogsError,
  DiscogsTimeoutError,
  NotFoundError,
  RateLimitError,
} from "../src/index";
import { startEmulator, type Emulator } from "../src/testing/index";
import {
  expectedOutcome,
  FAULTS,
  formatOutcome,
  matrixClient,
  normalizeMessage,
  OPERATIONS,
  PERSISTENT_MAX_RETRIES,
  PERSISTENT_OPS,
  readDocBlock,
  runCell,
  tableBlock,
  TIMEOUT_MS,
  TOKEN,
  USERNAME,
  writeDocBlock,
  type CellResult,
  type Matrix,
  type PersistentRow,
} from "./helpers/fault-matrix";
import { reply, startLocalServer } from "./helpers/local-server";
import {
  activeResources,
  catchUnhandledRejections,
  extraResources,
  trackOpenResponses,
  trackSdkTimers,
  waitFor,
} from "./helpers/leaks";

let emu: Emulator;
let responses: ReturnType<typeof trackOpenResponses>;
let rejections: ReturnType<typeof catchUnhandledRejections>;
let sdkTimers: ReturnType<typeof trackSdkTimers>;
let baseline: Record<string, number>;
const matrix: Matrix = {};
const persistent: Record<string, PersistentRow> = {};

beforeAll(async () => {
  rejections = catchUnhandledRejections();
  sdkTimers = trackSdkTimers();
  baseline = activeResources();
  emu = await startEmulator({ rateLimit: false });
  responses = trackOpenResponses(emu.server);
});

afterAll(async () => {
  responses.stop();
  await emu.close();
  rejections.uninstall();
  sdkTimers.disable();
});

/** After every cell: nothing left open on the server side, no timer left over, no unhandled rejection. */
afterEach(async () => {
  const closed = await waitFor(() => responses.open.size === 0, 1_500);
  expect(closed, `${responses.open.size} server response(s) still open: a leaked socket`).toBe(true);
  const timersGone = await waitFor(() => sdkTimers.leaked().length === 0, 1_500);
  expect(timersGone, `SDK timers left: ${sdkTimers.leaked().join("; ")}`).toBe(true);
  expect(rejections.reasons).toEqual([]);
});

/** What every error of the SDK must look like. */
function expectReadableError(error: unknown, result: CellResult, callerAbort = true): void {
  expect(error).toBeInstanceOf(DiscogsError);
  const e = error as DiscogsError;
  expect(typeof e.message).toBe("string");
  expect(e.message.trim().length).toBeGreaterThan(0);
  expect(e.message.length).toBeLessThan(300);
  expect(e.message).not.toMatch(/\[object |undefined|null\b|NaN/);
  expect(e.message).not.toContain(TOKEN);
  expect(String(e)).toContain(e.message);
  if (e instanceof DiscogsAPIError) {
    expect(e.status).toBe(result.outcome.status);
    expect(e.url.startsWith(emu.url)).toBe(true);
    expect(["GET", "POST", "PUT", "DELETE"]).toContain(e.method);
  }
  if (e instanceof DiscogsTimeoutError) expect(e.timeout).toBe(TIMEOUT_MS);
  if (e instanceof DiscogsConnectionError) expect(e.url.startsWith(emu.url)).toBe(true);
  if (e instanceof DiscogsAbortError) {
    expect(e.name).toBe("AbortError");
    if (callerAbort) expect((e.cause as Error).message).toBe("caller gave up");
  }
}

describe.each(OPERATIONS)("$label", (op) => {
  it.each(FAULTS)("$label", async (fault) => {
    const expected = expectedOutcome(op, fault);
    const result = await runCell(emu, op, fault);
    (matrix[op.id] ??= {})[fault.id] = result.outcome;
    expect(formatOutcome(result.outcome)).toBe(formatOutcome(expected));
    expect(result.outcome).toEqual(expected);
    if (result.outcome.result === "ok") expect(result.checkFailure).toBeUndefined();
    else expectReadableError(result.error, result, fault.id === "abort");
    if (fault.id === "429-ra") expect(result.elapsedMs).toBeGreaterThanOrEqual(900); // Retry-After: 1 honoured
    if (fault.id === "stall" && expected.attempts === 2)
      expect(result.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
    if (fault.id === "abort") expect(result.elapsedMs).toBeLessThan(200); // stops at once, not after the latency
    // At most once, whatever happened.
    if (result.outcome.applied !== undefined) expect(result.outcome.applied).toBeLessThanOrEqual(1);
  });
});

describe("the fault persists", () => {
  it.each(FAULTS)("$label: the typed error after the retries", async (fault) => {
    const row: PersistentRow = { outcomes: {}, message: "" };
    for (const id of PERSISTENT_OPS) {
      const op = OPERATIONS.find((o) => o.id === id)!;
      const result = await runCell(emu, op, fault, { times: Infinity, maxRetries: PERSISTENT_MAX_RETRIES });
      row.outcomes[id] = result.outcome;
      const single = expectedOutcome(op, fault);
      // Retried cells now fail after 1 + maxRetries attempts with the error of the fault; the rest as before.
      if (single.result === "ok" && single.attempts > 1) {
        expect(result.outcome.result).not.toBe("ok");
        expect(result.outcome.attempts).toBe(1 + PERSISTENT_MAX_RETRIES);
      } else if (single.result !== "ok") {
        expect(result.outcome).toEqual(single);
      }
      if (result.outcome.applied !== undefined) expect(result.outcome.applied).toBeLessThanOrEqual(1);
      if (result.outcome.result !== "ok") expectReadableError(result.error, result, fault.id === "abort");
      if (fault.kind === "429") {
        expect(result.error).toBeInstanceOf(RateLimitError);
        expect((result.error as RateLimitError).retryAfter).toBe(fault.spec.retryAfter ? 1 : null);
      }
      if (id === "get") row.message = normalizeMessage((result.error as Error).message, emu.url);
    }
    persistent[fault.id] = row;
  });
});

describe("docs/reliability.md", () => {
  it("holds the table these cells produced", (ctx) => {
    const cells = Object.values(matrix).reduce((n, row) => n + Object.keys(row).length, 0);
    // Only a run of every cell can check the table (not a run filtered with -t).
    if (cells < OPERATIONS.length * FAULTS.length || Object.keys(persistent).length < FAULTS.length)
      ctx.skip();
    const block = tableBlock(matrix, persistent);
    if (process.env.UPDATE_RELIABILITY) writeDocBlock(block);
    expect(readDocBlock(), "regenerate with UPDATE_RELIABILITY=1 npx vitest run test/faults.test.ts").toBe(
      block,
    );
  });
});

/**
 * The "next request" column: after every fault of the matrix, on every operation, the same client's next request
 * is sent at once (within 100 ms: a stall would be a window, 60 s) when the budget has room. Against an emulator
 * with Discogs' normal 60-per-60-s window, the limiter on, each cell with its own credential and budget.
 */
describe("the next request after each fault", () => {
  let windowed: Emulator;
  let n = 0;
  beforeAll(async () => {
    windowed = await startEmulator({ rateLimit: { keyBy: "credential" } });
  });
  afterAll(async () => {
    await windowed.close();
  });

  /** When each attempt left the limiter and was handed to fetch (the `onRequest` hook), per client. */
  const sentAt = new WeakMap<Discogs, number[]>();

  /** Sends one GET and returns how long after the call it was handed to fetch (its wait in the limiter). */
  async function next(
    client: Discogs,
    throttled: number[],
  ): Promise<{ sentAfterMs: number; throttled: number[] }> {
    const sent = sentAt.get(client)!;
    const before = sent.length;
    const started = performance.now();
    await client.users.get(USERNAME).collection.value.get();
    return { sentAfterMs: (sent[before] ?? Infinity) - started, throttled };
  }

  function cellClient(throttled: number[]): Discogs {
    const sent: number[] = [];
    const client = matrixClient(windowed, {
      token: `tok-next-${++n}`,
      rateLimit: { store: new MemoryRateLimitStore() },
      hooks: { onThrottled: (e) => throttled.push(e.waitMs), onRequest: () => sent.push(performance.now()) },
    });
    sentAt.set(client, sent);
    return client;
  }

  describe.each(OPERATIONS)("$label", (op) => {
    it.each(FAULTS)("after $label", async (fault) => {
      const throttled: number[] = [];
      const client = cellClient(throttled);
      try {
        await runCell(windowed, op, fault, { client });
        throttled.length = 0;
        const { sentAfterMs } = await next(client, throttled);
        expect(
          sentAfterMs,
          `next request held ${sentAfterMs} ms; onThrottled: ${throttled.join(", ")}`,
        ).toBeLessThan(100);
        expect(client.rateLimit.remaining).toBeGreaterThan(40);
      } finally {
        await client.close();
      }
    });
  });

  it("after a header that cannot be built (refused before any slot), and the budget is whole", async () => {
    const throttled: number[] = [];
    const client = cellClient(throttled);
    try {
      for (let i = 0; i < 10; i++) {
        expect(() =>
          client.users.get(USERNAME).collection.value.get({ headers: { "X-Bad": "a\r\nb" } }),
        ).toThrow(/^options.headers.X-Bad contains a character that cannot be sent/);
        await expect(client.get("/x", { headers: { "X-Bad": "\u0100" } })).rejects.toThrow(TypeError);
      }
      expect(
        windowed.requests.filter((r) => r.headers.authorization === `Discogs token=tok-next-${n}`),
      ).toEqual([]);
      const { sentAfterMs } = await next(client, throttled);
      expect(sentAfterMs).toBeLessThan(100);
      expect(client.rateLimit.remaining).toBeGreaterThanOrEqual(59);
    } finally {
      await client.close();
    }
  });

  it("a request that does wait is reported: onThrottled with the wait, and client.rateLimit at 0 remaining", async () => {
    const throttled: number[] = [];
    const client = matrixClient(windowed, {
      token: `tok-next-${++n}`,
      rateLimit: { store: new MemoryRateLimitStore(), limit: 2, windowMs: 1_500 },
      hooks: { onThrottled: (e) => throttled.push(e.waitMs) },
    });
    try {
      await client.users.get(USERNAME).collection.value.get();
      await client.users.get(USERNAME).collection.value.get({ cache: false, headers: { "X-N": "2" } });
      const third = client.users
        .get(USERNAME)
        .collection.value.get({ headers: { "X-N": "3" } })
        .fetch();
      await new Promise((r) => setTimeout(r, 50));
      expect(client.rateLimit).toMatchObject({ limit: 2, remaining: 0, queued: 1 });
      expect(throttled.length).toBe(1);
      expect(throttled[0]).toBeGreaterThan(1_000);
      await third;
    } finally {
      await client.close();
    }
  });
});

describe("retry timing and cancellation", () => {
  const get = (c: Discogs, signal?: AbortSignal) => c.users.get(USERNAME).collection.value.get({ signal });
  const path = `/users/${USERNAME}/collection/value`;
  const clients: Discogs[] = [];
  const client = (extra: ConstructorParameters<typeof Discogs>[0] = {}) => {
    const c = matrixClient(emu, extra);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.faults.clear();
    emu.clearRequests();
  });

  it("honours a Retry-After HTTP date about 1 s ahead", async () => {
    const at = new Date(Date.now() + 1_500);
    emu.faults.add({ kind: "status", status: 429, retryAfter: at.toUTCString(), path });
    const started = Date.now();
    await expect(get(client())).resolves.toMatchObject({ median: expect.any(String) });
    // HTTP dates have 1 s resolution: the wait ends at the date's whole second.
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor(at.getTime() / 1000) * 1000 - 50);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(emu.requests.filter((r) => r.path === path)).toHaveLength(2);
  });

  it("does not wait for a Retry-After longer than retry.maxDelayMs: RateLimitError with retryAfter", async () => {
    emu.faults.add({ kind: "status", status: 429, retryAfter: "120", path });
    const started = Date.now();
    const error = await get(client()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(Date.now() - started).toBeLessThan(500);
    expect(emu.requests).toHaveLength(1);
  });

  it("an abort while waiting between retries stops at once, with no further attempt", async () => {
    emu.faults.add({ kind: "status", status: 503, retryAfter: "1", path, times: Infinity });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 100);
    const started = Date.now();
    await expect(get(client(), controller.signal)).rejects.toBeInstanceOf(DiscogsAbortError);
    expect(Date.now() - started).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 1_000)); // past the Retry-After: still no second attempt
    expect(emu.requests).toHaveLength(1);
  });

  it("an abort while queued by the rate limiter stops at once, with no request sent", async () => {
    const c = client({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await get(c); // uses the window's one slot
    emu.clearRequests();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    const started = Date.now();
    await expect(get(c, controller.signal)).rejects.toBeInstanceOf(DiscogsAbortError);
    expect(Date.now() - started).toBeLessThan(400);
    expect(emu.requests).toHaveLength(0);
  });

  // Found by this suite (the limiter held the retry for a whole window, ~60 s, whatever the Retry-After).
  it("with the limiter on, a 429 with Retry-After: 1 is retried after about 1 s", async () => {
    const own = await startEmulator({ rateLimit: false }); // its own base URL: its own shared budget
    const c = new Discogs({ baseUrl: own.url, token: TOKEN, retry: { baseDelayMs: 5 } });
    try {
      await c.users.get(USERNAME).collection.value.get(); // the limiter learns the headers (59 left)
      own.faults.add({ kind: "status", status: 429, retryAfter: "1", path });
      const started = Date.now();
      await c.users.get(USERNAME).collection.value.get({ signal: AbortSignal.timeout(3_000) });
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await c.close();
      await own.close();
    }
  });

  it("a lazy resource does not remember a failure: the next await sends again", async () => {
    emu.faults.add({ kind: "status", status: 503, path: "/releases/352665", times: 2 });
    const release = client().releases.get(352665, undefined, { maxRetries: 1 });
    await expect(release).rejects.toBeInstanceOf(DiscogsAPIError);
    await expect(release).resolves.toMatchObject({ id: 352665 });
    await expect(release).resolves.toMatchObject({ id: 352665 }); // now remembered
    expect(emu.requests).toHaveLength(3);
  });

  it("identical GETs in flight share one request; one caller aborting does not fail the other", async () => {
    emu.faults.add({ kind: "latency", ms: 150, path });
    const c = client();
    const controller = new AbortController();
    // Lazy: both calls start now (fetch()), not when awaited below.
    const first = get(c, controller.signal).fetch();
    const second = get(c).fetch();
    setTimeout(() => controller.abort(new Error("caller gave up")), 30);
    await expect(first).rejects.toBeInstanceOf(DiscogsAbortError);
    await expect(second).resolves.toMatchObject({ median: expect.any(String) });
    expect(emu.requests).toHaveLength(1);
  });

  it("a later page that keeps failing: the earlier pages' items, then the typed error", async () => {
    const seen: unknown[] = [];
    let added = false;
    const walk = (async () => {
      for await (const want of client()
        .users.get(USERNAME)
        .wantlist.list({ per_page: 50 }, { maxRetries: 1 })) {
        seen.push(want);
        if (!added) {
          added = true;
          emu.faults.add({ kind: "status", status: 500, path: `/users/${USERNAME}/wants`, times: Infinity });
        }
      }
    })();
    await expect(walk).rejects.toBeInstanceOf(DiscogsAPIError);
    expect(seen).toHaveLength(50);
  });
});

describe("close() with requests in flight", () => {
  it("fails them at once with 'The client is closed', leaving no socket or timer; later calls fail the same", async () => {
    const c = matrixClient(emu, { timeout: 30_000 });
    emu.faults.add({ kind: "stall", path: `/releases/${352665}` }); // an attempt in flight
    emu.faults.add({ kind: "latency", ms: 5_000, method: "POST", path: "/marketplace/listings" }); // a create
    emu.faults.add({
      kind: "status",
      status: 503,
      retryAfter: "30",
      path: `/users/${USERNAME}/collection/value`,
    });
    const settled = [
      c.releases.get(352665).fetch(),
      c.marketplace.listings.create({ release_id: 352665, condition: "Mint (M)", price: 5 }),
      c.users.get(USERNAME).collection.value.get({ maxRetries: 1 }).fetch(), // waiting 30 s between retries
    ].map((p) =>
      p.then(
        () => "ok",
        (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`,
      ),
    );
    await waitFor(() => emu.requests.length >= 2 && responses.open.size >= 1, 2_000);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await c.close();
    expect(await Promise.all(settled)).toEqual(Array(3).fill("DiscogsError: The client is closed"));
    expect(Date.now() - started).toBeLessThan(200);
    await expect(c.releases.get(352665)).rejects.toThrow("The client is closed");
    emu.faults.clear();
    emu.clearRequests();
  });
});

describe("a DELETE applied whose response was lost", () => {
  it("is retried (DELETE is idempotent) and reports the 404 of the retry: the resource is gone either way", async () => {
    const server = await startLocalServer();
    try {
      server.respond(
        (_req, res) => res.socket?.destroy(), // applied, then the connection died before any response
        reply(404, { message: "The requested resource was not found." }),
      );
      const c = new Discogs({
        baseUrl: server.url,
        token: TOKEN,
        rateLimit: false,
        retry: { baseDelayMs: 5 },
      });
      const error = await c.users
        .get(USERNAME)
        .wantlist.delete(352665)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      await c.close();
      expect(error).toBeInstanceOf(NotFoundError);
      expect(server.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
    } finally {
      await server.close();
    }
  });
});

describe("faults with the cache", () => {
  const clients: Discogs[] = [];
  const client = () => {
    const c = matrixClient(emu, { cache: true });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.faults.clear();
    emu.clearRequests();
  });
  const valuePath = `/users/${USERNAME}/collection/value`;
  const count = (method: string, path: string) =>
    emu.requests.filter((r) => r.method === method && r.path === path).length;

  it.each([
    ["500", { kind: "status", status: 500 }],
    ["truncated JSON", { kind: "truncated" }],
    ["invalid JSON", { kind: "invalid-json" }],
    ["empty body", { kind: "empty", status: 200 }],
  ] as const)("a GET that failed with %s is not cached", async (_name, spec) => {
    const c = client();
    emu.faults.add({ ...spec, path: valuePath });
    await expect(c.users.get(USERNAME).collection.value.get({ maxRetries: 0 })).rejects.toBeInstanceOf(
      DiscogsError,
    );
    const value = await c.users.get(USERNAME).collection.value.get();
    expect(value.median).toEqual(expect.any(String));
    await c.users.get(USERNAME).collection.value.get();
    expect(count("GET", valuePath)).toBe(2); // the failure, then one success that the third call reuses
  });

  it("a write that failed with a 5xx still invalidates (it may have been applied)", async () => {
    const c = client();
    const wants = () => c.users.get(USERNAME).wantlist.list({ per_page: 100 }).toArray({ limit: 1 });
    const wantsPath = `/users/${USERNAME}/wants`;
    await wants();
    await wants();
    expect(count("GET", wantsPath)).toBe(1); // cached
    emu.faults.add({ kind: "status", status: 500, method: "PUT", path: `${wantsPath}/*` });
    await expect(
      c.users.get(USERNAME).wantlist.create({ release_id: 352665 }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(DiscogsAPIError);
    await wants();
    expect(count("GET", wantsPath)).toBe(2); // dropped by the failed write
  });

  it("a create cut off after it was applied invalidates, and is not repeated", async () => {
    const c = client();
    const inventory = () => c.users.get(USERNAME).inventory.list().toArray({ limit: 1 });
    const inventoryPath = `/users/${USERNAME}/inventory`;
    await inventory();
    await inventory();
    expect(count("GET", inventoryPath)).toBe(1);
    const before = emu.state.listings.size;
    emu.faults.add({ kind: "truncated", method: "POST", path: "/marketplace/listings" });
    await expect(
      c.marketplace.listings.create({ release_id: 352665, condition: "Mint (M)", price: 10 }),
    ).rejects.toBeInstanceOf(DiscogsConnectionError);
    expect(emu.state.listings.size).toBe(before + 1);
    expect(count("POST", "/marketplace/listings")).toBe(1);
    await inventory();
    expect(count("GET", inventoryPath)).toBe(2);
  });
});

describe("the leak detectors", () => {
  it("see an SDK timer left running and a response left open", async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal).catch(() => undefined);
    expect(sdkTimers.leaked()).toEqual([expect.stringContaining("src/core/sleep.ts")]);
    controller.abort();
    await sleeping;
    expect(sdkTimers.leaked()).toEqual([]);
    const other = setTimeout(() => undefined, 10_000); // not the SDK's
    expect(sdkTimers.leaked()).toEqual([]);
    clearTimeout(other);
    emu.faults.add({ kind: "stall", path: "/releases/1" });
    const request = new AbortController();
    const pending = fetch(`${emu.url}/releases/1`, { signal: request.signal });
    expect(await waitFor(() => responses.open.size === 1)).toBe(true);
    request.abort();
    await pending.then(
      (res) => res.body?.cancel().catch(() => undefined),
      () => undefined,
    );
    expect(await waitFor(() => responses.open.size === 0)).toBe(true);
  });
});

describe("after everything", () => {
  it("no unhandled rejection, and closing the emulator leaves no socket, server or timer", async () => {
    expect(rejections.reasons).toEqual([]);
    const types = ["Timeout", "TCPSocketWrap", "TCPServerWrap"];
    responses.stop();
    await emu.close();
    const clean = await waitFor(() => Object.keys(extraResources(baseline, types)).length === 0, 3_000);
    expect(clean, JSON.stringify(extraResources(baseline, types))).toBe(true);
  });
});
