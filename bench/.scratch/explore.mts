import { startEmulator } from "/work/main/src/testing/index.ts";
const emu = await startEmulator({ rateLimit: false });
const h = { Authorization: "Discogs token=abc", "User-Agent": "x" };
for (const p of ["/releases/5000000", "/database/search?per_page=100", "/database/search?q=Pretty+Hate+Machine&type=release&year=1989&per_page=100", "/users/360vinyl/inventory?per_page=100", "/users/example/wants?per_page=100", "/users/example/collection/folders", "/users/example/collection/folders/0/releases?per_page=100", "/artists/3857/releases?per_page=100&sort=year&sort_order=desc", "/masters/3719/versions?format=Vinyl&country=US&per_page=100", "/releases/352665", "/releases/352665/rating"]) {
  const r = await fetch(emu.url + p, { headers: h });
  const t = await r.text();
  let j: any; try { j = JSON.parse(t); } catch {}
  console.log(r.status, p, t.length, j?.pagination ? JSON.stringify({ ...j.pagination, urls: undefined }) : "", j?.tracklist?.length ?? "");
}
console.log("listings", emu.state.listings.size, "wants", emu.state.wants.get("example")?.size, "coll", emu.state.collection.get("example")?.length, "releases", emu.state.releases.size);
await emu.close();
