/**
 * Help text, rendered from the command table. Every page leads with examples. Nothing here loads the SDK.
 *
 * @module
 */

import { EXIT_CODE_TABLE } from "./exit";
import { UsageError } from "./exit";
import { nearest } from "./args";
import { COMMANDS, GLOBAL_OPTIONS, TOPICS, groups, type CommandSpec, type OptionSpec } from "./spec";

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`;
    return [flag, o.description + (o.multiple ? " (repeatable)" : "")] as const;
  });
  const width = Math.max(...entries.map(([f]) => f.length));
  return entries.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

function examples(list: readonly string[]): string[] {
  return list.map((e) => `  $ ${e}`);
}

/** The top-level help. */
export function mainHelp(): string {
  const singles = COMMANDS.filter((c) => !c.name.includes(" "));
  const lines = [
    "discogs: the Discogs API from the command line, for people, scripts and agents",
    "",
    "Examples:",
    ...examples([
      "discogs release 352665",
      'discogs search "Pretty Hate Machine" --type release --limit 5',
      "discogs auth login --with-token < token.txt",
      "discogs collection export > collection.csv",
      "discogs inventory update --from prices.csv --dry-run",
      "discogs wantlist list --json | jq -r .basic_information.title",
    ]),
    "",
    "Commands:",
  ];
  const rows: [string, string][] = [];
  for (const c of singles.filter((c) =>
    ["release", "master", "artist", "label", "search"].includes(c.name),
  )) {
    rows.push([`${c.name} ${c.args ?? ""}`.trim(), c.summary]);
  }
  for (const g of groups()) {
    const subs = COMMANDS.filter((c) => c.name.startsWith(g + " ")).map((c) => c.name.split(" ")[1]);
    rows.push([`${g} ${subs.join("|")}`, groupSummary(g)]);
  }
  for (const c of singles.filter(
    (c) => !["release", "master", "artist", "label", "search"].includes(c.name),
  )) {
    rows.push([`${c.name} ${c.args ?? ""}`.trim(), c.summary]);
  }
  rows.push(["help <command|topic>", "help on a command, or a topic: " + TOPICS.join(", ")]);
  const width = Math.max(...rows.map(([a]) => a.length));
  lines.push(...rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`));
  lines.push(
    "",
    "Global options (every command):",
    ...optionLines(GLOBAL_OPTIONS),
    "  -V, --version  print the version",
  );
  lines.push(
    "",
    "Output: a table on a terminal; JSON (one object) or JSONL (lists) in a pipe or with --json.",
    "Credentials: DISCOGS_TOKEN (and other DISCOGS_* variables) > --token > discogs auth login.",
    "Exit codes: discogs help exit-codes.   More: discogs help <command>.",
  );
  return lines.join("\n") + "\n";
}

function groupSummary(group: string): string {
  switch (group) {
    case "collection":
      return "your collection: list, export (website CSV), add, remove";
    case "wantlist":
      return "your wantlist: list, export, add, remove";
    case "inventory":
      return "your marketplace inventory: list, export, bulk update";
    case "orders":
      return "your marketplace orders: list, show";
    case "auth":
      return "log in (token or OAuth PIN), show status, log out";
    default:
      return COMMANDS.filter((c) => c.name.startsWith(group + " "))
        .map((c) => c.summary)
        .join("; ");
  }
}

