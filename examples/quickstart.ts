/**
 * Quick start: fetch a release, its community rating, and search the database.
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/quickstart.ts
 * Emulator:  npm run demo   (starts the bundled emulator and runs this file against it)
 */
import { Discogs } from "discogs-sdk";

// The token comes from DISCOGS_TOKEN; DISCOGS_BASE_URL points the client at the emulator (unset: api.discogs.com).
await using client = new Discogs({
  baseUrl: process.env.DISCOGS_BASE_URL,
  userAgent: "discogs-sdk-examples/1.0",
});

// `get` is lazy: the HTTP request fires on `await`.
const release = await client.releases.get(352665);
console.log(`${release.title} (${release.year})`);
console.log(`  by ${(release.artists ?? []).map((a) => a.name).join(", ")}`);
console.log(`  ${release.tracklist?.length ?? 0} tracks, genres: ${(release.genres ?? []).join(", ")}`);

// Sub-resources chain without fetching the parent: this is one request.
const { rating } = await client.releases.get(352665).rating.get();
console.log(`  community rating ${rating.average} / 5 from ${rating.count} votes`);

// Search returns a paginator; `toArray({ limit })` stops after `limit` results.
console.log(`\nSearch "Nine Inch Nails" (artists):`);
const results = await client.search({ query: "Nine Inch Nails", type: "artist" }).toArray({ limit: 3 });
for (const result of results) console.log(`  [${result.type}] ${result.title}`);

const { remaining, limit } = client.rateLimit;
console.log(`\nAuth mode: ${client.authMode}; rate limit: ${remaining}/${limit} requests left this minute`);
