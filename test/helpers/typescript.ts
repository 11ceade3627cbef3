/**
 * The TypeScript compiler API for the type-level tests: compile files, name diagnostics, read the expected
 * `// @ts-expect-error TSxxxx` codes of a file of deliberate mistakes.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * Compiles `files` (absolute paths), with some files' text replaced; returns the diagnostics of those files only
 * (the SDK's own sources are checked by `npm run typecheck`; users see its declarations, not its sources).
 */
export function compile(
  files: string[],
  options: ts.CompilerOptions,
  overrides: Map<string, string> = new Map(),
): readonly ts.Diagnostic[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => overrides.get(path.resolve(f)) ?? readFile(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = overrides.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram(files, options, host);
  return files.flatMap((f) => {
    const sf = program.getSourceFile(f)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  });
}

export function describeDiagnostic(d: ts.Diagnostic): string {
  const where =
    d.file && d.start !== undefined
      ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
      : "(global)";
  return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0]}`;
}

/**
 * The expected error codes of each line that follows a `// @ts-expect-error TSxxxx` comment (1-based lines);
 * `TSxxxx/TSyyyy` when the code differs between compiler settings.
 */
export function expectations(text: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  text.split("\n").forEach((line, i) => {
    if (!/^\s*\/\/ @ts-expect-error/.test(line)) return;
    const m = /^\s*\/\/ @ts-expect-error (TS\d+(?:\/TS\d+)*)/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: @ts-expect-error without a code`);
    out.set(
      i + 2,
      m[1]!.split("/").map((c) => Number(c.slice(2))),
    );
  });
  return out;
}
