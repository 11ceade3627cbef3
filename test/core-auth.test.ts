import crypto from "node:crypto";
import OAuth from "oauth-1.0a";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Discogs } from "../src/index";
import {
  hmacSha1Base64,
  oauthAuthorizationHeader,
  parseOAuthHeader,
  percentEncode,
  signatureBaseString,
} from "../src/core/oauth";
import { reply, startLocalServer, type LocalServer } from "./helpers/local-server";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
  server.respond(reply(200, {}));
});
afterAll(() => server.close());

const ENV = [
  "DISCOGS_TOKEN",
  "DISCOGS_CONSUMER_KEY",
  "DISCOGS_CONSUMER_SECRET",
  "DISCOGS_ACCESS_TOKEN",
  "DISCOGS_ACCESS_TOKEN_SECRET",
] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  server.requests.length = 0;
});
function clearEnv() {
  for (const k of ENV) delete process.env[k];
}

async function authHeaderOf(c: Discogs, path = "/oauth/identity") {
  await c._request({ method: "GET", path, options: {} });
  return server.requests.at(-1)!.headers.authorization;
}

describe("credential resolution", () => {
  it("reads every credential from the environment", async () => {
    clearEnv();
    process.env.DISCOGS_TOKEN = "env-token";
    const c = new Discogs({ baseUrl: server.url, rateLimit: false, validation: "off" });
    expect(c.authMode).toBe("token");
    expect(await authHeaderOf(c)).toBe("Discogs token=env-token");
  });

  it("an explicit option wins over the environment, and null means none", async () => {
    clearEnv();
    process.env.DISCOGS_TOKEN = "env-token";
    const c = new Discogs({ baseUrl: server.url, token: "explicit", rateLimit: false, validation: "off" });
    expect(await authHeaderOf(c)).toBe("Discogs token=explicit");
    const anon = new Discogs({ baseUrl: server.url, token: null, rateLimit: false, validation: "off" });
    expect(anon.authMode).toBe("none");
    expect(await authHeaderOf(anon)).toBeUndefined();
  });

  it("consumer key + secret from the environment", async () => {
    clearEnv();
    process.env.DISCOGS_CONSUMER_KEY = "ck";
    process.env.DISCOGS_CONSUMER_SECRET = "cs";
    const c = new Discogs({ baseUrl: server.url, rateLimit: false, validation: "off" });
    expect(c.authMode).toBe("key");
    expect(await authHeaderOf(c)).toBe("Discogs key=ck, secret=cs");
  });

  it("precedence: OAuth (all four) > token > key/secret", () => {
    clearEnv();
    const all = {
      consumerKey: "ck",
      consumerSecret: "cs",
      accessToken: "at",
      accessTokenSecret: "ats",
      token: "t",
    };
    expect(new Discogs(all).authMode).toBe("oauth");
    expect(new Discogs({ token: "t", consumerKey: "ck", consumerSecret: "cs" }).authMode).toBe("token");
    expect(new Discogs({ consumerKey: "ck", consumerSecret: "cs" }).authMode).toBe("key");
    expect(new Discogs({}).authMode).toBe("none");
  });

  it("an incomplete set throws at construction naming what is missing", () => {
    clearEnv();
    expect(() => new Discogs({ consumerKey: "ck" })).toThrow(/consumerSecret is missing/);
    expect(() => new Discogs({ consumerSecret: "cs" })).toThrow(/consumerKey is missing/);
    expect(() => new Discogs({ consumerKey: "ck", consumerSecret: "cs", accessToken: "at" })).toThrow(
      /accessTokenSecret is missing/,
    );
    expect(() => new Discogs({ consumerKey: "ck", consumerSecret: "cs", accessTokenSecret: "x" })).toThrow(
      /accessToken is missing/,
    );
    expect(() => new Discogs({ accessToken: "at", accessTokenSecret: "ats" })).toThrow(/need consumerKey/);
    // A mixed set from the environment is incomplete too.
    process.env.DISCOGS_CONSUMER_KEY = "ck";
    expect(() => new Discogs({ token: "t" })).toThrow(TypeError);
  });

  it("bad options are TypeErrors naming the option", () => {
    clearEnv();
    expect(() => new Discogs({ baseUrl: "not a url" })).toThrow(/baseUrl/);
    expect(() => new Discogs({ baseUrl: "ftp://x" })).toThrow(/baseUrl/);
    expect(() => new Discogs({ timeout: -1 })).toThrow(/timeout/);
    expect(() => new Discogs({ maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => new Discogs({ mediaType: "xml" as never })).toThrow(/mediaType/);
    expect(() => new Discogs({ validation: "loose" as never })).toThrow(/validation/);
    expect(() => new Discogs({ token: "" })).toThrow(/token/);
    expect(() => new Discogs({ userAgent: "" })).toThrow(/userAgent/);
    expect(() => new Discogs({ oauthSignatureMethod: "RSA-SHA1" as never })).toThrow(/oauthSignatureMethod/);
  });
});

describe("OAuth 1.0a signing", () => {
  it("matches RFC 5849 section 3.4.1.1's signature base string", () => {
    const url = new URL("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    const base = signatureBaseString(
      "POST",
      url,
      {
        oauth_consumer_key: "9djdj82h48djs9d2",
        oauth_token: "kkk9d7dh3k39sjv7",
        oauth_signature_method: "HMAC-SHA1",
        oauth_timestamp: "137131201",
        oauth_nonce: "7d8f3e4a",
      },
      [
        ["c2", ""],
        ["a3", "2 q"],
      ],
    );
    expect(base).toBe(
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    );
  });

  it("matches the RFC 5849 section 1.2 HMAC-SHA1 example signature", async () => {
    const url = new URL("http://photos.example.net/photos?file=vacation.jpg&size=original");
    const base = signatureBaseString("GET", url, {
      oauth_consumer_key: "dpf43f3p2l4k3l03",
      oauth_token: "nnch734d00sl2jdk",
      oauth_signature_method: "HMAC-SHA1",
      oauth_timestamp: "137131202",
      oauth_nonce: "chapoH",
    });
    expect(await hmacSha1Base64("kd94hf93k423kf44&pfkkdhi9sl3r4s00", base)).toBe(
      "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
    );
  });

  it("agrees with the independent oauth-1.0a package, query parameters included", async () => {
    const oauth = new OAuth({
      consumer: { key: "ck key", secret: "cs/secret" },
      signature_method: "HMAC-SHA1",
      hash_function: (base, key) => crypto.createHmac("sha1", key).update(base).digest("base64"),
    });
    const request = {
      url: "https://api.discogs.com/database/search?q=Nine%20Inch%20Nails&type=artist&per_page=100",
      method: "GET",
    };
    const token = { key: "at", secret: "ats+x" };
    const data = oauth.authorize(request, token);
    const ours = await oauthAuthorizationHeader({
      method: "GET",
      url: request.url,
      consumerKey: "ck key",
      consumerSecret: "cs/secret",
      token: "at",
      tokenSecret: "ats+x",
      nonce: data.oauth_nonce,
      timestamp: data.oauth_timestamp,
    });
    expect(parseOAuthHeader(ours)!.oauth_signature).toBe(data.oauth_signature);
  });

  it("signs every request afresh: seconds timestamp, nonce of at most 64 chars, valid HMAC", async () => {
    clearEnv();
    const c = new Discogs({
      baseUrl: server.url,
      consumerKey: "ck",
      consumerSecret: "cs",
      accessToken: "at",
      accessTokenSecret: "ats",
      rateLimit: false,
      validation: "off",
    });
    await c._request({ method: "GET", path: "/database/search", query: { q: "a b", page: 2 } });
    await c._request({ method: "GET", path: "/database/search", query: { q: "a b", page: 2 } });
    const [h1, h2] = server.requests.map((r) => parseOAuthHeader(r.headers.authorization!)!);
    expect(h1!.oauth_nonce).not.toBe(h2!.oauth_nonce);
    for (const h of [h1!, h2!]) {
      expect(h.oauth_signature_method).toBe("HMAC-SHA1");
      expect(h.oauth_nonce!.length).toBeLessThanOrEqual(64);
      expect(Math.abs(Number(h.oauth_timestamp) - Date.now() / 1000)).toBeLessThan(5);
      expect(h.oauth_consumer_key).toBe("ck");
      expect(h.oauth_token).toBe("at");
      // Verify independently with node:crypto.
      const url = new URL(server.url + server.requests[0]!.url);
      const params = Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith("oauth_")));
      const base = signatureBaseString("GET", url, params);
      const expected = crypto.createHmac("sha1", "cs&ats").update(base).digest("base64");
      expect(h.oauth_signature).toBe(expected);
    }
  });

  it("PLAINTEXT sends consumerSecret&tokenSecret, percent-encoded", async () => {
    clearEnv();
    const c = new Discogs({
      baseUrl: server.url,
      consumerKey: "ck",
      consumerSecret: "c&s",
      accessToken: "at",
      accessTokenSecret: "a ts",
      oauthSignatureMethod: "PLAINTEXT",
      rateLimit: false,
      validation: "off",
    });
    const header = await authHeaderOf(c);
    const p = parseOAuthHeader(header!)!;
    expect(p.oauth_signature_method).toBe("PLAINTEXT");
    expect(p.oauth_signature).toBe(`${percentEncode("c&s")}&${percentEncode("a ts")}`);
  });
});
