import { Discogs } from "discogs-sdk";
const client = new Discogs({ baseUrl: process.env.DISCOGS_BASE_URL, userAgent: "discogs-sdk-examples/1.0" });
const release = await client.releases.get(352665);
console.log(`${release.title} (${release.year})`);
