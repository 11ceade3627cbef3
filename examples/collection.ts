/**
 * Your collection and wantlist: folders, items, custom fields, value, wants, lists; then adding a release to a
 * new folder, rating it, writing a note on it, wanting a release, and undoing all of it.
 *
 * Against the real API (no DISCOGS_BASE_URL) the writes only run with DISCOGS_EXAMPLES_WRITE=1; everything they
 * create is removed at the end (a release you already wanted stays in your wantlist).
 *
 * Real API:  DISCOGS_TOKEN=your-token npx tsx examples/collection.ts
 * Emulator:  npm run demo -- collection
 */
import { Discogs } from "discogs-sdk";

await using client = new Discogs({
  baseUrl: process.env.DISCOGS_BASE_URL,
  userAgent: "discogs-sdk-examples/1.0",
});
const writes = Boolean(process.env.DISCOGS_BASE_URL) || process.env.DISCOGS_EXAMPLES_WRITE === "1";

const { username } = await client.user.identity();
const user = client.users.get(username);
const profile = await user;
console.log(
  `${profile.username}: ${profile.num_collection ?? 0} in collection, ${profile.num_wantlist ?? 0} wanted`,
);

// --- Folders and items ---------------------------------------------------------------------------------------
const folders = await user.collection.folders.list(); // an array: Discogs does not paginate folders
console.log(`\nFolders:`);
for (const f of folders) console.log(`  ${String(f.id).padStart(4)} ${f.name} (${f.count ?? 0})`);

console.log(`\nRecently added (folder 0 = "All"):`);
const recent = user.collection.folders.get(0).releases.list({ sort: "added", sort_order: "desc" });
for (const item of await recent.toArray({ limit: 3 })) {
  const info = item.basic_information;
  const artists = (info.artists ?? []).map((a) => a.name).join(", ");
  console.log(`  ${artists} - ${info.title} (${info.year}), rated ${item.rating}/5`);
}

const value = await user.collection.value.get();
console.log(`\nCollection value: minimum ${value.minimum}, median ${value.median}, maximum ${value.maximum}`);
const fields = await user.collection.fields.list();
console.log(`Custom fields: ${fields.map((f) => `${f.name} (${f.type})`).join(", ")}`);

// --- Wantlist: walk every page -------------------------------------------------------------------------------
let wants = 0;
let alreadyWanted = false;
for await (const want of user.wantlist.list()) {
  wants++;
  if (want.id === 352665) alreadyWanted = true;
  if (wants <= 3) console.log(`  want: ${want.basic_information.title} (${want.basic_information.year})`);
}
console.log(`Wantlist: ${wants} releases`);

// --- Lists ---------------------------------------------------------------------------------------------------
const lists = await user.lists.list().toArray({ limit: 2 });
for (const summary of lists) {
  const list = await client.lists.get(summary.id);
  console.log(`List "${list.name}": ${list.items?.length ?? 0} items`);
}

// --- Writes --------------------------------------------------------------------------------------------------
if (!writes) {
  console.log(`\n(Skipping the writes: set DISCOGS_EXAMPLES_WRITE=1 to run them on your account.)`);
} else {
  const folder = await user.collection.folders.create({ name: "discogs-sdk example" });
  console.log(`\nCreated folder ${folder.id} "${folder.name}"`);

  const folderReleases = user.collection.folders.get(folder.id).releases;
  const { instance_id } = await folderReleases.create({ release_id: 352665 });
  console.log(`  added The Downward Spiral as instance ${instance_id}`);
  const instances = folderReleases.get(352665).instances;
  await instances.update(instance_id, { rating: 5 });
  const notes = fields.find((f) => f.type === "textarea");
  if (notes) {
    await instances.get(instance_id).fields.update({ field_id: notes.id, value: "Signed copy" });
    console.log(`  set "${notes.name}" to "Signed copy" and the rating to 5`);
  }
  const copies = await user.collection.releases.get(352665).list().toArray({ limit: 100 });
  console.log(`  you now have ${copies.length} cop${copies.length === 1 ? "y" : "ies"} of it`);

  await instances.delete(instance_id);
  await user.collection.folders.delete(folder.id); // a folder must be empty to be deleted
  console.log(`  removed instance ${instance_id} and folder ${folder.id}`);

  const want = await user.wantlist.create({ release_id: 352665, notes: "Original pressing", rating: 4 });
  console.log(`Wanted ${want.basic_information.title}: "${want.notes}", rating ${want.rating}`);
  const updated = await user.wantlist.update(352665, { notes: "Original US pressing" });
  console.log(`  notes now "${updated.notes}"`);
  if (!alreadyWanted) {
    await user.wantlist.delete(352665);
    console.log(`  removed it from the wantlist again`);
  }
}
