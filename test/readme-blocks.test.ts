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
 * 7. Working directory. The blocks of a file run in an empty scratch directory of their own (they may write
 *    files such as ./changes.csv there).
 *
 * Type-checking: all blocks (not-runnable ones included) with the repository's compiler options (strict,
 * noUncheckedIndexedAccess, verbatimModuleSyntax), every file a module, `discogs-sdk*` resolving to the source
 * entries.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockNames, expectedOutput, extractDoc, matchOutput, shellExport } from "./helpers/docs/extract";
import {
  blockVerdict,
  CACHE,
  discoverDocs,
  planDocs,
  runDoc,
  typecheckDocs,
  writeDoc,
  type BlockOutcome,
  type PlannedDoc,
  type TypeProblem,
} from "./helpers/docs/harness";

const planned = planDocs(discoverDocs());

// -------------------------------------------------------------------------------------------------------------
// The harness's own parts, on small inputs.

describe("extracting blocks", () => {
  const md = [
    "# Title", // 1
    "", // 2
    "```bash", // 3
    'export DISCOGS_TOKEN="tok en" # a comment', // 4
    "export DISCOGS_CONSUMER_KEY=key", // 5
    "export OTHER=1", // 6
    "```", // 7
    "## Section `code`", // 8
    "", // 9
    "```ts", // 10
    'console.log("a"); // output: a', // 11
    "```", // 12
    "", // 13
    "<!-- not-runnable: needs a browser -->", // 14
    "", // 15
    "~~~typescript", // 16
    "document.title;", // 17
    "~~~", // 18
    "", // 19
    "<!-- not-runnable -->", // 20
    "```ts", // 21
    "x;", // 22
    "```", // 23
    "<!-- not-runnable: orphan -->", // 24
    "Some text, and the marker form in prose: `<!-- not-runnable: <reason> -->`.", // 25
    "  ```ts", // 26
    "  const y = 1;", // 27
    "  ```", // 28
  ].join("\n");
  const doc = extractDoc("X.md", md);

  it("finds ts blocks with their first line, heading, code and marker", () => {
    expect(doc.blocks.map((b) => [b.line, b.heading, b.code, b.notRunnable])).toEqual([
      [11, "Title › Section code", 'console.log("a"); // output: a', undefined],
      [17, "Title › Section code", "document.title;", "needs a browser"],
      [22, "Title › Section code", "x;", undefined],
      [27, "Title › Section code", "const y = 1;", undefined],
    ]);
  });

  it("reports a marker without a reason and one that is not before a ts block", () => {
    expect(doc.problems).toEqual([
      'X.md:20: malformed marker "<!-- not-runnable -->": write <!-- not-runnable: <reason> --> (the reason is required)',
      "X.md:24: a not-runnable marker must be the line right before a ```ts fence",
    ]);
  });

  it("reads export DISCOGS_* lines of shell blocks, and only those", () => {
    expect(doc.exports).toEqual([
      { line: 4, name: "DISCOGS_TOKEN", value: "tok en" },
      { line: 5, name: "DISCOGS_CONSUMER_KEY", value: "key" },
    ]);
    expect(shellExport("export DISCOGS_X='a b'")).toEqual({ name: "DISCOGS_X", value: "a b" });
    expect(shellExport("DISCOGS_X=1 node app.js")).toBeNull();
  });

  it("reports an unterminated fence", () => {
    expect(extractDoc("Y.md", "text\n```ts\nconst a = 1;\n").problems).toEqual([
      "Y.md:2: a code fence is never closed",
    ]);
  });
});

describe("expected output", () => {
  it("reads // output: comments in order, inline or alone, with their Markdown lines", () => {
    const code = [
      'console.log("one"); // output: one',
      "// output: ...",
      "//output:two  ",
      "// output:",
      'const s = "// output: not a comment";',
      "const t = `${s} // output: nor this`;",
      "/* output: block comments do not count */",
      "// an ordinary comment",
    ].join("\n");
    expect(expectedOutput(code, 10)).toEqual([
      { line: 10, text: "one" },
      { line: 11, text: "..." },
      { line: 12, text: "two" },
      { line: 13, text: "" },
    ]);
  });

  it("matches lines exactly, with ... for any number of lines", () => {
    expect(matchOutput(["a", "b"], ["a", "b"])).toBeNull();
    expect(matchOutput(["a", "b"], ["a", "b  "])).toBeNull();
    expect(matchOutput([], [])).toBeNull();
    expect(matchOutput(["..."], [])).toBeNull();
    expect(matchOutput(["..."], ["x", "y"])).toBeNull();
    expect(matchOutput(["a", "..."], ["a"])).toBeNull();
    expect(matchOutput(["...", "z"], ["x", "z", "y", "z"])).toBeNull();
    expect(matchOutput(["a", "...", "b", "c", "...", "d"], ["a", "b", "x", "b", "c", "d"])).toBeNull();
    expect(matchOutput(["a", "...", "a"], ["a"])).toMatch(/expected line 3 \("a"\)/);
    expect(matchOutput(["a", "b"], ["a", "c"])).toMatch(/expected line 2 \("b"\) but printed line 2 is "c"/);
    expect(matchOutput(["a"], ["a", "extra"])).toMatch(/printed 1 more line\(s\) than expected, from line 2/);
    expect(matchOutput(["a", "b"], ["a"])).toMatch(/but only 1 lines were printed/);
    expect(matchOutput(["...", "b", "c", "..."], ["b", "x", "c"])).toMatch(/expected line 2 \("b"\)/);
    expect(matchOutput([" a"], ["a"])).not.toBeNull(); // leading white space counts
  });
});

