/**
 * Requests per workflow: how many HTTP requests each workflow sends, read from the emulator's request log,
 * against the least number that can do the job.
 *
 * Workflows: those of the Python SDK's README (get a release and its title, search, the rating sub-resource,
 * an artist's releases, a master's versions, collection folders and browsing a folder, the wantlist), a lazy
 * chain, a deep chain that ends in a write, a full walk of a 1,000-item list, a repeated look-up with the cache
 * on, and ten concurrent identical look-ups.
 */

import { Discogs } from "../../src/index";
import { pagesNeeded, seedWantlist, startBenchEmulator } from "../lib/fixtures";
import type { Emulator } from "../../src/testing/index";
import { type SectionResult } from "../lib/util";

interface Workflow {
  name: string;
  /** The code, as a user writes it. */
  code: string;
  /** Options of the client the workflow gets (a fresh client each). */
  client?: Partial<ConstructorParameters<typeof Discogs>[0]>;
  /** The least possible number of requests, and why. */
  least: (emu: Emulator) => Promise<{ n: number; why: string }>;
  run: (client: Discogs) => Promise<unknown>;
}

const one = (why: string) => async () => ({ n: 1, why });

function pages(path: string) {
  return async (emu: Emulator) => {
    const { items, pages } = await pagesNeeded(emu, path);
    return { n: pages, why: `${items} items / 100 per page` };
  };
}

async function drain(it: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of it) n++;
  return n;
}

