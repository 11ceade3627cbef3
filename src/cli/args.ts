/**
 * Argument parsing on `node:util` `parseArgs` (no dependency): finds the command in the words of the command
 * line (global options may come before it), then parses the rest strictly against the command's options plus
 * the global ones. Every mistake is a {@link UsageError} (exit 2) that names the culprit and, when close, the
 * option or command meant.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { UsageError } from "./exit";
import { COMMANDS, GLOBAL_OPTIONS, findCommand, groups, type CommandSpec, type OptionSpec } from "./spec";

/** Parsed option values. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What the command line asks for. */
export type Parsed =
  | { kind: "help"; topic: string[] }
  | { kind: "version" }
  | { kind: "command"; spec: CommandSpec; positionals: string[]; options: OptionValues };

/** Edit distance with transpositions (optimal string alignment; small strings only). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1); // a transposition ("lsit") counts once
      }
    }
  }
  return d[a.length]![b.length]!;
}

/** The nearest candidate, when it is close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = distance(word, c);
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function optionTakesValue(name: string, options: Record<string, OptionSpec>): boolean {
  return options[name]?.type === "string";
}

/** Splits the words of the command line from the options, leaving option values in place. */
function commandWords(argv: readonly string[]): { words: string[]; indexes: number[] } {
  const words: string[] = [];
  const indexes: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a.startsWith("-") && a !== "-") {
      // A global option before the command: skip its value too.
      const name = a.startsWith("--") ? a.slice(2) : (shortToLong(a.slice(1)) ?? "");
      if (!a.includes("=") && optionTakesValue(name, GLOBAL_OPTIONS)) i++;
      continue;
    }
    words.push(a);
    indexes.push(i);
    if (words.length === 2) break;
  }
  return { words, indexes };
}

function shortToLong(short: string): string | undefined {
  for (const [name, o] of Object.entries(GLOBAL_OPTIONS)) if (o.short === short) return name;
  return undefined;
}

/** Parses the command line. */
export function parse(argv: readonly string[]): Parsed {
  if (argv.length === 0) return { kind: "help", topic: [] };
  if (argv[0] === "--version" || argv[0] === "-V" || argv[0] === "version") return { kind: "version" };
  const { words, indexes } = commandWords(argv);
  if (words[0] === "help")
    return { kind: "help", topic: argv.slice(indexes[0]! + 1).filter((a) => !a.startsWith("-")) };
  const wantsHelp = argv.some((a) => a === "--help" || a === "-h");
  if (words.length === 0) {
    if (wantsHelp) return { kind: "help", topic: [] };
    if (argv.includes("--version")) return { kind: "version" };
    throw new UsageError(`no command given`, "run discogs help to see the commands");
  }
  const found = findCommand(words);
  if (!found) {
    const group = groups().find((g) => g === words[0]);
    if (group) {
      if (wantsHelp || words.length === 1) return { kind: "help", topic: [group] };
      const subs = COMMANDS.filter((c) => c.name.startsWith(group + " ")).map((c) => c.name.split(" ")[1]!);
      const near = nearest(words[1]!, subs);
      throw new UsageError(
        `unknown command "${group} ${words[1]}"`,
        near ? `did you mean discogs ${group} ${near}?` : `discogs ${group} has: ${subs.join(", ")}`,
      );
    }
    const near = nearest(words[0]!, [...COMMANDS.map((c) => c.name.split(" ")[0]!), "help"]);
    throw new UsageError(
      `unknown command "${words[0]}"`,
      near ? `did you mean discogs ${near}?` : "run discogs help to see the commands",
    );
  }
  const { spec, used } = found;
  if (wantsHelp) return { kind: "help", topic: spec.name.split(" ") };
  const rest = argv.filter((_, i) => !indexes.slice(0, used).includes(i));
  const options = { ...GLOBAL_OPTIONS, ...(spec.options ?? {}) };
  let values: OptionValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values as OptionValues;
    positionals = parsed.positionals;
  } catch (e) {
    throw usageFromParseArgs(e as Error & { code?: string }, spec, options);
  }
  for (const [name, o] of Object.entries(options)) {
    const v = values[name];
    if (o.type === "string" && typeof v === "string" && v === "" && name !== "notes" && name !== "comments") {
      throw new UsageError(`--${name} needs a value`, `discogs help ${spec.name}`);
    }
  }
  const { min, max } = spec.positionals;
  if (positionals.length < min) {
    throw new UsageError(
      `discogs ${spec.name} needs ${spec.args ?? "more arguments"}`,
      `usage: discogs ${spec.name} ${spec.args ?? ""}`.trimEnd() + `   (discogs help ${spec.name})`,
    );
  }
  if (positionals.length > max) {
    const extra = positionals[max]!;
    throw new UsageError(
      max === 0
        ? `discogs ${spec.name} takes no arguments, got "${extra}"`
        : `too many arguments for discogs ${spec.name}: "${extra}"`,
      `usage: discogs ${spec.name} ${spec.args ?? ""}`.trimEnd() + `   (discogs help ${spec.name})`,
    );
  }
  return { kind: "command", spec, positionals, options: values };
}

function usageFromParseArgs(
  e: Error & { code?: string },
  spec: CommandSpec,
  options: Record<string, OptionSpec>,
): UsageError {
  const hint = `discogs help ${spec.name}`;
  const m = /'(-{1,2}[^'\s]+)/.exec(e.message);
  const flag = m?.[1] ?? "";
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const near = nearest(flag.replace(/^-+/, ""), Object.keys(options));
    return new UsageError(
      `unknown option ${flag} for discogs ${spec.name}`,
      near ? `did you mean --${near}? (${hint})` : hint,
    );
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = flag.replace(/^-+/, "").split("=")[0]!;
    const long =
      name.length === 1 ? (Object.entries(options).find(([, o]) => o.short === name)?.[0] ?? name) : name;
    return options[long]?.type === "boolean"
      ? new UsageError(`--${long} takes no value`, hint)
      : new UsageError(`--${long} needs a value`, hint);
  }
  return new UsageError(e.message.split(". ")[0] ?? e.message, hint);
}

/** Reads an integer option (a usage error when it is not one). */
export function intOption(
  values: OptionValues,
  name: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== "string" || !/^\d+$/.test(v.trim()) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}, got "${String(v)}"`,
    );
  }
  return n;
}

/** Reads a string option that must be one of `allowed` (case-insensitive match, canonical value returned). */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const hit = allowed.find((a) => a.toLowerCase() === String(v).toLowerCase());
  if (!hit) {
    const near = nearest(String(v), allowed as readonly string[]);
    throw new UsageError(
      `--${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(v)}`,
      near ? `did you mean ${JSON.stringify(near)}?` : undefined,
    );
  }
  return hit;
}

/** A string option's value, if given. */
export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}
