// A child process of bench/sections/memory.ts: walks one paginated list with the built SDK and reports its
// memory as one JSON line. Run with --expose-gc:
//   node --expose-gc bench/children/memory-walk.mjs <dist/index.js URL> <base URL> <username> <walk|collect>
// "walk" streams every item with `for await` (what the SDK promises to keep flat); "collect" keeps every item
// in an array, the contrast that grows with the list.

const [distUrl, baseUrl, username, mode = "walk"] = process.argv.slice(2);
const gc = globalThis.gc;
if (typeof gc !== "function") throw new Error("run with --expose-gc");

const { Discogs } = await import(distUrl);
const client = new Discogs({ baseUrl, token: "bench", userAgent: "discogs-sdk-bench/1.0", rateLimit: false });

gc();
gc();
const start = process.memoryUsage();
let peakRss = start.rss;
let peakHeap = start.heapUsed;
let peakRetained = start.heapUsed;
let items = 0;
let pages = 0;
let checksum = 0;
const kept = [];

const sample = (afterGc) => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  if (afterGc && m.heapUsed > peakRetained) peakRetained = m.heapUsed;
};

for await (const page of client.users.get(username).inventory.list().pages()) {
  pages++;
  for (const listing of page.items) {
    items++;
    checksum += listing.price?.value ?? 0; // use the item, as an app would
    if (mode === "collect") kept.push(listing);
  }
  sample(false);
  if (pages % 5 === 0) {
    gc();
    sample(true);
  }
}
sample(false);
gc();
gc();
sample(true);
const end = process.memoryUsage();
await client.close();

process.stdout.write(
  JSON.stringify({
    mode,
    items,
    pages,
    kept: kept.length,
    checksum: Math.round(checksum),
    startRss: start.rss,
    startHeap: start.heapUsed,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    peakHeap,
    peakRetained,
    endHeap: end.heapUsed,
  }) + "\n",
);
