// The CommonJS build (dist/index.cjs), loaded with require("discogs-sdk") through the package's self-reference:
// the quickstart's key lines. Run by test/runtimes.test.ts with DISCOGS_BASE_URL and DISCOGS_TOKEN set.
/* eslint-disable @typescript-eslint/no-require-imports -- this fixture checks the require() entry point */
const { Discogs } = require("discogs-sdk");

async function main() {
  const client = new Discogs({
    baseUrl: process.env.DISCOGS_BASE_URL,
    userAgent: "discogs-sdk-examples/1.0",
  });
  try {
    const release = await client.releases.get(352665);
    console.log(`${release.title} (${release.year})`);
    for (const result of await client
      .search({ query: "Nine Inch Nails", type: "artist" })
      .toArray({ limit: 3 })) {
      console.log(`  [${result.type}] ${result.title}`);
    }
    console.log(`entry: ${require.resolve("discogs-sdk")}`);
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