describe("block names", () => {
  it("finds top-level declarations (using ones marked), imports, types and the identifiers used", () => {
    const n = blockNames(
      [
        'import { expect, type Mock } from "vitest";',
        'import * as fs from "node:fs";',
        "const a = 1, { b, c: [d] } = x;",
        "let e; var f;",
        "await using g = h;",
        "using i = j;",
        "function k() {}",
        "class L {}",
        "interface M {}",
        "type N = string;",
        "export const o = p.q;",
        "const r = { s: t, u };",
      ].join("\n"),
    );
    expect(Object.fromEntries(n.declared)).toEqual({
      expect: { kind: "value", using: false },
      Mock: { kind: "type", using: false },
      fs: { kind: "value", using: false },
      a: { kind: "value", using: false },
      b: { kind: "value", using: false },
      d: { kind: "value", using: false },
      e: { kind: "value", using: false },
      f: { kind: "value", using: false },
      g: { kind: "value", using: true },
      i: { kind: "value", using: true },
      k: { kind: "value", using: false },
      L: { kind: "value", using: false },
      M: { kind: "type", using: false },
      N: { kind: "type", using: false },
      o: { kind: "value", using: false },
      r: { kind: "value", using: false },
    });
    expect(n.importsVitest).toBe(true);
    expect([...n.exported]).toEqual(["o"]);
    for (const used of ["x", "h", "j", "p", "t", "u"]) expect(n.used).toContain(used);
    for (const property of ["q", "s"]) expect(n.used).not.toContain(property);
  });
});

// -------------------------------------------------------------------------------------------------------------
// The harness end to end, on a document made to fail in every way it checks.

const SELF_TEST_MD = [
  "# Self-test",
  "```sh",
  'export DISCOGS_TOKEN="self-test-token"',
  "export OTHER_VARIABLE=1",
  "```",
  "```ts",
  'import { Discogs } from "discogs-sdk";',
  'const client = new Discogs({ userAgent: "SelfTest/1.0" });',
  "const { DISCOGS_TOKEN, DISCOGS_ACCESS_TOKEN = 'unset', OTHER_VARIABLE = 'unset' } = process.env;",
  "console.log(client.authMode, DISCOGS_TOKEN, DISCOGS_ACCESS_TOKEN, OTHER_VARIABLE);",
  "// output: token self-test-token unset unset",
  "```",
  "```ts",
  "const release = await client.releases.get(352665);",
  "console.log(release.title); // output: Not The Title",
  "```",
  "```ts",
  'await using scoped = new Discogs({ userAgent: "SelfTest/1.0" });',
  'throw new Error("boom");',
  "```",
  "<!-- not-runnable: a fragment with a type error, to check that skipped blocks are type-checked -->",
  "```ts",
  "const n: number = client.authMode;",
  "```",
  "```ts",
  'const offline = await fetch("https://api.discogs.com/releases/1").then(() => "sent", (e: Error) => e.message);',
  'console.log(offline.startsWith("docs blocks run offline")); // output: true',
  "console.log(scoped); // a using name is not passed on: a ReferenceError (and a type error)",
  "```",
  "```ts",
  'import { readFile, writeFile } from "node:fs/promises";',
  'await writeFile("scratch.txt", "written");',
  'console.log(await readFile("scratch.txt", "utf8"), path()); // output: written cwd',
  "function path() { return process.cwd().split(/[\\\\/]/).pop(); }",
  "```",
  "```ts",
  'import { createInterface } from "node:readline/promises";',
  'import { getAccessToken, getRequestToken } from "discogs-sdk";',
  'const consumer = { consumerKey: "k", consumerSecret: "s", userAgent: "SelfTest/1.0" };',
  "const rt = await getRequestToken(consumer);",
  "const prompt = createInterface({ input: process.stdin });",
  'const verifier = await prompt.question("");',
  "prompt.close();",
  "const at = await getAccessToken({ ...consumer, requestToken: rt.token, requestTokenSecret: rt.tokenSecret, verifier });",
  "const oauth = new Discogs({ ...consumer, ...at });",
  "console.log((await oauth.user.identity()).username, release.id); // output: example",
  "```",
  "```ts",
  'import { expect, test } from "vitest";',
  'test("fails", () => expect(1).toBe(2));',
  "```",
].join("\n");

