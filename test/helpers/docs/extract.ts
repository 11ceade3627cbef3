/**
 * The pure half of the docs-blocks harness (`test/readme-blocks.test.ts`, which states the conventions): reads
 * the ```ts blocks of a Markdown file with their `not-runnable` markers and `// output:` lines, the
 * `export DISCOGS_...=...` lines of its shell blocks, and the names each block declares and uses; and matches
 * printed lines against expected ones. No I/O here: everything takes text and returns data.
 */
import ts from "typescript";

/** The marker that keeps a block from running: `<!-- not-runnable: <reason> -->` on the line before its fence. */
export const NOT_RUNNABLE = /^\s*<!--\s*not-runnable:\s*(\S(?:.*\S)?)\s*-->\s*$/;
/** Anything that looks like a try at the marker (to report a malformed one instead of ignoring it). */
const MARKER_LIKE = /^\s*<!--\s*not[\s_-]*runnable/i;
/** An expected output line: a `// output: <text>` comment. */
const OUTPUT_COMMENT = /^\/\/\s*output:(.*)$/;
/** The expected-output line that stands for any number of printed lines (none included). */
export const ANY_LINES = "...";

const TS_LANGS = new Set(["ts", "typescript"]);
const SHELL_LANGS = new Set(["bash", "sh", "shell", "zsh", "console"]);

/** One expected output line of a block. */
export interface ExpectedLine {
  /** 1-based line in the Markdown file. */
  line: number;
  /** The text after `// output:` (one leading space and trailing white space removed). */
  text: string;
}

/** One ```ts block of a Markdown file. */
export interface DocBlock {
  /** The Markdown file, relative to the repository root with `/` separators. */
  file: string;
  /** 0-based position among the file's ts blocks. */
  index: number;
  /** 1-based line (in the Markdown file) of the block's first code line. */
  line: number;
  /** The headings above the block, outermost first, joined with " › ". */
  heading: string;
  /** The code, as written. */
  code: string;
  /** The reason of its `not-runnable` marker; undefined when it runs. */
  notRunnable?: string;
  /** Its `// output:` lines, in order. */
  expected: ExpectedLine[];
}

/** One `export DISCOGS_X=value` line of a shell block. */
export interface DocExport {
  line: number;
  name: string;
  value: string;
}

/** What {@link extractDoc} finds in one Markdown file. */
export interface ExtractedDoc {
  file: string;
  blocks: DocBlock[];
  exports: DocExport[];
  /** Malformed or misplaced markers, unterminated fences: each fails the file's test. */
  problems: string[];
}

interface Fence {
  char: string;
  length: number;
  indent: number;
  lang: string;
  open: number;
  lines: string[];
}

/**
 * Reads a Markdown file: its ```ts blocks (with markers and expected output), the `export DISCOGS_*` lines of
 * its shell blocks, and the problems (a marker with no reason, a marker not directly before a ts block).
 *
 * @param file - the path shown in messages (relative to the repository root)
 */
export function extractDoc(file: string, text: string): ExtractedDoc {
  const lines = text.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  const exports: DocExport[] = [];
  const problems: string[] = [];
  const headings: string[] = [];
  /** Marker-like lines outside code, by 0-based line; removed when a ts block consumes them. */
  const markers = new Map<number, string>();
  let fence: Fence | null = null;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (fence) {
      const close = /^( {0,3})(`{3,}|~{3,})\s*$/.exec(raw);
      if (close && close[2]![0] === fence.char && close[2]!.length >= fence.length) {
        finishFence(fence);
        fence = null;
      } else {
        fence.lines.push(stripIndent(raw, fence.indent));
      }
      continue;
    }
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/.exec(raw);
    if (open) {
      fence = {
        char: open[2]![0]!,
        length: open[2]!.length,
        indent: open[1]!.length,
        lang: open[3]!.toLowerCase(),
        open: i,
        lines: [],
      };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      headings.length = heading[1]!.length - 1;
      headings[heading[1]!.length - 1] = heading[2]!.replace(/`/g, "");
    }
    if (MARKER_LIKE.test(raw)) markers.set(i, raw);
  }
  if (fence) problems.push(`${file}:${fence.open + 1}: a code fence is never closed`);
  for (const [i, raw] of markers) {
    problems.push(
      NOT_RUNNABLE.test(raw)
        ? `${file}:${i + 1}: a not-runnable marker must be the line right before a \`\`\`ts fence`
        : `${file}:${i + 1}: malformed marker ${JSON.stringify(raw.trim())}: write <!-- not-runnable: <reason> --> (the reason is required)`,
    );
  }
  return { file, blocks, exports, problems };

  function finishFence(f: Fence) {
    // The marker, if any, is the last non-blank line before the fence (blank lines in between are allowed).
    const before = lastNonBlankBefore(f.open);
    if (TS_LANGS.has(f.lang)) {
      const code = f.lines.join("\n");
      const block: DocBlock = {
        file,
        index: blocks.length,
        line: f.open + 2,
        heading: headings.filter(Boolean).join(" › "),
        code,
        expected: expectedOutput(code, f.open + 2),
      };
      if (before >= 0 && markers.has(before)) {
        const m = NOT_RUNNABLE.exec(lines[before]!);
        if (m) {
          block.notRunnable = m[1]!;
          markers.delete(before);
        }
      }
      blocks.push(block);
    } else if (SHELL_LANGS.has(f.lang)) {
      f.lines.forEach((l, k) => {
        const e = shellExport(l);
        if (e) exports.push({ line: f.open + 2 + k, ...e });
      });
    }
  }

  function lastNonBlankBefore(i: number): number {
    for (let k = i - 1; k >= 0; k--) if (lines[k]!.trim() !== "") return k;
    return -1;
  }
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && line[k] === " ") k++;
  return line.slice(k);
}

