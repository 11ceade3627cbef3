/**
 * The marketplace: a release's market, your inventory, a listing's life cycle (create, edit, delete), orders and
 * their messages, the seller fee.
 *
 * The listing it creates is deleted at the end. Against the real API (no DISCOGS_BASE_URL) the writes only run
 * with DISCOGS_EXAMPLES_WRITE=1, since they list a record for sale on your account for a moment.
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/marketplace.ts
 * Emulator:  npm run demo -- marketplace
 */
import { Discogs, DiscogsAPIError } from "discogs-sdk";

await using client = new Discogs({
  baseUrl: process.env.DISCOGS_BASE_URL,
  userAgent: "discogs-sdk-examples/1.0",
});
const writes = Boolean(process.env.DISCOGS_BASE_URL) || process.env.DISCOGS_EXAMPLES_WRITE === "1";

const me = await client.user.identity();
console.log(`Signed in as ${me.username}`);

// --- A release's market --------------------------------------------------------------------------------------
const stats = await client.releases.get(352665).marketplaceStats.get({ curr_abbr: "USD" });
const lowest = stats.lowest_price ? `${stats.lowest_price.value} ${stats.lowest_price.currency}` : "-";
console.log(`The Downward Spiral: ${stats.num_for_sale ?? 0} for sale, lowest ${lowest}`);
try {
  // Needs seller settings on your account (Discogs answers 404/403 otherwise).
  const suggestions = await client.releases.get(352665).priceSuggestions.get();
  const vgPlus = suggestions["Very Good Plus (VG+)"];
  if (vgPlus) console.log(`  suggested price for VG+: ${vgPlus.value.toFixed(2)} ${vgPlus.currency}`);
} catch (err) {
  if (!(err instanceof DiscogsAPIError)) throw err;
  console.log(`  no price suggestions (HTTP ${err.status}: ${err.message})`);
}
const fee = await client.marketplace.fee.get({ price: 25, currency: "USD" });
console.log(`  Discogs' fee on a 25.00 USD sale: ${fee.value.toFixed(2)} ${fee.currency}`);

// --- Your inventory ------------------------------------------------------------------------------------------
const inventory = client.users.get(me.username).inventory.list({ sort: "price", sort_order: "desc" });
const top = await inventory.toArray({ limit: 3 });
console.log(`\nYour most expensive listings:`);
for (const l of top) {
  console.log(`  #${l.id} ${l.release?.description} - ${l.price?.value} ${l.price?.currency} [${l.status}]`);
}

// --- A listing's life cycle ----------------------------------------------------------------------------------
if (writes) {
  const created = await client.marketplace.listings.create({
    release_id: 352665,
    condition: "Very Good Plus (VG+)",
    sleeve_condition: "Very Good (VG)",
    price: 25.0,
    status: "Draft", // a draft is not visible to buyers
    comments: "Created by the discogs-sdk marketplace example",
  });
  console.log(`\nCreated listing ${created.listing_id}`);
  // Only `price` given: the SDK reads the listing and keeps every other field as it is.
  await client.marketplace.listings.update(created.listing_id, { price: 22.5 });
  const listing = await client.marketplace.listings.get(created.listing_id);
  console.log(
    `  now: ${listing.status}, ${listing.condition}, ${listing.price?.value} ${listing.price?.currency}`,
  );
  await client.marketplace.listings.delete(created.listing_id);
  console.log(`  deleted listing ${created.listing_id}`);
} else {
  console.log(
    `\n(Skipping the listing create/edit/delete: set DISCOGS_EXAMPLES_WRITE=1 to run it on your account.)`,
  );
}

// --- Orders --------------------------------------------------------------------------------------------------
const recentOrders = client.marketplace.orders.list({ sort: "last_activity", sort_order: "desc" });
const orders = await recentOrders.toArray({ limit: 3 });
console.log(`\nRecent orders:`);
if (orders.length === 0) console.log("  (none)");
for (const order of orders) {
  const items = order.items?.length ?? 0;
  console.log(
    `  Order ${order.id}: ${order.status}, ${items} item(s), total ${order.total?.value} ${order.total?.currency}`,
  );
}
const first = orders[0];
if (first) {
  const messages = await client.marketplace.orders.get(first.id).messages.list().toArray({ limit: 2 });
  console.log(`  latest messages of order ${first.id}:`);
  for (const m of messages)
    console.log(`    ${m.timestamp ?? ""} ${m.message?.split("\n")[0] ?? ""}`.trimEnd());
}