describe("the harness itself", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "docs-harness-"));
  const cache = path.join(CACHE, "self-test");
  let doc: PlannedDoc;
  let outcomes: BlockOutcome[];
  const verdicts = () => outcomes.map((o) => blockVerdict(doc, o));

  beforeAll(async () => {
    writeFileSync(path.join(root, "SELF.md"), SELF_TEST_MD);
    [doc] = planDocs(["SELF.md"], root, cache) as [PlannedDoc];
    writeDoc(doc);
    // A developer's own credentials must not reach the blocks.
    const own = process.env.DISCOGS_ACCESS_TOKEN;
    process.env.DISCOGS_ACCESS_TOKEN = "a-developer-token";
    try {
      outcomes = await runDoc(doc, { cache });
    } finally {
      if (own === undefined) delete process.env.DISCOGS_ACCESS_TOKEN;
      else process.env.DISCOGS_ACCESS_TOKEN = own;
    }
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("links names to the latest earlier running block, never from using, skipped or vitest blocks", () => {
    expect(doc.blocks.map((b) => [b.kind, Object.fromEntries(b.takes)])).toEqual([
      ["notebook", {}],
      ["notebook", { client: "SELF.md:7" }],
      ["notebook", { Discogs: "SELF.md:7" }],
      ["skipped", { client: "SELF.md:7" }],
      ["notebook", {}],
      ["notebook", {}],
      ["notebook", { Discogs: "SELF.md:7", release: "SELF.md:14" }],
      ["vitest", {}],
    ]);
  });

  it("sets the documented DISCOGS_* variables and the emulator's base URL (and nothing else)", () => {
    expect(verdicts()[0]).toBeNull();
  });

  it("fails a block whose output differs from its // output: lines", () => {
    expect(outcomes[1]!.status).toBe("passed");
    expect(verdicts()[1]).toMatch(
      /SELF\.md:14.*expected line 1 \("Not The Title"\) but printed line 1 is "The Downward Spiral"/s,
    );
  });

  it("fails a block that throws", () => {
    expect(outcomes[2]!.status).toBe("failed");
    expect(verdicts()[2]).toMatch(/Error: boom/);
  });

  it("does not run a not-runnable block", () => {
    expect(outcomes[3]!.status).toBe("skipped");
  });

  it("keeps blocks offline, and does not pass names declared with using on", () => {
    expect(outcomes[4]!.stdout).toBe("true\n");
    expect(verdicts()[4]).toMatch(/ReferenceError: scoped is not defined/);
  });

  it("runs the blocks in an empty scratch directory", () => {
    expect(verdicts()[5]).toBeNull();
  });

  it("plays the user of the OAuth flow (the verifier on stdin), and fails extra output", () => {
    expect(outcomes[6]!.stdout).toBe("example 352665\n");
    expect(verdicts()[6]).toMatch(/expected line 1 \("example"\) but printed line 1 is "example 352665"/);
  });

  it("runs a vitest block with vitest, failing it when its tests fail", () => {
    expect(outcomes[7]!.status).toBe("failed");
    expect(outcomes[7]!.detail).toMatch(/expected 1 to be 2/);
  });

  it("reports type errors at their Markdown line, in skipped blocks too", { timeout: 180_000 }, () => {
    expect(selfProblems().map((p) => p.message)).toEqual([
      expect.stringMatching(/^SELF\.md:23:7: TS2322: Type '\w+' is not assignable to type 'number'/),
      expect.stringMatching(/^SELF\.md:28:13: TS2304: Cannot find name 'scoped'/),
    ]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// The real documents.

for (const doc of planned) {
  describe(doc.file, () => {
    let outcomes: Map<string, BlockOutcome>;
    beforeAll(async () => {
      writeDoc(doc);
      outcomes = new Map((await runDoc(doc)).map((o) => [o.key, o]));
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
        const v = blockVerdict(doc, outcomes.get(b.key)!);
        expect(v, v ?? "").toBeNull();
      });
    }
  });
}

/** One type-check of every document, the self-test's included (one program: it is the slow part). */
let typeProblems: TypeProblem[] | undefined;
function allProblems(): TypeProblem[] {
  if (!typeProblems) {
    for (const d of planned) writeDoc(d);
    const self = planDocs(["SELF.md"], selfRoot(), path.join(CACHE, "self-test"));
    for (const d of self) writeDoc(d);
    typeProblems = typecheckDocs([...planned, ...self]);
  }
  return typeProblems;
}
function selfRoot(): string {
  const dir = path.join(CACHE, "self-test-source");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "SELF.md"), SELF_TEST_MD);
  return dir;
}
const selfProblems = () => allProblems().filter((p) => p.key?.startsWith("SELF.md"));

describe("every block", () => {
  afterAll(() => {
    for (const d of planned)
      for (const b of d.blocks.filter((x) => x.kind === "skipped"))
        console.log(`not run: ${b.key} (${b.block.heading}): ${b.block.notRunnable}`);
  });

  it("type-checks (strict, the repository's compiler options)", { timeout: 180_000 }, () => {
    const problems = allProblems().filter((p) => !p.key?.startsWith("SELF.md"));
    expect(problems.map((p) => p.message)).toEqual([]);
  });
});
