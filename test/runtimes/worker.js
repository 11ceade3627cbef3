/* global Response */
/**
 * The Workers fixture of test/runtimes.test.ts. The test inserts examples/quickstart.ts, bundled by esbuild
 * with the built package, in place of the QUICKSTART_BUNDLE comment below. Workers allow I/O (fetch) only while
 * handling a request, so the example's top-level code runs inside `run`, called from `fetch`; its `console` is
 * the parameter, which collects the lines the worker answers with.
 */

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by the bundle inserted below
async function run(console) {
  /* QUICKSTART_BUNDLE */
}

export default {
  async fetch(_request, env) {
    const lines = [];
    const collect =
      (prefix) =>
      (...args) =>
        lines.push(prefix + args.join(" "));
    const console = { log: collect(""), info: collect(""), warn: collect("WARN "), error: collect("ERROR ") };
    // The quickstart (and the SDK's credential lookup) read process.env, as on Node.
    globalThis.process = {
      env: { DISCOGS_BASE_URL: env.DISCOGS_BASE_URL, DISCOGS_TOKEN: env.DISCOGS_TOKEN },
    };
    try {
      await run(console);
    } catch (error) {
      lines.push("FAILED " + (error && error.stack ? error.stack : String(error)));
      return new Response(lines.join("\n") + "\n", { status: 500 });
    }
    return new Response(lines.join("\n") + "\n", {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
