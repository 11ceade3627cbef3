/**
 * Concurrency and cancellation: fire many requests at once and let the rate limiter pace them (no 429s), run
 * paginators side by side, and cancel work with an AbortSignal (in flight, queued, or mid-pagination).
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/concurrency.ts
 * Emulator:  npm run demo -- concurrency
 */
import { Discogs, DiscogsAbortError } from "discogs-sdk";

let sent = 0;
let rateLimited = 0;
let throttled = 0;
await using client = new Discogs({
  baseUrl: process.env.DISCOGS_BASE_URL,
  userAgent: "discogs-sdk-examples/1.0",
  hooks: {
    onRequest: () => void sent++,
    onRateLimited: () => void rateLimited++, // a 429 from Discogs: the limiter is there so this stays 0
    onThrottled: () => void throttled++, // the limiter held a request back to stay within the budget
  },
});

// --- Many requests at once -----------------------------------------------------------------------------------
// Every request goes through one limiter per process and API tier: starting 25 at once is fine, they are released
// as fast as Discogs' moving window allows (all at once while the budget lasts, then paced).
const discography = await client.artists.get(3857).releases.list({ sort: "year" }).toArray({ limit: 100 });
const ids = discography.filter((r) => r.type === "release").map((r) => r.id);
ids.length = Math.min(ids.length, 25);
const started = performance.now();
const releases = await Promise.all(ids.map((id) => client.releases.get(id)));
const ms = Math.round(performance.now() - started);
console.log(`Fetched ${releases.length} releases concurrently in ${ms} ms`);
for (const r of releases.slice(0, 3)) console.log(`  ${r.id}: ${r.title} (${r.year}, ${r.country ?? "?"})`);
const budget = client.rateLimit;
console.log(`  requests sent: ${sent}, 429 responses: ${rateLimited}, throttled: ${throttled}`);
console.log(`  budget: ${budget.used} used, ${budget.remaining} of ${budget.limit} left in this window`);

// Awaiting the same lazy resource twice, or from two places at once, sends one request.
const lazy = client.masters.get(3719);
const before = sent;
const [a, b] = await Promise.all([lazy, lazy]);
console.log(`Two awaits of one lazy master (${a.title} === ${b.title}): ${sent - before} request`);

// --- Paginators side by side ---------------------------------------------------------------------------------
const [labelReleases, versions] = await Promise.all([
  client.labels.get(647).releases.list().toArray({ limit: 150 }),
  client.masters.get(3719).versions.list().toArray({ limit: 150 }),
]);
console.log(`In parallel: ${labelReleases.length} label releases and ${versions.length} master versions`);

// --- Cancellation --------------------------------------------------------------------------------------------
// 1. A signal aborts everything that shares it: here a batch that is cancelled before it could finish.
const batch = new AbortController();
const pending = ids.slice(0, 10).map((id) => client.releases.get(id, {}, { signal: batch.signal }).fetch());
batch.abort(new Error("user pressed cancel"));
const settled = await Promise.allSettled(pending);
const isAbort = (s: PromiseSettledResult<unknown>) =>
  s.status === "rejected" && s.reason instanceof DiscogsAbortError;
const aborted = settled.filter(isAbort).length;
console.log(`Cancelled batch: ${aborted} of ${pending.length} requests rejected with DiscogsAbortError`);

// 2. Cancel a long pagination from elsewhere (a UI, a shutdown handler): the walk stops at the next item, the next
//    page is never fetched, and the loop ends with DiscogsAbortError.
const stop = new AbortController();
let seen = 0;
const pagesBefore = sent;
try {
  for await (const _release of client.artists.get(3857).releases.list({}, { signal: stop.signal })) {
    if (++seen === 50) stop.abort(); // e.g. the user closed the view while page 1 was being read
  }
} catch (err) {
  if (!(err instanceof DiscogsAbortError)) throw err;
  const pageRequests = sent - pagesBefore;
  console.log(`Pagination cancelled: ${seen} items read, ${pageRequests} page request sent (${err.name})`);
}

// 3. A deadline for a whole operation: AbortSignal.timeout() covers queueing, retries and every page.
try {
  const signal = AbortSignal.timeout(10_000);
  const all = await client.search({ query: "Nine Inch Nails" }, { signal }).toArray({ limit: 50 });
  console.log(`Search within a 10 s deadline: ${all.length} results`);
} catch (err) {
  if (!(err instanceof DiscogsAbortError)) throw err;
  console.log(`Search did not finish within 10 s (${err.name})`);
}
