/**
 * The pure parts of discogs-sdk/sync, unit-tested directly: what crosses between the threads (arguments,
 * values with methods, responses, errors) and the credential scrubbing. The behaviour over real HTTP is in
 * test/sync.test.ts.
 */
import { describe, expect, it } from "vitest";
import { DiscogsError, NotFoundError, ValidationError } from "../src/index";
import { describeNode, encodeValue, type EncodeContext } from "../src/sync/describe";
import { decodeError, encodeError, scrubber } from "../src/sync/errors";
import type { Host } from "../src/sync/host";
import type { Ref, Reply, Tagged, Unnumbered } from "../src/sync/protocol";
import { Session } from "../src/sync/proxy";
import { decodeArg, encodeArg } from "../src/sync/values";

/** A host that records the calls and answers them from `answer`, so a Session can be driven in memory. */
function fakeHost(answer: (req: Unnumbered) => Reply) {
  const calls: Unnumbered[] = [];
  const posts: unknown[] = [];
  const host = {
    alive: true,
    addClient: () => 1,
    removeClient: () => {},
    post: (req: unknown) => posts.push(req),
    call: (req: Unnumbered) => {
      calls.push(req);
      return answer(req);
    },
  } as unknown as Host;
  return { host, calls, posts };
}

describe("arguments", () => {
  it("plain data crosses as is; URL and Headers are tagged and rebuilt", () => {
    const args = { a: [1, "x", null, { b: true }], when: new Date(0), bytes: new Uint8Array([1, 2]) };
    expect(encodeArg(args, "p")[0]).toBe("p");
    expect(decodeArg(encodeArg(args, "p"))).toEqual(args);
    const rebuilt = decodeArg(
      encodeArg({ url: new URL("https://x.test/a"), h: new Headers({ a: "1" }) }, "p"),
    ) as {
      url: URL;
      h: Headers;
    };
    expect(rebuilt.url).toBeInstanceOf(URL);
    expect(rebuilt.url.href).toBe("https://x.test/a");
    expect(rebuilt.h.get("a")).toBe("1");
  });

  it("a function, a symbol, an AbortSignal or a live object is a TypeError naming where it is", () => {
    expect(() => encodeArg({ x: [0, () => 1] }, "options")).toThrow(/^options\.x\[1\] is a function/);
    expect(() => encodeArg({ s: Symbol("s") }, "argument 1")).toThrow(/^argument 1\.s is a symbol/);
    expect(() => encodeArg({ signal: AbortSignal.timeout(10) }, "o")).toThrow(
      /o\.signal is an AbortSignal.*timeout/,
    );
    class Store {
      get() {}
    }
    expect(() => encodeArg({ cache: new Store() }, "options", () => "use cache: true")).toThrow(
      /^options\.cache is a Store, which cannot cross to DiscogsSync's worker thread: use cache: true$/,
    );
  });
});