/** `export DISCOGS_X="value"` (single, double or no quotes; a trailing `# comment` is ignored). */
export function shellExport(line: string): { name: string; value: string } | null {
  const m = /^\s*export\s+(DISCOGS_[A-Z0-9_]+)=(?:"([^"]*)"|'([^']*)'|([^\s#]*))/.exec(line);
  return m ? { name: m[1]!, value: m[2] ?? m[3] ?? m[4] ?? "" } : null;
}

/** The `// output:` comments of a block, in order, with their Markdown line numbers. */
export function expectedOutput(code: string, firstLine: number): ExpectedLine[] {
  const sf = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // Comments are trivia around tokens: collect the leading and trailing ones of every node (each once).
  const comments = new Map<number, ts.CommentRange>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) comments.set(r.pos, r);
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(code, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(code, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  collect(ts.getLeadingCommentRanges(code, sf.endOfFileToken.getFullStart()));
  const out: ExpectedLine[] = [];
  for (const r of [...comments.values()].sort((a, b) => a.pos - b.pos)) {
    if (r.kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const m = OUTPUT_COMMENT.exec(code.slice(r.pos, r.end));
    if (!m) continue;
    const line = sf.getLineAndCharacterOfPosition(r.pos).line;
    out.push({ line: firstLine + line, text: m[1]!.replace(/^ /, "").trimEnd() });
  }
  return out;
}

/** A top-level name a block declares. */
export interface Declared {
  /** `type` for interfaces, type aliases and type-only imports; `value` otherwise. */
  kind: "value" | "type";
  /** Declared with `using` or `await using`: disposed when the block ends, so never passed on. */
  using: boolean;
}

/** The names a block declares at its top level and the identifiers it uses, and whether it imports vitest. */
export interface BlockNames {
  declared: Map<string, Declared>;
  /** The top-level names the block exports itself (`export const x`, `export { x }`). */
  exported: Set<string>;
  used: Set<string>;
  importsVitest: boolean;
}

/** Reads a block's top-level declarations and the identifiers it uses (property names excluded). */
export function blockNames(code: string): BlockNames {
  const sf = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = new Map<string, Declared>();
  const exported = new Set<string>();
  let importsVitest = false;
  const isExported = (st: ts.Statement) =>
    ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const add = (name: string, kind: Declared["kind"], using = false) => declared.set(name, { kind, using });
  const bindingNames = (name: ts.BindingName, using: boolean) => {
    if (ts.isIdentifier(name)) add(name.text, "value", using);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, using);
  };
  for (const st of sf.statements) {
    const before = new Set(declared.keys());
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exported.add(el.name.text);
    }
    if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (spec === "vitest" || spec.startsWith("vitest/")) importsVitest = true;
      const clause = st.importClause;
      if (!clause) continue;
      const typeOnly = clause.isTypeOnly;
      if (clause.name) add(clause.name.text, typeOnly ? "type" : "value");
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, typeOnly ? "type" : "value");
      if (nb && ts.isNamedImports(nb))
        for (const el of nb.elements) add(el.name.text, typeOnly || el.isTypeOnly ? "type" : "value");
    } else if (ts.isVariableStatement(st)) {
      // Using (4) and AwaitUsing (6 = Using | Const) share bits with Const (2): compare the whole field.
      const scope = st.declarationList.flags & ts.NodeFlags.BlockScoped;
      const using = scope === ts.NodeFlags.Using || scope === ts.NodeFlags.AwaitUsing;
      for (const d of st.declarationList.declarations) bindingNames(d.name, using);
    } else if (
      (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      add(st.name.text, "value");
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      add(st.name.text, "type");
    }
    if (isExported(st)) for (const name of declared.keys()) if (!before.has(name)) exported.add(name);
  }
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { declared, exported, used, importsVitest };
}

