/**
 * Every ```ts block of README.md and of each Markdown file under docs/ (not the generated docs/api/) runs as
 * written against the bundled emulator, prints what its `// output:` lines say, and type-checks.
 *
 * The conventions (also in the README, "Writing docs"):
 *
 * 1. Expected output. A comment `// output: <text>`, on its own line or after a statement, is one line the
 *    block prints to stdout, in order. The printed lines must equal the block's `// output:` lines exactly
 *    (after trimming trailing white space; one space after the colon is not part of the text). A line
 *    `// output: ...` stands for any number of printed lines, none included. A block with no `// output:` line
 *    may print anything. stderr is not compared (it is shown when a block fails). A block fails when it throws,
 *    rejects, leaves an unhandled rejection, or runs for more than 90 s.
 * 2. Blocks that do not run. An HTML comment `<!-- not-runnable: <reason> -->` as the last non-blank line
 *    before the fence. The reason is required and printed by this test; a marker without one, or anywhere else,
 *    fails the test. Such a block is still type-checked; its names are not passed on to later blocks.
 * 3. Names from earlier blocks. The blocks of one Markdown file run in order, in one Node process, like the
 *    cells of a notebook: a block may use any name that an earlier running block of the same file declared or
 *    imported at its top level (the latest such declaration wins). Names declared with `using` / `await using`
 *    are disposed when their block ends and are not passed on. A block that imports `vitest` is a test file:
 *    it runs by itself with `vitest run` (passing when its tests pass), takes no names and passes none on.
 * 4. Where the blocks run. Each Markdown file gets a fresh emulator (`startEmulator()`, Discogs' own rate
 *    limits). `discogs-sdk` resolves to a test shim that re-exports the package's source entry unchanged
 *    except that `Discogs`, `getRequestToken` and `getAccessToken` default `baseUrl` to that emulator's URL
 *    (an explicit `baseUrl` is kept); every other `discogs-sdk/<subpath>` of package.json `exports` resolves to
 *    its source entry (`dist/<x>.js` -> `src/<x>.ts`). The block's text is never rewritten: the harness only
 *    appends `import`/`export` lines for the names of convention 3. Blocks are offline: a fetch to anything
 *    but a loopback address fails.
 * 5. Environment. Every `export DISCOGS_<NAME>=<value>` line in a bash/sh/shell block of README.md, and of the
 *    file itself, is set for all of that file's blocks (the README tells users to export DISCOGS_TOKEN; the
 *    emulator accepts any credential); no other DISCOGS_* variable of the machine reaches a block. Write
 *    one-off settings inline (`DISCOGS_LOG=debug node app.js`), not as `export`.
 * 6. The OAuth flow's user. Every OAuth request token the emulator issues is approved as the seeded user
 *    "example", and its verifier is written to the running block's stdin as one line (what a person pasting
 *    the code from Discogs' "oob" page would type).
 *
 * Type-checking: all blocks (not-runnable ones included) with the repository's compiler options (strict,
 * noUncheckedIndexedAccess, verbatimModuleSyntax), every file a module, `discogs-sdk*` resolving to the source
 * entries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchOutput } from "./helpers/docs/extract";
import {
  discoverDocs,
  planDocs,
  runDoc,
  typecheckDocs,
  writeDoc,
  type BlockOutcome,
  type PlannedDoc,
} from "./helpers/docs/harness";

const DOCS = discoverDocs();
const planned = planDocs(DOCS);

/** A block's verdict: null when it passed, else why not. */
function verdict(doc: PlannedDoc, outcome: BlockOutcome): string | null {
  const b = doc.blocks.find((x) => x.key === outcome.key)!;
  if (outcome.status !== "passed") {
    const out = [outcome.error, outcome.detail].filter(Boolean).join("\n");
    const printed = outcome.stdout ? `\n--- printed ---\n${outcome.stdout}` : "";
    const errs = outcome.stderr ? `\n--- stderr ---\n${outcome.stderr}` : "";
    return `${outcome.key} (${b.block.heading}) ${outcome.status}: ${out}${printed}${errs}`;
  }
  if (b.kind !== "notebook" || b.block.expected.length === 0) return null;
  const printed = (outcome.stdout ?? "").replace(/\n$/, "").split("\n");
  const lines = outcome.stdout === "" ? [] : printed;
  const mismatch = matchOutput(
    b.block.expected.map((e) => e.text),
    lines,
  );
  return mismatch && `${outcome.key} (${b.block.heading}): ${mismatch}`;
}

for (const doc of planned) {
  describe(doc.file, () => {
    let outcomes: Map<string, BlockOutcome>;
    beforeAll(async () => {
      writeDoc(doc);
      const run = await runDoc(doc);
      outcomes = new Map(run.map((o) => [o.key, o]));
    }, 300_000);

    it("has well-formed markers", () => {
      expect(doc.problems).toEqual([]);
    });

    for (const b of doc.blocks) {
      if (b.kind === "skipped") {
        it.skip(`${b.key} not run: ${b.block.notRunnable}`, () => {});
        continue;
      }
      const what =
        b.kind === "vitest" ? "passes its tests" : b.block.expected.length ? "prints its output" : "runs";
      it(`${b.key} ${b.block.heading ? `(${b.block.heading}) ` : ""}${what}`, () => {
        const v = verdict(doc, outcomes.get(b.key)!);
        expect(v, v ?? "").toBeNull();
      });
    }
  });
}

describe("every block", () => {
  afterAll(() => {
    const skipped = planned.flatMap((d) => d.blocks.filter((b) => b.kind === "skipped"));
    for (const b of skipped) console.log(`not run: ${b.key} (${b.block.heading}): ${b.block.notRunnable}`);
  });

  it("type-checks (strict, the repository's compiler options)", { timeout: 180_000 }, () => {
    for (const d of planned) writeDoc(d);
    const problems = typecheckDocs(planned);
    expect(problems.map((p) => p.message)).toEqual([]);
  });
});
