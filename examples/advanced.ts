/**
 * Advanced: typed errors, retries and timeouts with a custom fetch, the response cache, inventory exports
 * (request, follow, download as text, bytes or a stream) and inventory uploads from CSV.
 *
 * Against the real API (no DISCOGS_BASE_URL) it requests an export only with DISCOGS_EXAMPLES_WRITE=1 (otherwise
 * it downloads your latest finished one, if any) and never uploads (an upload lists records for sale).
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/advanced.ts
 * Emulator:  npm run demo -- advanced
 */
import {
  Discogs,
  DiscogsAPIError,
  DiscogsTimeoutError,
  NotFoundError,
  RateLimitError,
  type Export,
} from "discogs-sdk";

const baseUrl = process.env.DISCOGS_BASE_URL;
const userAgent = "discogs-sdk-examples/1.0";
const emulated = Boolean(baseUrl);
const writes = emulated || process.env.DISCOGS_EXAMPLES_WRITE === "1";

await using client = new Discogs({ baseUrl, userAgent });

// --- Typed errors --------------------------------------------------------------------------------------------
console.log("Errors:");
try {
  await client.releases.get(999999999);
} catch (err) {
  if (err instanceof NotFoundError) {
    console.log(
      `  NotFoundError: HTTP ${err.status} "${err.message}" on ${err.method} ${new URL(err.url).pathname}`,
    );
  } else if (err instanceof RateLimitError) {
    console.log(`  rate limited, retry after ${err.retryAfter}s`);
  } else if (err instanceof DiscogsAPIError) {
    console.log(`  HTTP ${err.status}: ${err.message}`); // every HTTP error: status, message, body, headers
  } else throw err;
}
try {
  // Bad input is rejected before any request is sent.
  await client.releases.get(352665).rating.update("example", 6);
} catch (err) {
  if (!(err instanceof TypeError)) throw err;
  console.log(`  TypeError before sending: ${err.message}`);
}

// --- A custom fetch: logging, a flaky network, retries -------------------------------------------------------
// Auth, User-Agent, timeouts, retries and rate limiting all still apply around your fetch.
let calls = 0;
const flakyFetch: typeof fetch = async (input, init) => {
  calls++;
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (calls === 1) {
    console.log(`  fetch #${calls} ${init?.method ?? "GET"} ${url.pathname} -> 503 (simulated outage)`);
    return new Response(JSON.stringify({ message: "Service Unavailable" }), { status: 503 });
  }
  const res = await fetch(input, init);
  console.log(`  fetch #${calls} ${init?.method ?? "GET"} ${url.pathname} -> ${res.status}`);
  return res;
};
console.log("Custom fetch with a retry:");
{
  await using flaky = new Discogs({
    baseUrl,
    userAgent,
    fetch: flakyFetch,
    retry: { baseDelayMs: 200 }, // backoff: random(0, min(maxDelayMs, 200 ms x 2^attempt))
    hooks: {
      onRetry: (e) =>
        console.log(`  retry ${e.attempt} after ${e.reason}, waiting ${Math.round(e.delayMs)} ms`),
    },
  });
  const master = await flaky.masters.get(3719);
  console.log(`  got "${master.title}" after ${calls} attempts`);
}

// A fetch that never answers shows the per-attempt timeout.
const stalledFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) =>
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
  );
{
  await using stalled = new Discogs({ baseUrl, userAgent, fetch: stalledFetch, timeout: 300, maxRetries: 0 });
  try {
    await stalled.releases.get(352665);
  } catch (err) {
    if (!(err instanceof DiscogsTimeoutError)) throw err;
    console.log(`  DiscogsTimeoutError after ${err.timeout} ms (${err.name})`);
  }
}

// --- The response cache --------------------------------------------------------------------------------------
let httpRequests = 0;
{
  await using cached = new Discogs({
    baseUrl,
    userAgent,
    cache: true, // in memory; `cacheDir: ".cache"` keeps it in SQLite (needs better-sqlite3)
    cacheTtl: 10 * 60_000,
    hooks: { onResponse: () => void httpRequests++ },
  });
  const first = await cached.artists.get(3857);
  const second = await cached.artists.get(3857); // a new lazy resource, served from the cache
  const third = await cached.artists.get(3857, { cache: false }); // bypasses the cache
  console.log("Cache:");
  console.log(`  3 loads of "${first.name}" (${second.id}, ${third.id}): ${httpRequests} HTTP requests`);
  await cached.clearCache();
  await cached.artists.get(3857);
  console.log(`  after clearCache(): ${httpRequests} HTTP requests`);
}

// --- Inventory exports ---------------------------------------------------------------------------------------
console.log("Inventory export:");
let job: Export | undefined;
if (writes) {
  const { id } = await client.exports.request();
  // Discogs builds the file in the background: follow the job until it is done.
  for (let i = 0; i < 30; i++) {
    job = await client.exports.get(id);
    if (job.status === "success") break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  console.log(`  requested export ${id}: ${job?.status}`);
} else {
  for await (const e of client.exports.list()) {
    if (e.status === "success") {
      job = e;
      break;
    }
  }
}
if (job?.status === "success") {
  const csv = await client.exports.download(job.id);
  const [header, ...rows] = csv.trim().split("\n");
  console.log(
    `  ${job.filename}: ${rows.length} listings, columns ${header?.split(",").slice(0, 4).join(", ")}, ...`,
  );
  const bytes = await client.exports.download(job.id, { as: "bytes" });
  let streamed = 0;
  const stream = await client.exports.download(job.id, { as: "stream" });
  for await (const chunk of stream) streamed += chunk.byteLength;
  console.log(`  the same file as bytes: ${bytes.byteLength} B; as a stream: ${streamed} B`);
} else {
  console.log("  no finished export to download");
}

// --- Inventory uploads ---------------------------------------------------------------------------------------
console.log("Inventory upload:");
if (!emulated) {
  console.log("  skipped against the real API (an upload lists records for sale)");
} else {
  const me = await client.user.identity();
  const csv =
    "release_id,price,media_condition,external_id\n352665,25.00,Very Good Plus (VG+),sdk-example-1\n";
  const added = await client.uploads.create(csv); // also: a Blob, bytes, or { path: "./inventory.csv" } on Node
  const upload = await client.uploads.get(added.id);
  console.log(`  upload ${added.id} (${upload.type}): ${upload.status}, "${upload.results}"`);
  const inventory = client.users.get(me.username).inventory.list({ sort: "listed", sort_order: "desc" });
  const listings = await inventory.toArray({ limit: 100 });
  const listing = listings.find((l) => l.external_id === "sdk-example-1");
  if (listing) {
    console.log(
      `  it listed #${listing.id}: ${listing.release?.description}, ${listing.price?.value} ${listing.price?.currency}`,
    );
    const removed = await client.uploads.delete(
      new Blob([`listing_id\n${listing.id}\n`], { type: "text/csv" }),
    );
    console.log(`  upload ${removed.id} deleted it again: ${(await client.uploads.get(removed.id)).status}`);
  }
  let count = 0;
  for await (const _u of client.uploads.list()) count++;
  console.log(`  ${count} uploads on record`);
}
