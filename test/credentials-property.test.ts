/**
 * Nothing silently ignored, and no secret in a message (issue 13), as fast-check properties over the public API:
 *
 * - Any string with a control character or a character above U+00FF, given as a credential, the user agent, a
 *   client `headers` value or a per-request `headers` value, is a `TypeError` naming the option: at construction
 *   for client options (also when the credential comes from its DISCOGS_* variable, which the message names),
 *   before any request and any limiter slot for per-request headers. The message never contains the value.
 * - Any unknown key in the client options, `rateLimit`, `retry`, `hooks`, per-request options and the escape
 *   hatch's options is a `TypeError` naming it; a known misspelling gets its suggestion (`q` -> `query`).
 * - A per-request option passed in the params slot (`releases.get(1, { signal })`) is recognised, and the message
 *   says where it goes.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  Discogs,
  getAccessToken,
  getRequestToken,
  MemoryRateLimitStore,
  RateLimitQueueError,
  type ClientOptions,
} from "../src/index";
import { CLIENT_OPTION_KEYS } from "../src/core/config";
import { HOOK_NAMES } from "../src/core/hooks";
import { REQUEST_OPTION_KEYS } from "../src/core/params";
import { startEmulator, type Emulator } from "../src/testing/index";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

let emu: Emulator;
/** The machine's DISCOGS_* variables, put back after the file (none of them may reach these clients). */
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const k of Object.keys(process.env)) {
    if (k.startsWith("DISCOGS_")) {
      savedEnv[k] = process.env[k];
      delete process.env[k];
    }
  }
  emu = await startEmulator({ rateLimit: { keyBy: "credential" } });
});
afterAll(async () => {
  await emu.close();
  for (const [k, v] of Object.entries(savedEnv)) process.env[k] = v;
});
afterEach(() => {
  emu.clearRequests();
});

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// -------------------------------------------------------------------------------------------------------------
// Values a header cannot carry

