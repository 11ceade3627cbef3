/**
 * The database: releases and their sub-resources, masters and versions, artists, labels, search, pagination.
 * Read-only.
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/database.ts
 * Emulator:  npm run demo -- database
 */
import { Discogs } from "discogs-sdk";

await using client = new Discogs({
  baseUrl: process.env.DISCOGS_BASE_URL,
  userAgent: "discogs-sdk-examples/1.0",
});

// --- A release and its sub-resources -------------------------------------------------------------------------
const release = await client.releases.get(352665);
console.log(`Release ${release.id}: ${release.title} (${release.year}, ${release.country})`);
for (const label of release.labels ?? []) {
  console.log(`  label: ${label.name} ${label.catalog_number ?? ""}`.trimEnd());
}
for (const format of release.formats ?? []) {
  console.log(`  format: ${format.quantity} x ${format.name} (${(format.descriptions ?? []).join(", ")})`);
}
const tracks = release.tracklist ?? [];
console.log(`  tracklist (${tracks.length} tracks):`);
for (const track of tracks.slice(0, 3)) {
  console.log(`    ${track.position}. ${track.title} ${track.duration}`);
}

// Chained sub-resources cost one request each; the release itself is not fetched again.
const stats = await client.releases.get(352665).stats.get();
const market = await client.releases.get(352665).marketplaceStats.get({ curr_abbr: "EUR" });
console.log(`  in ${stats.num_have} collections and ${stats.num_want} wantlists`);
const lowest = market.lowest_price;
console.log(`  ${market.num_for_sale} for sale, from ${lowest ? `${lowest.value} ${lowest.currency}` : "-"}`);

// --- A master and its versions -------------------------------------------------------------------------------
const master = await client.masters.get(3719);
console.log(`\nMaster ${master.id}: ${master.title} (${master.year}), main release ${master.main_release}`);
const vinyl = client.masters.get(3719).versions.list({ format: "Vinyl", sort: "released" });
const versions = await vinyl.toArray({ limit: 5 });
console.log(`  first ${versions.length} vinyl versions:`);
for (const v of versions) {
  console.log(`    ${v.released ?? "?"} ${v.country ?? "?"} ${v.label ?? ""} [${v.format}]`);
}

// --- An artist and their releases, page by page --------------------------------------------------------------
const artist = await client.artists.get(3857);
console.log(`\nArtist ${artist.id}: ${artist.name}`);
const members = (artist.members ?? []).map((m) => (typeof m === "string" ? m : m.name));
console.log(`  members: ${members.join(", ")}`);
let pages = 0;
let items = 0;
const discography = client.artists.get(3857).releases.list({ sort: "year", sort_order: "asc" });
for await (const page of discography.pages()) {
  pages++;
  items += page.items.length;
  if (pages === 1) {
    console.log(`  ${page.pagination.items} releases on ${page.pagination.pages} pages; the earliest:`);
    for (const r of page.items.slice(0, 3)) console.log(`    ${r.year} ${r.title} (${r.type}, ${r.role})`);
  }
  if (pages === 2) break; // stop early: nothing more is fetched
}
console.log(`  read ${items} items from ${pages} pages`);

// --- A label -------------------------------------------------------------------------------------------------
const label = await client.labels.get(647);
console.log(`\nLabel ${label.id}: ${label.name} (${label.sub_labels?.length ?? 0} sub-labels)`);
for (const r of await client.labels.get(647).releases.list().toArray({ limit: 3 })) {
  console.log(`  ${r.catalog_number} ${r.artist} - ${r.title} (${r.year})`);
}

// --- Search --------------------------------------------------------------------------------------------------
console.log(`\nSearch: release "Pretty Hate Machine", 1989:`);
const search = client.search({ query: "Pretty Hate Machine", type: "release", year: "1989" });
for (const r of await search.toArray({ limit: 3 })) {
  console.log(`  [${r.type}] ${r.title} (${r.country ?? "?"}, ${(r.format ?? []).join(", ")})`);
}
console.log(`Search: artist "Nine Inch Nails":`);
for await (const r of client.search({ query: "Nine Inch Nails", type: "artist" })) {
  console.log(`  [${r.type}] ${r.title} (id ${r.id})`);
  break; // the first result is enough
}