describe("values with methods (a page with getNextPage) stay callable through a handle", () => {
  it("encodes data and method names, and the caller's methods call back on the handle", () => {
    const page = {
      items: [{ id: 1 }],
      pagination: { page: 1 },
      hasNextPage: () => true,
      getNextPage: async () => ({ items: [{ id: 2 }], pagination: { page: 2 } }),
    };
    const ctx: EncodeContext = { needsHandle: false, scrub: (s) => s };
    const t = encodeValue(page, ctx);
    expect(ctx.needsHandle).toBe(true);
    expect(t).toEqual([
      "o",
      [
        ["items", ["p", [{ id: 1 }]]],
        ["pagination", ["p", { page: 1 }]],
      ],
      ["hasNextPage", "getNextPage"],
    ]);

    const { host, calls } = fakeHost((req) => {
      const ref = (req as { ref: Ref }).ref;
      return {
        id: 1,
        ok: true,
        v: ["p", ref.s.at(-1)![1] === "hasNextPage" ? true : { items: [{ id: 2 }] }],
      };
    });
    const session = new Session(host, () => {});
    const decoded = session.decode(t, { c: 1, s: [] }, 7, "page") as {
      items: unknown[];
      hasNextPage(): boolean;
      getNextPage(): { items: unknown[] };
    };
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded.items).toEqual([{ id: 1 }]);
    expect(decoded.hasNextPage()).toBe(true);
    expect(decoded.getNextPage().items).toEqual([{ id: 2 }]);
    expect(calls.map((c) => (c as { ref: Ref }).ref)).toEqual([
      { c: 1, h: 7, s: [["c", "hasNextPage", []]] },
      { c: 1, h: 7, s: [["c", "getNextPage", []]] },
    ]);
  });

  it("plain model data needs no handle", () => {
    const ctx: EncodeContext = { needsHandle: false, scrub: (s) => s };
    expect(encodeValue({ id: 1, tracklist: [{ title: "Hurt" }] }, ctx)).toEqual([
      "p",
      { id: 1, tracklist: [{ title: "Hurt" }] },
    ]);
    expect(ctx.needsHandle).toBe(false);
  });

  it("a Response (withResponse) crosses as its status, headers and url", () => {
    const ctx: EncodeContext = { needsHandle: false, scrub: (s) => s };
    const response = new Response("{}", {
      status: 201,
      statusText: "Created",
      headers: { location: "/x/1" },
    });
    const t = encodeValue({ data: { id: 1 }, response }, ctx) as Tagged;
    const { host } = fakeHost(() => ({ id: 1, ok: true, v: ["p", undefined] }));
    const back = new Session(host, () => {}).decode(t, undefined, undefined, "r") as {
      data: unknown;
      response: Response;
    };
    expect(back.data).toEqual({ id: 1 });
    expect(back.response).toBeInstanceOf(Response);
    expect(back.response.status).toBe(201);
    expect(back.response.statusText).toBe("Created");
    expect(back.response.headers.get("location")).toBe("/x/1");
  });

  it("a ReadableStream is refused (and cancelled)", async () => {
    let cancelled = false;
    const stream = new ReadableStream({ cancel: () => void (cancelled = true) });
    expect(() => encodeValue(stream, { needsHandle: false, scrub: (s) => s })).toThrow(/ReadableStream/);
    await Promise.resolve();
    expect(cancelled).toBe(true);
  });
});

describe("resources", () => {
  it("are described by their members: sub-resources, methods, data, getters; internals left out", () => {
    class Sub {
      readonly id = 3;
      list() {}
    }
    class Res {
      readonly _client = {};
      readonly sub = new Sub();
      readonly id = 7;
      get live() {
        return 1;
      }
      get() {}
      then() {}
    }
    const d = describeNode(new Res());
    expect(d.cls).toBe("Res");
    expect(d.then).toBe(true);
    expect(d.m).toEqual([
      [
        "sub",
        "n",
        {
          cls: "Sub",
          then: false,
          iter: false,
          m: [
            ["id", "v", ["p", 3]],
            ["list", "m"],
          ],
        },
      ],
      ["id", "v", ["p", 7]],
      ["live", "g"],
      ["get", "m"],
    ]);
  });
});

describe("errors", () => {
  it("keep their class and fields across, with the caller's stack", () => {
    const original = new ValidationError({
      status: 422,
      message: "Invalid",
      body: { detail: [{ msg: "bad" }] },
      headers: { "content-type": "application/json" },
      method: "POST",
      url: "https://api.discogs.com/x",
    });
    const back = decodeError(structuredClone(encodeError(original, (s) => s))) as ValidationError;
    expect(back).toBeInstanceOf(ValidationError);
    expect(back).toBeInstanceOf(DiscogsError);
    expect(back.name).toBe("ValidationError");
    expect(back.detail).toEqual([{ msg: "bad" }]);
    expect(back.status).toBe(422);
    expect(back.stack?.split("\n")[0]).toBe("ValidationError: Invalid");
    expect(Object.keys(back).sort()).toEqual(Object.keys(original).sort());

    const type = decodeError(encodeError(new TypeError("bad id"), (s) => s));
    expect(type).toBeInstanceOf(TypeError);
    const cause = decodeError(
      encodeError(new DiscogsError("outer", { cause: new NotFoundError({ ...init404 }) }), (s) => s),
    );
    expect((cause as { cause?: unknown }).cause).toBeInstanceOf(NotFoundError);
  });

  it("no credential crosses: every string is scrubbed, short values are left alone", () => {
    const scrub = scrubber(["secret-token-123456", "t"]);
    const e = new NotFoundError({ ...init404, message: "token secret-token-123456 rejected" });
    (e as unknown as { extra: unknown }).extra = { nested: ["secret-token-123456"] };
    const d = encodeError(e, scrub);
    expect(JSON.stringify(d)).not.toContain("secret-token-123456");
    expect(d.message).toBe("token [redacted] rejected");
    expect(scrub("t is a letter")).toBe("t is a letter");
  });
});

const init404 = {
  status: 404,
  message: "Not found",
  body: { message: "Not found" },
  headers: {},
  method: "GET",
  url: "https://api.discogs.com/releases/1",
};