export async function requestsSection(): Promise<SectionResult> {
  const { emu } = await startBenchEmulator();
  try {
    seedWantlist(emu, "bench_wants", 1000);
    const instance = emu.state.collection.get("example")?.find((i) => i.folder_id > 0);
    const field = emu.state.fields.get("example")?.find((f) => f.type === "textarea");

    const workflows: Workflow[] = [
      {
        name: "Get a release and its title",
        code: "(await client.releases.get(352665)).title",
        least: one("one GET /releases/352665"),
        run: async (c) => (await c.releases.get(352665)).title,
      },
      {
        name: "Get a release, an artist, a master, a label",
        code: "await client.releases.get(352665); ...artists.get(3857); masters.get(3719); labels.get(647)",
        least: async () => ({ n: 4, why: "one GET each" }),
        run: async (c) =>
          Promise.all([c.releases.get(352665), c.artists.get(3857), c.masters.get(3719), c.labels.get(647)]),
      },
      {
        name: "Search (every result)",
        code: 'for await (r of client.search({ query: "Pretty Hate Machine", type: "release", year: "1989" }))',
        least: pages("/database/search?q=Pretty+Hate+Machine&type=release&year=1989"),
        run: (c) => drain(c.search({ query: "Pretty Hate Machine", type: "release", year: "1989" })),
      },
      {
        name: "Rating sub-resource (lazy chain)",
        code: "await client.releases.get(352665).rating.get()",
        least: one("one GET /releases/352665/rating; the release is never fetched"),
        run: async (c) => (await c.releases.get(352665).rating.get()).rating.average,
      },
      {
        name: "Artist releases, sorted (every item)",
        code: 'for await (r of client.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" }))',
        least: pages("/artists/3857/releases?sort=year&sort_order=desc"),
        run: (c) => drain(c.artists.get(3857).releases.list({ sort: "year", sort_order: "desc" })),
      },
      {
        name: "Master versions, filtered (every item)",
        code: 'for await (v of client.masters.get(3719).versions.list({ format: "Vinyl", country: "US" }))',
        least: pages("/masters/3719/versions?format=Vinyl&country=US"),
        run: (c) => drain(c.masters.get(3719).versions.list({ format: "Vinyl", country: "US" })),
      },
      {
        name: "Collection folders",
        code: 'await client.users.get("example").collection.folders.list()',
        least: one("one GET .../collection/folders"),
        run: (c) => c.users.get("example").collection.folders.list(),
      },
      {
        name: "Browse folder 0, sorted (every item)",
        code: 'for await (i of user.collection.folders.get(0).releases.list({ sort: "added" }))',
        least: pages("/users/example/collection/folders/0/releases?sort=added"),
        run: (c) => drain(c.users.get("example").collection.folders.get(0).releases.list({ sort: "added" })),
      },
      {
        name: "Wantlist (every item)",
        code: 'for await (w of client.users.get("example").wantlist.list())',
        least: pages("/users/example/wants"),
        run: (c) => drain(c.users.get("example").wantlist.list()),
      },
    ];
    if (instance && field) {
      workflows.push({
        name: "Deep chain to a write (folder, release, instance, field)",
        code: "user.collection.folders.get(f).releases.get(r).instances.get(i).fields.update({...})",
        least: one("one POST; the accessors along the chain send nothing"),
        run: (c) =>
          c.users
            .get("example")
            .collection.folders.get(instance.folder_id)
            .releases.get(instance.release_id)
            .instances.get(instance.instance_id)
            .fields.update({ field_id: field.id as number, value: "Signed copy" }),
      });
    }
    workflows.push(
      {
        name: "Full walk of a 1,000-item list",
        code: 'for await (w of client.users.get("bench_wants").wantlist.list())',
        least: pages("/users/bench_wants/wants"),
        run: async (c) => {
          const n = await drain(c.users.get("bench_wants").wantlist.list());
          if (n !== 1000) throw new Error(`walked ${n} items, expected 1000`);
          return n;
        },
      },
      {
        name: "Repeated look-up, cache on (3 times)",
        code: "new Discogs({ cache: true }); 3 × await client.releases.get(352665)",
        client: { cache: true },
        least: one("the first look-up; the others are served from the cache"),
        run: async (c) => {
          for (let i = 0; i < 3; i++) await c.releases.get(352665);
        },
      },
      {
        name: "10 concurrent identical look-ups (no cache)",
        code: "await Promise.all(10 × client.releases.get(352665))",
        least: one("identical GETs in flight share one request"),
        run: (c) => Promise.all(Array.from({ length: 10 }, () => c.releases.get(352665))),
      },
      {
        name: "10 concurrent identical look-ups (cache on)",
        code: "new Discogs({ cache: true }); await Promise.all(10 × client.releases.get(352665))",
        client: { cache: true },
        least: one("identical GETs in flight share one request"),
        run: (c) => Promise.all(Array.from({ length: 10 }, () => c.releases.get(352665))),
      },
    );

    const rows: string[][] = [];
    const raw: { name: string; requests: number; least: number; paths: string[] }[] = [];
    let allMet = true;
    for (const w of workflows) {
      const least = await w.least(emu);
      const client = new Discogs({
        baseUrl: emu.url,
        token: "bench",
        userAgent: "discogs-sdk-bench/1.0",
        rateLimit: false,
        ...w.client,
      });
      emu.clearRequests();
      let error = "";
      try {
        await w.run(client);
      } catch (e) {
        error = ` (failed: ${e instanceof Error ? e.message : String(e)})`;
      }
      await client.close();
      const logged = emu.requests.filter((r) => !r.path.startsWith("/_emulator"));
      const n = logged.length;
      if (n > least.n || error) allMet = false;
      raw.push({
        name: w.name,
        requests: n,
        least: least.n,
        paths: logged.map((r) => `${r.method} ${r.path}`),
      });
      rows.push([
        w.name + error,
        String(n),
        String(least.n),
        n === least.n ? "yes" : `+${n - least.n}`,
        least.why,
      ]);
    }

    return {
      id: "requests",
      title: "Requests per workflow",
      method:
        "Each workflow runs on a fresh client against the emulator (rate limiting off, so that only the count " +
        "matters); the count is read from the emulator's request log. The least possible is what the job needs " +
        "at Discogs' maximum of 100 items per page, asked from the emulator itself.",
      tables: [
        {
          headers: ["Workflow", "Requests", "Least possible", "At the least", "Why that least"],
          align: ["l", "r", "r", "r", "l"],
          rows,
          notes: workflows.map((w) => `${w.name}: \`${w.code}\``),
        },
      ],
      goals: [
        {
          name: "Every workflow at the least possible number of requests",
          met: allMet,
          detail: allMet
            ? "every workflow sent exactly the least number of requests"
            : raw
                .filter((r) => r.requests !== r.least)
                .map((r) => `${r.name}: ${r.requests} vs ${r.least} (${r.paths.join(", ")})`)
                .join("; "),
        },
      ],
      raw,
    };
  } finally {
    await emu.close();
  }
}
