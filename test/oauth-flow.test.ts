/**
 * The OAuth 1.0a flow (`getRequestToken`, `getAccessToken`) against the emulator, which verifies the HMAC-SHA1
 * signatures: the requests on the wire, the authorize step, a client using the four values, the transport
 * options (User-Agent, retries, custom fetch), typed errors and argument checks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  Discogs,
  DiscogsAPIError,
  getAccessToken,
  getRequestToken,
  type AccessToken,
  type RequestToken,
} from "../src/index";
import { parseOAuthHeader } from "../src/core/oauth";
import { startEmulator, type Emulator } from "../src/testing/index";

const consumerKey = "my-consumer-key";
const consumerSecret = "my-consumer-secret";

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ rateLimit: false, oauthSecrets: { [consumerKey]: consumerSecret } });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

/** Transport options pointing the flow at the emulator. */
function transport() {
  return { baseUrl: emu.url, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 5 } } as const;
}

/** The request-token step's options: the transport's, and the emulator's authorize page. */
function requestTransport() {
  return { ...transport(), authorizeBaseUrl: `${emu.url}/oauth/authorize` } as const;
}

function oauthOf(i: number) {
  return parseOAuthHeader(emu.requests[i]!.headers.authorization ?? "") ?? {};
}

describe("OAuth flow", () => {
  it("request token → authorize → access token → an authenticated client", async () => {
    const rt = await getRequestToken({
      consumerKey,
      consumerSecret,
      userAgent: "MyApp/1.0",
      ...requestTransport(),
    });
    expectTypeOf(rt).toEqualTypeOf<RequestToken>();
    expect(rt.token).toMatch(/^[0-9a-f]+$/);
    expect(rt.tokenSecret).toMatch(/^[0-9a-f]+$/);
    expect(rt.callbackConfirmed).toBe(true);
    expect(rt.authorizeUrl).toBe(`${emu.url}/oauth/authorize?oauth_token=${rt.token}`);
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      path: "/oauth/request_token",
      query: {},
      status: 200,
    });
    expect(emu.requests[0]!.headers["user-agent"]).toMatch(/^MyApp\/1\.0 discogs-sdk\//);
    expect(oauthOf(0)).toMatchObject({
      oauth_consumer_key: consumerKey,
      oauth_signature_method: "HMAC-SHA1",
      oauth_callback: "oob",
      oauth_version: "1.0",
    });
    expect(oauthOf(0)).not.toHaveProperty("oauth_token");

    // The browser step: the emulator's authorize page shows the verifier (oob).
    const verifier = await (await fetch(rt.authorizeUrl)).text();
    expect(verifier).toMatch(/^[0-9a-f]+$/);

    emu.clearRequests();
    const at = await getAccessToken({
      consumerKey,
      consumerSecret,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier,
      ...transport(),
    });
    expectTypeOf(at).toEqualTypeOf<AccessToken>();
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({
      method: "POST",
      path: "/oauth/access_token",
      query: {},
      status: 200,
    });
    expect(oauthOf(0)).toMatchObject({
      oauth_token: rt.token,
      oauth_verifier: verifier,
      oauth_signature_method: "HMAC-SHA1",
    });
    expect(at.accessToken).toMatch(/^[0-9a-f]+$/);
    expect(at.accessTokenSecret).toMatch(/^[0-9a-f]+$/);

    emu.clearRequests();
    const client = new Discogs({ baseUrl: emu.url, consumerKey, consumerSecret, ...at, rateLimit: false });
    expect(client.authMode).toBe("oauth");
    const order = await client.marketplace.orders.get("1-1");
    expect(order.id).toBe("1-1");
    const rating = await client.releases.get(249504).rating.update("example", 5);
    expect(rating.rating).toBe(5);
    expect(emu.requests.map((r) => [r.auth, r.signatureValid, r.username, r.status])).toEqual([
      ["oauth", true, "example", 200],
      ["oauth", true, "example", 200],
    ]);
    await client.close();
  });

  it("emu.authorize() and PLAINTEXT signatures", async () => {
    const rt = await getRequestToken({
      consumerKey,
      consumerSecret,
      signatureMethod: "PLAINTEXT",
      ...requestTransport(),
    });
    expect(oauthOf(0)).toMatchObject({
      oauth_signature_method: "PLAINTEXT",
      oauth_signature: `${consumerSecret}&`,
    });
    const verifier = emu.authorize(rt.token);
    const at = await getAccessToken({
      consumerKey,
      consumerSecret,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier,
      signatureMethod: "PLAINTEXT",
      ...transport(),
    });
    expect(oauthOf(1).oauth_signature).toBe(`${consumerSecret}&${rt.tokenSecret}`);
    const client = new Discogs({ baseUrl: emu.url, consumerKey, consumerSecret, ...at, rateLimit: false });
    expect((await client.marketplace.fee.get({ price: 10 })).value).toBe(0.8);
    expect(emu.requests.at(-1)).toMatchObject({ auth: "oauth", username: "example" });
    await client.close();
  });

  it("a callback URL is sent and the authorize page redirects to it with the verifier", async () => {
    const rt = await getRequestToken({
      consumerKey,
      consumerSecret,
      callbackUrl: "https://myapp.example/callback?state=1",
      ...requestTransport(),
    });
    expect(oauthOf(0).oauth_callback).toBe("https://myapp.example/callback?state=1");
    const res = await fetch(rt.authorizeUrl, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://myapp.example/callback");
    expect(location.searchParams.get("oauth_token")).toBe(rt.token);
    const verifier = location.searchParams.get("oauth_verifier")!;
    const at = await getAccessToken({
      consumerKey,
      consumerSecret,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier,
      ...transport(),
    });
    expect(at.accessToken).toBeTruthy();
  });

  it("the authorize URL defaults to www.discogs.com", async () => {
    const rt = await getRequestToken({ consumerKey, consumerSecret, baseUrl: emu.url, rateLimit: false });
    expect(rt.authorizeUrl).toBe(`https://www.discogs.com/oauth/authorize?oauth_token=${rt.token}`);
  });

  it("uses the transport: a custom fetch, retries of the request-token GET, no retry of the access-token POST", async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    emu.faults.add({ kind: "status", status: 503, path: "/oauth/request_token", times: 1 });
    const rt = await getRequestToken({
      consumerKey,
      consumerSecret,
      fetch: countingFetch,
      ...requestTransport(),
    });
    expect(calls).toBe(2);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 200]);

    emu.clearRequests();
    emu.faults.add({ kind: "status", status: 503, path: "/oauth/access_token", times: 1 });
    const err = await getAccessToken({
      consumerKey,
      consumerSecret,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier: emu.authorize(rt.token),
      ...transport(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscogsAPIError);
    expect((err as DiscogsAPIError).status).toBe(503);
    expect(emu.requests).toHaveLength(1);
  });

  it("raises the SDK's typed errors", async () => {
    const rt = await getRequestToken({ consumerKey, consumerSecret, ...requestTransport() });
    emu.authorize(rt.token);
    const wrongVerifier = await getAccessToken({
      consumerKey,
      consumerSecret,
      requestToken: rt.token,
      requestTokenSecret: rt.tokenSecret,
      verifier: "not-the-verifier",
      ...transport(),
    }).catch((e: unknown) => e);
    expect(wrongVerifier).toBeInstanceOf(AuthenticationError);
    expect((wrongVerifier as AuthenticationError).message).toMatch(/Invalid verifier/);

    const badSecret = await getRequestToken({
      consumerKey,
      consumerSecret: "wrong",
      ...requestTransport(),
    }).catch((e: unknown) => e);
    expect(badSecret).toBeInstanceOf(AuthenticationError);

    const pinned = await startEmulator({
      rateLimit: false,
      credentials: { consumers: [{ key: "known", secret: "s" }] },
    });
    try {
      const unknown = await getRequestToken({
        consumerKey: "unknown",
        consumerSecret: "s",
        baseUrl: pinned.url,
        rateLimit: false,
      }).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(AuthenticationError);
      expect((unknown as AuthenticationError).message).toBe("HTTP 401: Invalid consumer.");
    } finally {
      await pinned.close();
    }
  });

  it("rejects bad arguments before any request", async () => {
    const base = { consumerKey, consumerSecret, ...transport() };
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => getRequestToken({ ...base, consumerKey: "" }), /^consumerKey is required/],
      [() => getRequestToken({ ...base, consumerSecret: undefined as never }), /^consumerSecret is required/],
      [() => getRequestToken({ ...base, callbackUrl: "" }), /^callbackUrl must be a non-empty string/],
      [
        () => getRequestToken({ ...base, authorizeBaseUrl: "not a url" }),
        /^authorizeBaseUrl must be an absolute URL/,
      ],
      [() => getRequestToken({ ...base, signatureMethod: "RSA-SHA1" as never }), /^signatureMethod must be/],
      [() => getRequestToken({ ...base, baseUrl: "ftp://x" }), /^baseUrl must use http or https/],
      [() => getRequestToken(undefined as never), /^consumerKey is required/],
      [() => getRequestToken("ck" as never), /^options must be an object/],
      [
        () => getAccessToken({ ...base, requestToken: "t", requestTokenSecret: "s", verifier: "" }),
        /^verifier is required/,
      ],
      [
        () => getAccessToken({ ...base, requestToken: "", requestTokenSecret: "s", verifier: "v" }),
        /^requestToken is required/,
      ],
      [
        () => getAccessToken({ ...base, requestToken: "t", requestTokenSecret: 5 as never, verifier: "v" }),
        /^requestTokenSecret is required/,
      ],
    ];
    for (const [fn, message] of cases) {
      await expect(fn()).rejects.toThrow(TypeError);
      await expect(fn()).rejects.toThrow(message);
    }
    expect(emu.requests).toHaveLength(0);
  });
});
