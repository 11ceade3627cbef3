/**
 * Preloaded into the docs-blocks runner (`node --import tsx --import ./register.mjs`), and so into every worker
 * thread it starts: resolves `discogs-sdk` and its subpaths as the harness's resolution map says (see
 * hooks.mjs), and keeps the blocks offline: a fetch to anything but a loopback address fails with a message
 * saying so, instead of reaching api.discogs.com.
 */
import { register } from "node:module";

const map = process.env.DOCS_BLOCKS_RESOLVE;
if (!map) throw new Error("register.mjs: DOCS_BLOCKS_RESOLVE (the resolution map file) is not set");
register("./hooks.mjs", import.meta.url, { data: { map } });

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const realFetch = globalThis.fetch;
globalThis.fetch = function fetch(input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  if (!LOOPBACK.has(url.hostname)) {
    return Promise.reject(
      new TypeError(
        `docs blocks run offline, against the emulator: a block tried to reach ${url.origin} ` +
          "(a client whose baseUrl was set to something other than the emulator's?)",
      ),
    );
  }
  return realFetch.call(this, input, init);
};