/** One character `Headers` refuses or the SDK refuses for a header: C0 controls (tab included), DEL, > U+00FF. */
const badChar = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.constant(0x7f),
    fc.integer({ min: 0x100, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((cp) => String.fromCodePoint(cp));

/** A run of any characters with at least one bad one in it. */
const badRun = fc
  .tuple(fc.string({ unit: "binary", maxLength: 6 }), badChar, fc.string({ unit: "binary", maxLength: 6 }))
  .map(([a, b, c]) => a + b + c);

/** A recognisable printable part (so that a message repeating it is caught). */
const marker = fc.stringMatching(/^[A-Za-z0-9]{6,12}$/).map((s) => `Zq${s}`);

/** A value with a bad character between two recognisable printable parts. */
const unsendable = fc
  .tuple(marker, badRun, marker)
  .map(([head, bad, tail]) => ({ value: head + bad + tail, head, tail }));

/** A message must not repeat the value, nor either printable part of it. */
function expectNoValue(message: string, v: { value: string; head: string; tail: string }): void {
  expect(message).not.toContain(v.value);
  expect(message).not.toContain(v.head);
  expect(message).not.toContain(v.tail);
}

/** Complete, valid credential sets in which one option is replaced by the bad value. */
const CREDENTIAL_OPTIONS: [keyof ClientOptions, ClientOptions][] = [
  ["token", {}],
  ["consumerKey", { consumerSecret: "cs-valid" }],
  ["consumerSecret", { consumerKey: "ck-valid" }],
  [
    "accessToken",
    { consumerKey: "ck-valid", consumerSecret: "cs-valid", accessTokenSecret: "as-valid", token: null },
  ],
  [
    "accessTokenSecret",
    { consumerKey: "ck-valid", consumerSecret: "cs-valid", accessToken: "at-valid", token: null },
  ],
];

const ENV_NAMES: Record<string, string> = {
  token: "DISCOGS_TOKEN",
  consumerKey: "DISCOGS_CONSUMER_KEY",
  consumerSecret: "DISCOGS_CONSUMER_SECRET",
  accessToken: "DISCOGS_ACCESS_TOKEN",
  accessTokenSecret: "DISCOGS_ACCESS_TOKEN_SECRET",
};

/** Constructs a client and returns what it threw (the fetch fails the test if anything is sent). */
function construct(options: ClientOptions): unknown {
  try {
    const c = new Discogs({
      baseUrl: emu.url,
      fetch: () => {
        throw new Error("nothing may be sent");
      },
      ...options,
    });
    void c.close();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("a value a header cannot carry is refused at construction, never shown", () => {
  it.each(CREDENTIAL_OPTIONS)("%s", (name, rest) => {
    fc.assert(
      fc.property(unsendable, (v) => {
        const error = construct({ ...rest, [name]: v.value });
        expect(error).toBeInstanceOf(TypeError);
        const message = (error as Error).message;
        expect(message.startsWith(`${name} `), message).toBe(true);
        expectNoValue(message, v);
        expectNoValue(String((error as Error).stack), v);
      }),
      { numRuns: RUNS },
    );
  });

  it("userAgent", () => {
    fc.assert(
      fc.property(unsendable, (v) => {
        const error = construct({ token: "t-valid", userAgent: v.value });
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toMatch(/^userAgent /);
        expectNoValue((error as Error).message, v);
      }),
      { numRuns: RUNS },
    );
  });

  it("a client headers value (an object or a Headers-like entry)", () => {
    fc.assert(
      fc.property(unsendable, fc.stringMatching(/^X-[A-Za-z]{1,10}$/), (v, header) => {
        const error = construct({ token: "t-valid", headers: { "X-Fine": "ok", [header]: v.value } });
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message.startsWith(`headers.${header} `)).toBe(true);
        expectNoValue((error as Error).message, v);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(Object.entries(ENV_NAMES))(
    "%s from its environment variable (%s): the message names the variable",
    (name, variable) => {
      const rest = CREDENTIAL_OPTIONS.find(([n]) => n === name)![1];
      fc.assert(
        fc.property(
          // An environment variable cannot hold NUL; every other bad character can.
          unsendable.filter((v) => !v.value.includes("\u0000")),
          (v) => {
            process.env[variable] = v.value;
            try {
              const error = construct(rest);
              expect(error).toBeInstanceOf(TypeError);
              const message = (error as Error).message;
              expect(message.startsWith(`${variable} (read for ${name}) `), message).toBe(true);
              expectNoValue(message, v);
            } finally {
              delete process.env[variable];
            }
          },
        ),
        { numRuns: Math.min(RUNS, 30) },
      );
    },
  );

  it("a valid value of each is accepted (the property above is not refusing everything)", () => {
    for (const [name, rest] of CREDENTIAL_OPTIONS) {
      expect(construct({ ...rest, [name]: "Valid-Latin1-\u00e9\u00ff value" }), name).toBeUndefined();
    }
    expect(construct({ userAgent: "MyApp/1.0 (+https://example.com) caf\u00e9" })).toBeUndefined();
    expect(construct({ headers: { "X-App": "v\u00e9" } })).toBeUndefined();
  });
});

describe("a per-request headers value a header cannot carry", () => {
  /** Every kind of call that takes per-request options, bad headers in them. */
  const CALLS: [string, (c: Discogs, headers: Record<string, string>) => unknown][] = [
    ["a lazy get", (c, headers) => c.releases.get(352665, undefined, { headers }).fetch()],
    [
      "a list",
      (c, headers) => c.users.get("example").wantlist.list(undefined, { headers }).toArray({ limit: 1 }),
    ],
    ["awaiting a list", (c, headers) => c.search({ query: "x" }, { headers }).then((p) => p.items)],
    ["a write", (c, headers) => c.users.get("example").wantlist.create({ release_id: 352665 }, { headers })],
    ["the escape hatch", (c, headers) => c.get("/releases/352665", { headers })],
    ["an escape-hatch write", (c, headers) => c.post("/users/example/collection/folders", { headers })],
  ];
  let n = 0;

  it("is a TypeError naming it, before any request and any limiter slot, never showing the value", async () => {
    await fc.assert(
      fc.asyncProperty(
        unsendable,
        fc.constantFrom(...CALLS),
        fc.stringMatching(/^X-[A-Za-z]{1,10}$/),
        async (v, [label, call], header) => {
          emu.clearRequests();
          // Two slots, no queue: a slot the bad call kept would make one of the two good calls below fail at once.
          const c = new Discogs({
            baseUrl: emu.url,
            token: `tok-headers-${++n}`,
            rateLimit: { limit: 2, maxQueue: 0, store: new MemoryRateLimitStore() },
          });
          try {
            for (let i = 0; i < 3; i++) {
              const error = await failure(() => call(c, { [header]: v.value }));
              expect(error, label).toBeInstanceOf(TypeError);
              const message = (error as Error).message;
              expect(message.startsWith(`options.headers.${header} `), message).toBe(true);
              expectNoValue(message, v);
            }
            expect(emu.requests).toEqual([]);
            expect(c.rateLimit).toMatchObject({ used: 0, remaining: 2, queued: 0 });
            await c.releases.get(352665);
            await c.artists.get(3857);
          } finally {
            await c.close();
          }
        },
      ),
      { numRuns: Math.min(RUNS, 25) },
    );
  });

  it("a header name that is not an HTTP token is refused the same way", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "tok-name", rateLimit: false });
    for (const name of ["X Bad", "X:Bad", "", "X\u00e9"]) {
      const error = await failure(() => c.get("/releases/352665", { headers: { [name]: "v" } }));
      expect(error, name).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(
        /^options\.headers has a header name that is not a valid HTTP token/,
      );
      expect(() => new Discogs({ headers: { [name]: "v" } })).toThrow(/^headers has a header name/);
    }
    expect(emu.requests).toEqual([]);
    await c.close();
  });
});

// -------------------------------------------------------------------------------------------------------------
// Unknown keys

/** A key no option bag knows (`__proto__` would set the prototype of an object literal, not add a key). */
const unknownKey = (known: readonly string[]) =>
  fc.string({ minLength: 1, maxLength: 14 }).filter((k) => k !== "__proto__" && !known.includes(k));

/** The message names the key: quoted, or, for a per-request option in the wrong slot, as is. */
function expectNamesKey(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(TypeError);
  const message = (error as Error).message;
  const named =
    message.includes(JSON.stringify(key.slice(0, 40))) ||
    ((REQUEST_OPTION_KEYS as readonly string[]).includes(key) &&
      message.startsWith(`${key} is a per-request`));
  expect(named, `${JSON.stringify(key)}: ${message}`).toBe(true);
}

describe("an unknown key is refused, naming it", () => {
  it("in the client options", () => {
    fc.assert(
      fc.property(unknownKey(CLIENT_OPTION_KEYS), fc.anything(), (key, value) => {
        const error = construct({ token: "t", [key]: value } as ClientOptions);
        if (key === "signal") {
          expect((error as Error).message).toMatch(
            /^signal is a per-request option: pass it in a call's options/,
          );
        } else {
          expectNamesKey(error, key);
          expect((error as Error).message).toMatch(/^new Discogs\(\) options has an unknown key/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  const BAGS: [string, readonly string[], (extra: Record<string, unknown>) => ClientOptions][] = [
    ["rateLimit", ["limit", "windowMs", "maxQueue", "maxWaitMs", "store"], (x) => ({ rateLimit: x })],
    ["retry", ["baseDelayMs", "maxDelayMs"], (x) => ({ retry: x as never })],
    ["hooks", HOOK_NAMES, (x) => ({ hooks: x as never })],
  ];
  it.each(BAGS)("in %s", (bag, known, options) => {
    fc.assert(
      fc.property(unknownKey(known), fc.anything(), (key, value) => {
        const error = construct({ token: "t", ...options({ [key]: value }) });
        expectNamesKey(error, key);
        if (!(REQUEST_OPTION_KEYS as readonly string[]).includes(key))
          expect((error as Error).message.startsWith(`${bag} has an unknown key`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("in the per-request options of every kind of call, before any request", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "tok-unknown", rateLimit: false });
    const calls: ((o: object) => unknown)[] = [
      (o) => c.releases.get(352665, undefined, o as never),
      (o) => c.users.get("example").wantlist.list(undefined, o as never),
      (o) => c.marketplace.listings.create({ release_id: 1, condition: "Mint (M)", price: 1 }, o as never),
      (o) => c.exports.download(1, undefined, o as never),
      (o) =>
        getRequestToken({
          consumerKey: "k",
          consumerSecret: "s",
          baseUrl: emu.url,
          requestOptions: o as never,
        }),
    ];
    await fc.assert(
      fc.asyncProperty(
        unknownKey(REQUEST_OPTION_KEYS),
        fc.anything(),
        fc.constantFrom(...calls),
        async (key, value, call) => {
          const error = await failure(() => call({ [key]: value }));
          expectNamesKey(error, key);
          expect((error as Error).message.startsWith("options has an unknown key")).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    expect(emu.requests).toEqual([]);
    await c.close();
  });

  it("in the escape hatch's options (get, post, put, delete), before any request", async () => {
    const c = new Discogs({ baseUrl: emu.url, token: "tok-unknown-raw", rateLimit: false });
    const RAW = ["query", "body", "schema", "idempotent", ...REQUEST_OPTION_KEYS];
    await fc.assert(
      fc.asyncProperty(
        unknownKey(RAW),
        fc.anything(),
        fc.constantFrom("get", "post", "put", "delete" as const),
        async (key, value, method) => {
          const error = await failure(() => c[method]("/releases/352665", { [key]: value } as never));
          expectNamesKey(error, key);
          expect((error as Error).message.startsWith(`${method}() options has an unknown key`)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    expect(emu.requests).toEqual([]);
    await c.close();
  });

  it("in the OAuth flow helpers' options", async () => {
    await fc.assert(
      fc.asyncProperty(unknownKey([]), async (key) => {
        const base = { consumerKey: "k", consumerSecret: "s", baseUrl: emu.url };
        fc.pre(!Object.keys(base).includes(key));
        const known = [
          "userAgent",
          "timeout",
          "maxRetries",
          "retry",
          "fetch",
          "rateLimit",
          "hooks",
          "callbackUrl",
          "authorizeBaseUrl",
          "signatureMethod",
          "requestOptions",
          "requestToken",
          "requestTokenSecret",
          "verifier",
        ];
        fc.pre(!known.includes(key));
        expectNamesKey(await failure(() => getRequestToken({ ...base, [key]: 1 } as never)), key);
        const access = { ...base, requestToken: "t", requestTokenSecret: "s", verifier: "v" };
        expectNamesKey(await failure(() => getAccessToken({ ...access, [key]: 1 } as never)), key);
      }),
      { numRuns: Math.min(RUNS, 30) },
    );
    expect(emu.requests).toEqual([]);
  });
});

describe("the nearest valid key is suggested", () => {
  const c = new Discogs({ baseUrl: "http://127.0.0.1:9", token: "t", rateLimit: false });
  afterAll(() => c.close());

  it.each([
    ["search({ q })", () => c.search({ q: "x" } as never), '"q": did you mean "query"?'],
    [
      "artists.releases.list({ sort_ordr })",
      () => c.artists.get(1).releases.list({ sort_ordr: "asc" } as never),
      '"sort_ordr": did you mean "sort_order"?',
    ],
    [
      "users.wantlist.list({ perPage })",
      () => c.users.get("example").wantlist.list({ perPage: 5 } as never),
      '"perPage": did you mean "per_page"?',
    ],
    [
      "new Discogs({ timout })",
      () => new Discogs({ timout: 1 } as never),
      '"timout": did you mean "timeout"?',
    ],
    [
      "new Discogs({ rateLimit: { maxQeue } })",
      () => new Discogs({ rateLimit: { maxQeue: 1 } } as never),
      '"maxQeue": did you mean "maxQueue"?',
    ],
    [
      "new Discogs({ hooks: { onRequst } })",
      () => new Discogs({ hooks: { onRequst() {} } } as never),
      '"onRequst": did you mean "onRequest"?',
    ],
    [
      "releases.get(1, undefined, { timout })",
      () => c.releases.get(1, undefined, { timout: 5 } as never),
      '"timout": did you mean "timeout"?',
    ],
    [
      "client.get(path, { qurey })",
      () => c.get("/x", { qurey: {} } as never),
      '"qurey": did you mean "query"?',
    ],
  ])("%s", async (_label, call, suggestion) => {
    const error = await failure(call);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(suggestion);
  });
});

describe("a per-request option in the params slot", () => {
  const VALUES: Record<(typeof REQUEST_OPTION_KEYS)[number], unknown> = {
    signal: new AbortController().signal,
    timeout: 100,
    maxRetries: 0,
    headers: { "X-A": "1" },
    cache: false,
    priority: "background",
  };
  const c = new Discogs({ baseUrl: "http://127.0.0.1:9", token: "t", rateLimit: false });
  afterAll(() => c.close());
  const CALLS: [string, (params: object) => unknown][] = [
    ["releases.get(1, { ... })", (p) => c.releases.get(1, p as never)],
    ["artists.releases.list({ ... })", (p) => c.artists.get(1).releases.list(p as never)],
    ["search({ ... })", (p) => c.search(p as never)],
    [
      "users.wantlist.create({ release_id, ... })",
      (p) => c.users.get("u").wantlist.create({ release_id: 1, ...p }),
    ],
    ["marketplace.fee.get({ price, ... })", (p) => c.marketplace.fee.get({ price: 10, ...p })],
  ];

  it.each(CALLS)("%s is recognised, and the message says where it goes", (_label, call) => {
    for (const [key, value] of Object.entries(VALUES)) {
      let error: unknown;
      try {
        call({ [key]: value });
      } catch (e) {
        error = e;
      }
      expect(error, key).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(
        `${key} is a per-request option, not a parameter: pass it in the options argument (the last one), ` +
          `e.g. (..., { ${key} }) after the params argument`,
      );
    }
  });

  it("releases.get(1, { signal }): the abort is not lost, the call is refused before it is made", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => c.releases.get(1, { signal: controller.signal } as never)).toThrow(/per-request option/);
  });
});

describe("with the slots whole, the next valid calls are not refused by a queue of 0", () => {
  it("after 10 refused calls of every kind", async () => {
    const c = new Discogs({
      baseUrl: emu.url,
      token: "tok-after-refusals",
      rateLimit: { limit: 3, maxQueue: 0, store: new MemoryRateLimitStore() },
    });
    try {
      for (let i = 0; i < 10; i++) {
        await failure(() => c.releases.get(352665, { signal: 1 } as never));
        await failure(() => c.get("/releases/352665", { nope: 1 } as never));
        await failure(() => c.get("/releases/352665", { headers: { "X-A": "a\nb" } }));
      }
      expect(emu.requests).toEqual([]);
      const results = await Promise.allSettled([
        c.releases.get(352665).fetch(),
        c.artists.get(3857).fetch(),
        c.labels.get(647).fetch(),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      // The budget is now spent: a fourth is refused at once (the queue takes none), and sends nothing.
      const spent = await failure(() => c.masters.get(3719).fetch());
      expect(spent).toBeInstanceOf(RateLimitQueueError);
      expect(emu.requests).toHaveLength(3);
    } finally {
      await c.close();
    }
  });
});
