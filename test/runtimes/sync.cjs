// discogs-sdk/sync from the BUILT package's CommonJS build (require), through the package's self-reference.
// Run by test/sync-runtimes.test.ts with DISCOGS_BASE_URL and DISCOGS_TOKEN set. It never calls close().
/* eslint-disable @typescript-eslint/no-require-imports -- this fixture checks the require() entry point */
const { DiscogsSync } = require("discogs-sdk/sync");
const { NotFoundError } = require("discogs-sdk");

const client = new DiscogsSync({ baseUrl: process.env.DISCOGS_BASE_URL, userAgent: "discogs-sdk-sync/1.0" });
const release = client.releases.get(352665);
console.log(`${release.title} (${release.year})`);
const rating = client.releases.get(352665).rating.get();
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
console.log(`entry: ${require.resolve("discogs-sdk/sync")}`);
