/* global postMessage, Worker, Blob, document */
// Bundled for the browser by test/sync-runtimes.test.ts: DiscogsSync on a page's main thread and in a module
// Web Worker. Neither can block on a worker thread of Node's kind, so the constructor must throw, pointing to
// Discogs. Reports through globalThis.report(where, message).
import { DiscogsSync } from "discogs-sdk/sync";

function attempt() {
  try {
    new DiscogsSync({ baseUrl: "http://127.0.0.1:9" });
    return "constructed (unexpected)";
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}

if (typeof document === "undefined") {
  postMessage(attempt()); // inside the Web Worker
} else {
  globalThis.report("main", attempt());
  const worker = new Worker(URL.createObjectURL(new Blob([globalThis.BUNDLE], { type: "text/javascript" })), {
    type: "module",
  });
  worker.onmessage = (e) => globalThis.report("worker", e.data);
  worker.onerror = (e) => globalThis.report("worker", `error: ${e.message}`);
}
