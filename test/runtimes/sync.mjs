// discogs-sdk/sync from the BUILT package (ESM build; Node, Bun and Deno run this same file), through the
// package's self-reference. Run by test/sync-runtimes.test.ts with DISCOGS_BASE_URL and DISCOGS_TOKEN set.
// It never calls close(): the process must exit on its own (the worker thread does not keep it alive).
import { DiscogsSync } from "discogs-sdk/sync";
import { NotFoundError } from "discogs-sdk";

const client = new DiscogsSync({ baseUrl: process.env.DISCOGS_BASE_URL, userAgent: "discogs-sdk-sync/1.0" });
const release = client.releases.get(352665); // a proxy: nothing sent yet
console.log(`${release.title} (${release.year})`); // the one GET
const rating = client.releases.get(352665).rating.get(); // one request (held by a latency fault)
console.log(`rating ${rating.rating.average} from ${rating.rating.count} votes`);
for (const r of client.search({ query: "Nine Inch Nails", type: "artist" })) {
  console.log(`[${r.type}] ${r.title}`);
  break;
}
try {
  console.log(client.releases.get(999999999).title);
} catch (e) {
  console.log(`not found: ${e instanceof NotFoundError} ${e.status}`);
}
console.log(`auth: ${client.authMode}`);