/** Whether an identifier is a property or member name rather than a reference to a variable. */
function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id) ||
    (ts.isPropertySignature(p) && p.name === id) ||
    (ts.isPropertyDeclaration(p) && p.name === id) ||
    (ts.isMethodDeclaration(p) && p.name === id) ||
    (ts.isMethodSignature(p) && p.name === id) ||
    (ts.isQualifiedName(p) && p.right === id) ||
    (ts.isBindingElement(p) && p.propertyName === id) ||
    (ts.isImportSpecifier(p) && p.propertyName === id) ||
    (ts.isExportSpecifier(p) && p.propertyName === id) ||
    ts.isLabeledStatement(p) ||
    ts.isBreakOrContinueStatement(p)
  );
}

/**
 * Matches printed lines against expected ones: equal after trimming trailing white space, each `...` standing
 * for any number of lines (none included). Returns null on a match, else a readable account of the difference.
 */
export function matchOutput(expected: readonly string[], printed: readonly string[]): string | null {
  const exp = expected.map((e) => e.trimEnd());
  const got = printed.map((p) => p.trimEnd());
  const problem = firstMismatch(exp, got);
  if (problem === null) return null;
  const shown = got.map((l, i) => `  ${String(i + 1).padStart(3)} | ${l}`).join("\n") || "  (nothing)";
  const wanted = exp.map((l) => `      | ${l}`).join("\n") || "      (nothing)";
  return `${problem}\nExpected (// output: lines):\n${wanted}\nPrinted:\n${shown}`;
}

/**
 * Glob matching over lines: the literal runs between `...` lines are matched left to right at their earliest
 * place (which is exact for `*`-only patterns), the first run anchored at the start and the last at the end
 * unless a `...` frees them.
 */
function firstMismatch(exp: string[], got: string[]): string | null {
  const runs: { start: number; lines: string[] }[] = [{ start: 0, lines: [] }];
  exp.forEach((l, i) => {
    if (l === ANY_LINES) runs.push({ start: i + 1, lines: [] });
    else runs.at(-1)!.lines.push(l);
  });
  const at = (run: string[], k: number) => run.every((l, d) => got[k + d] === l);
  const firstDiff = (run: string[], k: number) => run.findIndex((l, d) => got[k + d] !== l);
  const describe = (run: { start: number; lines: string[] }, d: number, k: number) =>
    `expected line ${run.start + d + 1} (${JSON.stringify(run.lines[d])}) ` +
    (k < got.length
      ? `but printed line ${k + 1} is ${JSON.stringify(got[k])}`
      : `but only ${got.length} lines were printed`);
  let pos = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const anchoredStart = r === 0;
    const anchoredEnd = r === runs.length - 1;
    if (anchoredStart && anchoredEnd) {
      // No `...` at all: the whole output, line for line.
      const d = firstDiff(run.lines, 0);
      if (d >= 0) return describe(run, d, d);
      return got.length > run.lines.length
        ? `printed ${got.length - run.lines.length} more line(s) than expected, from line ${run.lines.length + 1} (${JSON.stringify(got[run.lines.length])})`
        : null;
    }
    if (anchoredStart) {
      const d = firstDiff(run.lines, 0);
      if (d >= 0) return describe(run, d, d);
      pos = run.lines.length;
    } else if (anchoredEnd) {
      const k = got.length - run.lines.length;
      if (k < pos || !at(run.lines, k)) {
        const d = k < pos ? 0 : firstDiff(run.lines, k);
        return `${describe(run, d, Math.max(k, pos) + d)} (the lines after the last "..." must end the output)`;
      }
    } else if (run.lines.length) {
      let k = pos;
      while (k + run.lines.length <= got.length && !at(run.lines, k)) k++;
      if (k + run.lines.length > got.length)
        return `expected line ${run.start + 1} (${JSON.stringify(run.lines[0])}) and the lines after it were not printed (in this order) after printed line ${pos}`;
      pos = k + run.lines.length;
    }
  }
  return null;
}