/** Help for one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`discogs ${spec.name}: ${spec.summary}`, "", "Examples:", ...examples(spec.examples), ""];
  lines.push(
    "Usage:",
    `  discogs ${spec.name}${spec.args ? ` ${spec.args}` : ""}${spec.options ? " [options]" : ""}`,
    "",
  );
  if (spec.options) lines.push("Options:", ...optionLines(spec.options), "");
  lines.push("Global options:", ...optionLines(GLOBAL_OPTIONS));
  if (spec.notes) lines.push("", ...spec.notes.split("\n"));
  return lines.join("\n") + "\n";
}

function groupHelp(group: string): string {
  const subs = COMMANDS.filter((c) => c.name.startsWith(group + " "));
  const lines = [`discogs ${group}: ${groupSummary(group)}`, "", "Examples:"];
  lines.push(...examples(subs.map((c) => c.examples[0]!)), "", "Commands:");
  const width = Math.max(...subs.map((c) => `${c.name} ${c.args ?? ""}`.trim().length));
  lines.push(...subs.map((c) => `  ${`${c.name} ${c.args ?? ""}`.trim().padEnd(width)}  ${c.summary}`));
  lines.push("", `More: discogs help ${group} <command>`);
  return lines.join("\n") + "\n";
}

function exitCodesHelp(): string {
  const lines = ["Exit codes of discogs:", ""];
  for (const e of EXIT_CODE_TABLE) {
    lines.push(`  ${String(e.code).padEnd(4)} ${e.meaning}${e.next ? `\n       next: ${e.next}` : ""}`);
  }
  lines.push("", "Example:", "  $ discogs release 999999999; echo $?   # 3: not found");
  return lines.join("\n") + "\n";
}

function environmentHelp(): string {
  return (
    [
      "Environment variables:",
      "",
      "  DISCOGS_TOKEN                  personal access token (wins over --token and the config file)",
      "  DISCOGS_CONSUMER_KEY           OAuth consumer key (with the next three: OAuth 1.0a; for auth login: the PIN flow)",
      "  DISCOGS_CONSUMER_SECRET        OAuth consumer secret",
      "  DISCOGS_ACCESS_TOKEN           OAuth access token",
      "  DISCOGS_ACCESS_TOKEN_SECRET    OAuth access token secret",
      "  DISCOGS_USERNAME               the user whose collection, wantlist and inventory commands act on",
      "  DISCOGS_BASE_URL               API base URL (--base-url wins)",
      "  DISCOGS_RATE_LIMIT_WINDOW_MS   rate-limit window (default 60000; e.g. 6000 for discogs emulator --window-ms 6000)",
      "  NO_COLOR, TERM=dumb            no colour",
      "  XDG_CONFIG_HOME                config folder: $XDG_CONFIG_HOME/discogs/config.json",
      "  XDG_STATE_HOME                 interrupted exports: $XDG_STATE_HOME/discogs",
      "  XDG_CACHE_HOME                 cache (usernames of credentials): $XDG_CACHE_HOME/discogs",
      "",
      "Example:",
      "  $ DISCOGS_TOKEN=... discogs collection export > collection.csv",
    ].join("\n") + "\n"
  );
}

function outputHelp(): string {
  return (
    [
      "Output:",
      "",
      "  On a terminal: aligned tables, relative times, colour (off with NO_COLOR, --no-color, TERM=dumb).",
      "  In a pipe or with --json: JSON for one object, JSONL (one object a line) for lists; times as Discogs",
      "  sends them (RFC 3339); the same data always gives the same bytes.",
      "  --fields a,b.c selects fields in both: table columns, or a projection of each object (nested paths",
      "  stay nested, a path through an array maps over it, a missing field is null).",
      "  stdout carries data only: progress, warnings and errors go to stderr; progress bars only when",
      "  stderr is a terminal.",
      "",
      "Examples:",
      "  $ discogs collection list --fields id,basic_information.title,date_added",
      "  $ discogs release 352665 --json --fields title,tracklist.title",
    ].join("\n") + "\n"
  );
}

/** Help for `discogs help <topic...>`: a command, a group or a topic. */
export function helpFor(topic: readonly string[]): string {
  if (topic.length === 0) return mainHelp();
  const name = topic.join(" ");
  if (name === "exit-codes") return exitCodesHelp();
  if (name === "environment") return environmentHelp();
  if (name === "output" || name === "formatting") return outputHelp();
  const spec = COMMANDS.find((c) => c.name === name) ?? COMMANDS.find((c) => c.name === topic[0]);
  if (spec && (spec.name === name || !spec.name.includes(" "))) return commandHelp(spec);
  if (groups().includes(topic[0]!)) {
    if (topic.length === 1) return groupHelp(topic[0]!);
  }
  const all = [...COMMANDS.map((c) => c.name), ...TOPICS, ...groups()];
  const near = nearest(name, all);
  throw new UsageError(
    `no help for "${name}"`,
    near ? `did you mean discogs help ${near}?` : "run discogs help",
  );
}
