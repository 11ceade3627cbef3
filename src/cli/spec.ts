/**
 * The command table: every command's name, summary, examples, arguments and options, and where its code lives
 * (loaded only when the command runs, so `discogs --help` never loads the SDK). Help, argument parsing and
 * dispatch all read this table.
 *
 * To add a command (e.g. `discogs mcp` from `src/mcp`), add one entry to {@link COMMANDS}; a group (the first
 * word of a two-word command) gets listed in the top-level help automatically.
 *
 * @module
 */

import type { CommandContext } from "./context";

/** An option of a command (or a global one). */
export interface OptionSpec {
  type: "string" | "boolean";
  /** One-letter alias. */
  short?: string;
  /** May be given more than once (values collected in an array). */
  multiple?: boolean;
  /** Placeholder of the value in help, e.g. `<file>`. */
  value?: string;
  /** One line of help. */
  description: string;
}

/** Where a command's code is: a lazily imported module and the name of its handler. */
export interface CommandModule {
  [handler: string]: ((ctx: CommandContext) => Promise<number | void>) | unknown;
}

/** One command. */
export interface CommandSpec {
  /** `"release"`, `"collection export"`. */
  name: string;
  /** One line, shown in lists. */
  summary: string;
  /** Examples, each `"discogs ...   # comment"`; help leads with them. */
  examples: string[];
  /** Arguments as shown in usage, e.g. `"<id>"`, `"<query...>"`. */
  args?: string;
  /** Least and most positional arguments (`max` Infinity for a list). */
  positionals: { min: number; max: number };
  /** Command options (the global ones are added to every command). */
  options?: Record<string, OptionSpec>;
  /** More text after the options. */
  notes?: string;
  /** Loads the module that runs the command. */
  load: () => Promise<CommandModule>;
  /** The module's export that runs it. */
  handler: string;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  "base-url": {
    type: "string",
    value: "<url>",
    description: "API base URL (env DISCOGS_BASE_URL; default https://api.discogs.com)",
  },
  token: {
    type: "string",
    value: "<token>",
    description: "personal access token for this run (DISCOGS_* variables take precedence)",
  },
  json: { type: "boolean", description: "JSON output (JSONL for lists) even on a terminal" },
  fields: {
    type: "string",
    value: "<a,b.c>",
    description: "only these fields: table columns, or a projection of each JSON object",
  },
  "no-color": { type: "boolean", description: "no colour (also NO_COLOR=1 or TERM=dumb)" },
  verbose: {
    type: "boolean",
    description: "log every request to stderr (method, URL, status, time; never a credential)",
  },
  help: { type: "boolean", short: "h", description: "show help" },
};

const limit: OptionSpec = { type: "string", value: "<n>", description: "at most n items (default: all)" };
const user: OptionSpec = {
  type: "string",
  value: "<name>",
  description: "another user's (public) data instead of yours (env DISCOGS_USERNAME)",
};
const from: OptionSpec = {
  type: "string",
  value: "<file>",
  description: "rows to apply: CSV with a header, JSONL, or one release id per line ('-' for stdin)",
};
const dryRun: OptionSpec = { type: "boolean", description: "print the per-row diff and send nothing" };
const result: OptionSpec = {
  type: "string",
  value: "<file>",
  description: "result file (default: <from>.result.csv; with --from -, discogs-result.csv)",
};
const exportOptions = (what: string): Record<string, OptionSpec> => ({
  format: {
    type: "string",
    value: "csv|jsonl",
    description: `csv (the website's layout) or jsonl (default csv)`,
  },
  output: {
    type: "string",
    short: "o",
    value: "<file>",
    description: `write the ${what} to a file (default stdout)`,
  },
  resume: {
    type: "boolean",
    description: "continue an interrupted export with the same options (re-requests at most one page)",
  },
  user,
});

const database = () => import("./commands/database");
const collection = () => import("./commands/collection");
const wantlist = () => import("./commands/wantlist");
const inventory = () => import("./commands/inventory");
const orders = () => import("./commands/orders");
const auth = () => import("./commands/auth");
const misc = () => import("./commands/misc");

/** Every command, in the order help lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: "release",
    summary: "show a release",
    args: "<id>",
    positionals: { min: 1, max: 1 },
    examples: [
      "discogs release 352665",
      "discogs release r352665 --json | jq .tracklist",
      "discogs release https://www.discogs.com/release/352665 --fields title,year,labels.name",
    ],
    notes: "The id may be a number, a typed reference (r352665, @r352665) or a discogs.com URL.",
    load: database,
    handler: "release",
  },
  {
    name: "master",
    summary: "show a master release (--versions: its versions)",
    args: "<id>",
    positionals: { min: 1, max: 1 },
    options: {
      versions: { type: "boolean", description: "list the master's versions instead" },
      limit,
    },
    examples: ["discogs master 3719", "discogs master 3719 --versions --limit 20"],
    load: database,
    handler: "master",
  },
  {
    name: "artist",
    summary: "show an artist (--releases: their releases)",
    args: "<id>",
    positionals: { min: 1, max: 1 },
    options: {
      releases: { type: "boolean", description: "list the artist's releases instead" },
      limit,
    },
    examples: ["discogs artist 3857", "discogs artist 3857 --releases --limit 50 --json"],
    load: database,
    handler: "artist",
  },
  {
    name: "label",
    summary: "show a label (--releases: its releases)",
    args: "<id>",
    positionals: { min: 1, max: 1 },
    options: {
      releases: { type: "boolean", description: "list the label's releases instead" },
      limit,
    },
    examples: ["discogs label 647", "discogs label 647 --releases --limit 100 > planet-e.jsonl"],
    load: database,
    handler: "label",
  },
  {
    name: "search",
    summary: "search the database (needs credentials)",
    args: "[query...]",
    positionals: { min: 0, max: Infinity },
    options: {
      type: { type: "string", value: "<type>", description: "release, master, artist or label" },
      title: { type: "string", value: "<text>", description: 'combined "Artist - Title"' },
      "release-title": { type: "string", value: "<text>", description: "release title" },
      artist: { type: "string", value: "<name>", description: "artist name" },
      anv: { type: "string", value: "<name>", description: "artist name variation" },
      credit: { type: "string", value: "<name>", description: "credited artist" },
      label: { type: "string", value: "<name>", description: "label name" },
      genre: { type: "string", value: "<genre>", description: "genre" },
      style: { type: "string", value: "<style>", description: "style" },
      country: { type: "string", value: "<country>", description: "country" },
      year: { type: "string", value: "<year>", description: "release year" },
      format: { type: "string", value: "<format>", description: "format (Vinyl, CD, ...)" },
      catno: { type: "string", value: "<catno>", description: "catalog number" },
      barcode: { type: "string", value: "<barcode>", description: "barcode" },
      track: { type: "string", value: "<title>", description: "track title" },
      submitter: { type: "string", value: "<user>", description: "submitter's username" },
      contributor: { type: "string", value: "<user>", description: "a contributor's username" },
      limit: { type: "string", value: "<n>", description: "at most n results (default 20)" },
    },
    examples: [
      'discogs search "Pretty Hate Machine" --type release',
      "discogs search --artist 'Nine Inch Nails' --year 1989 --format Vinyl",
      "discogs search nirvana --type master --limit 5 --json | jq -r .title",
    ],
    load: database,
    handler: "search",
  },
  {
    name: "collection list",
    summary: "list your collection (or a folder of it)",
    positionals: { min: 0, max: 0 },
    options: {
      folder: { type: "string", value: "<id>", description: "folder id (default 0, All)" },
      sort: {
        type: "string",
        value: "<key>",
        description: "label, artist, title, catno, format, rating, added or year",
      },
      order: { type: "string", value: "asc|desc", description: "sort order" },
      user,
      limit,
    },
    examples: [
      "discogs collection list --limit 20",
      "discogs collection list --sort added --order desc --fields id,basic_information.title",
      "discogs collection list --user rodneyfool --json > rodney.jsonl",
    ],
    load: collection,
    handler: "list",
  },
  {
    name: "collection export",
    summary: "export your collection: the website's CSV, or JSONL (resumable)",
    positionals: { min: 0, max: 0 },
    options: {
      ...exportOptions("export"),
      folder: { type: "string", value: "<id>", description: "export one folder (default 0, All)" },
    },
    examples: [
      "discogs collection export > collection.csv",
      "discogs collection export --format jsonl -o collection.jsonl",
      "discogs collection export -o collection.csv --resume   # after Ctrl-C",
    ],
    notes:
      "The CSV header is the website's, byte for byte:\n" +
      "  Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,\n" +
      "  Collection Media Condition,Collection Sleeve Condition,Collection Notes\n" +
      "Rows stream as pages arrive (100 items a request, at the rate limit); a progress bar with an ETA\n" +
      "shows on a terminal. After Ctrl-C, the same command with --resume continues where it stopped\n" +
      "(with -o it appends to the file; on stdout, append yourself: >> collection.csv).",
    load: collection,
    handler: "exportCollection",
  },
  {
    name: "collection add",
    summary: "add releases to your collection (one id, or --from a file)",
    args: "[release-id...]",
    positionals: { min: 0, max: Infinity },
    options: {
      folder: { type: "string", value: "<id>", description: "folder to add to (default 1, Uncategorized)" },
      from,
      "dry-run": dryRun,
      result,
    },
    examples: [
      "discogs collection add 352665",
      "discogs collection add --from releases.csv --dry-run",
      "discogs collection add --from releases.csv   # re-run: only the failures are retried",
    ],
    notes:
      "With --from, the file lists releases that should be in the collection: a release already there is\n" +
      "skipped (listed twice, it should be there twice). Columns: release_id (required), folder_id or\n" +
      "CollectionFolder (a folder name). A website export works as input. Each add is one request, never\n" +
      "retried once it may have reached Discogs.",
    load: collection,
    handler: "add",
  },
  {
    name: "collection remove",
    summary: "remove a release (all its copies, or one --instance) from your collection",
    args: "<release-id>",
    positionals: { min: 1, max: 1 },
    options: {
      instance: { type: "string", value: "<id>", description: "only this instance (copy)" },
      "dry-run": { type: "boolean", description: "show what would be removed and send no write" },
    },
    examples: ["discogs collection remove 352665", "discogs collection remove 352665 --instance 10042"],
    load: collection,
    handler: "remove",
  },
  {
    name: "wantlist list",
    summary: "list your wantlist",
    positionals: { min: 0, max: 0 },
    options: { user, limit },
    examples: [
      "discogs wantlist list",
      "discogs wantlist list --user rodneyfool --fields id,basic_information.title",
    ],
    load: wantlist,
    handler: "list",
  },
  {
    name: "wantlist export",
    summary: "export your wantlist: the website's CSV, or JSONL (resumable)",
    positionals: { min: 0, max: 0 },
    options: exportOptions("export"),
    examples: ["discogs wantlist export > wantlist.csv", "discogs wantlist export -o wants.csv --resume"],
    notes: "CSV header: Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes",
    load: wantlist,
    handler: "exportWantlist",
  },
  {
    name: "wantlist add",
    summary: "add releases to your wantlist (ids, or --from a file)",
    args: "[release-id...]",
    positionals: { min: 0, max: Infinity },
    options: {
      notes: { type: "string", value: "<text>", description: "notes (with ids on the command line)" },
      rating: { type: "string", value: "<0-5>", description: "rating (with ids on the command line)" },
      from,
      "dry-run": dryRun,
      result,
    },
    examples: [
      "discogs wantlist add 352665 --notes 'Original pressing'",
      "discogs wantlist add --from wants.csv --dry-run",
      "discogs wantlist add --from wants.csv",
    ],
    notes:
      "Columns: release_id (required), notes, rating. A want that already has those values is skipped;\n" +
      "one request per changed row.",
    load: wantlist,
    handler: "add",
  },
  {
    name: "wantlist remove",
    summary: "remove releases from your wantlist",
    args: "<release-id...>",
    positionals: { min: 1, max: Infinity },
    examples: ["discogs wantlist remove 352665"],
    load: wantlist,
    handler: "remove",
  },
  {
    name: "inventory list",
    summary: "list your marketplace inventory",
    positionals: { min: 0, max: 0 },
    options: {
      status: { type: "string", value: "<status>", description: 'e.g. "For Sale", "Draft", "Sold"' },
      sort: { type: "string", value: "<key>", description: "listed, price, item, artist, label, catno, ..." },
      order: { type: "string", value: "asc|desc", description: "sort order" },
      user,
      limit,
    },
    examples: [
      "discogs inventory list --status 'For Sale' --limit 50",
      "discogs inventory list --user 360vinyl",
    ],
    load: inventory,
    handler: "list",
  },
  {
    name: "inventory export",
    summary: "export your inventory as CSV (the inventory export's layout) or JSONL (resumable)",
    positionals: { min: 0, max: 0 },
    options: {
      ...exportOptions("export"),
      status: {
        type: "string",
        value: "<status>",
        description: 'only listings with this status, e.g. "For Sale"',
      },
    },
    examples: [
      "discogs inventory export > inventory.csv",
      "discogs inventory export --format jsonl -o inv.jsonl --resume",
    ],
    notes:
      "CSV header: listing_id,artist,title,label,catno,format,release_id,status,price,listed,comments,\n" +
      "media_condition,sleeve_condition,accept_offer,external_id,weight,format_quantity,location,quantity",
    load: inventory,
    handler: "exportInventory",
  },
  {
    name: "inventory update",
    summary: "bulk-edit listings from a CSV (prices, conditions, ...), with a diff",
    args: "[listing-id]",
    positionals: { min: 0, max: 1 },
    options: {
      from: { ...from, description: "CSV or JSONL with listing_id and the fields to set ('-' for stdin)" },
      price: { type: "string", value: "<price>", description: "new price (with a listing id)" },
      condition: {
        type: "string",
        value: "<condition>",
        description: "new media condition (with a listing id)",
      },
      "sleeve-condition": { type: "string", value: "<condition>", description: "new sleeve condition" },
      comments: { type: "string", value: "<text>", description: "new comments" },
      status: { type: "string", value: "<status>", description: '"For Sale" or "Draft"' },
      "dry-run": dryRun,
      result,
    },
    examples: [
      "discogs inventory update --from prices.csv --dry-run",
      "discogs inventory update --from prices.csv",
      "discogs inventory update 1000000001 --price 12.50",
    ],
    notes:
      "Columns: listing_id (required) and any of price, condition (or media_condition), sleeve_condition,\n" +
      "comments, status, allow_offers (or accept_offer: Y/N), external_id, location, weight, format_quantity.\n" +
      "An inventory export works as input (its read-only columns are ignored). A row that changes nothing\n" +
      "is skipped; each changed row is one request.",
    load: inventory,
    handler: "update",
  },
  {
    name: "orders list",
    summary: "list your marketplace orders (as a seller)",
    positionals: { min: 0, max: 0 },
    options: {
      status: { type: "string", value: "<status>", description: 'e.g. "New Order", "Payment Received"' },
      sort: { type: "string", value: "<key>", description: "id, buyer, created, status or last_activity" },
      order: { type: "string", value: "asc|desc", description: "sort order" },
      "created-after": {
        type: "string",
        value: "<time>",
        description: "ISO 8601, e.g. 2024-01-01T00:00:00Z",
      },
      "created-before": { type: "string", value: "<time>", description: "ISO 8601" },
      archived: { type: "string", value: "true|false", description: "only archived, or only unarchived" },
      limit,
    },
    examples: [
      "discogs orders list --status 'Payment Received'",
      "discogs orders list --sort created --order desc --limit 10",
    ],
    load: orders,
    handler: "list",
  },
  {
    name: "orders show",
    summary: "show an order (--messages: its messages)",
    args: "<order-id>",
    positionals: { min: 1, max: 1 },
    options: { messages: { type: "boolean", description: "list the order's messages instead" } },
    examples: ["discogs orders show 1-1", "discogs orders show 1-1 --messages"],
    load: orders,
    handler: "show",
  },
  {
    name: "auth login",
    summary: "store credentials: a personal token, or the OAuth 1.0a PIN flow",
    positionals: { min: 0, max: 0 },
    options: {
      "with-token": { type: "boolean", description: "read a personal access token from stdin" },
      "consumer-key": {
        type: "string",
        value: "<key>",
        description: "your app's consumer key: run the OAuth PIN flow (env DISCOGS_CONSUMER_KEY)",
      },
      "consumer-secret": {
        type: "string",
        value: "<secret>",
        description: "your app's consumer secret (env DISCOGS_CONSUMER_SECRET)",
      },
    },
    examples: [
      "discogs auth login --with-token < token.txt   # from https://www.discogs.com/settings/developers",
      "discogs auth login --token <token>",
      "DISCOGS_CONSUMER_KEY=... DISCOGS_CONSUMER_SECRET=... discogs auth login   # OAuth: open the URL, paste the PIN",
    ],
    notes:
      "Credentials are checked (one request to /oauth/identity) and stored for the base URL in use, in\n" +
      "$XDG_CONFIG_HOME/discogs/config.json (or the platform's equivalent), mode 0600. Without options on a\n" +
      "terminal, it asks for a token. Precedence when commands run: DISCOGS_* variables > --token > this file.",
    load: auth,
    handler: "login",
  },
  {
    name: "auth status",
    summary: "show who you are and where the credentials come from (secrets masked)",
    positionals: { min: 0, max: 0 },
    examples: ["discogs auth status", "discogs auth status --json"],
    load: auth,
    handler: "status",
  },
  {
    name: "auth logout",
    summary: "remove the stored credentials for the base URL in use",
    positionals: { min: 0, max: 0 },
    options: { all: { type: "boolean", description: "remove the credentials of every base URL" } },
    examples: ["discogs auth logout"],
    load: auth,
    handler: "logout",
  },
  {
    name: "ratelimit",
    summary: "show the rate-limit budget (one request)",
    positionals: { min: 0, max: 0 },
    examples: ["discogs ratelimit", "discogs ratelimit --json | jq .remaining"],
    load: misc,
    handler: "ratelimit",
  },
  {
    name: "request",
    summary: "send any API request (the SDK's escape hatch)",
    args: "<METHOD> <path>",
    positionals: { min: 2, max: 2 },
    options: {
      field: {
        type: "string",
        short: "f",
        multiple: true,
        value: "<key=value>",
        description:
          "query parameter (GET, DELETE) or JSON body field (POST, PUT); values that parse as JSON are typed",
      },
      input: { type: "string", value: "<file>", description: "JSON body from a file ('-' for stdin)" },
    },
    examples: [
      "discogs request GET /releases/352665",
      "discogs request GET /database/search -f q=nirvana -f type=master",
      "discogs request POST /users/example/collection/folders -f name=Industrial",
    ],
    notes:
      "Same limiter, retries (a POST is never retried once it may have reached Discogs), errors and redaction as every command.",
    load: misc,
    handler: "request",
  },
  {
    name: "dump",
    summary: "print the records of a Discogs data dump as JSONL",
    args: "<file>",
    positionals: { min: 1, max: 1 },
    options: {
      type: {
        type: "string",
        value: "<type>",
        description: "releases, artists, labels or masters (default: from the file name)",
      },
      limit,
    },
    examples: [
      "discogs dump discogs_20240101_releases.xml.gz --limit 10",
      "discogs dump labels.xml --type labels | jq -r .name",
    ],
    load: misc,
    handler: "dump",
  },
  {
    name: "emulator",
    summary: "run the bundled Discogs emulator on a port (for trying things, and tests)",
    positionals: { min: 0, max: 0 },
    options: {
      port: { type: "string", value: "<n>", description: "port (default: a free one)" },
      host: { type: "string", value: "<host>", description: "address (default 127.0.0.1)" },
      tls: { type: "boolean", description: "serve HTTPS with a self-signed certificate" },
      "rate-limit": {
        type: "string",
        value: "<n>",
        description: "requests per window with credentials (default 60)",
      },
      anonymous: {
        type: "string",
        value: "<n>",
        description: "requests per window without credentials (default 25)",
      },
      "window-ms": { type: "string", value: "<ms>", description: "rate-limit window (default 60000)" },
      "no-rate-limit": { type: "boolean", description: "never answer 429" },
    },
    examples: [
      "discogs emulator --port 8080",
      "discogs release 352665 --base-url http://127.0.0.1:8080 --token anything",
    ],
    notes: 'Prints its URL on stdout ({"url": ...} in a pipe) and runs until Ctrl-C.',
    load: misc,
    handler: "emulator",
  },
  {
    name: "mcp",
    summary: "serve Discogs to AI agents over MCP (stdio, or streamable HTTP with --http)",
    positionals: { min: 0, max: 0 },
    options: {
      http: {
        type: "string",
        value: "<port>",
        description: "serve streamable HTTP on this port (0: a free one)",
      },
      host: {
        type: "string",
        value: "<host>",
        description: "the address HTTP listens on (default 127.0.0.1)",
      },
      "read-only": { type: "boolean", description: "register no write tool" },
      tools: { type: "string", value: "<a,b,...>", description: "these tools instead of the default set" },
      "tool-timeout": {
        type: "string",
        value: "<ms>",
        description: "longest a tool call may take, rate-limit waits included (default 45000)",
      },
    },
    examples: [
      "discogs mcp                      # stdio, for Claude Desktop, Cursor, VS Code",
      "discogs mcp --http 3000 --read-only",
    ],
    notes:
      "The same server as the discogs-mcp bin (docs/mcp.md), with the CLI's credentials. Runs until Ctrl-C.",
    load: misc,
    handler: "mcp",
  },
];

/** Help topics besides the commands. */
export const TOPICS = ["exit-codes", "environment", "output"] as const;

/** The groups: first words of two-word commands. */
export function groups(): string[] {
  return [...new Set(COMMANDS.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0]!))];
}

/** The command named by the first words of `words`, and how many words it used. */
export function findCommand(words: readonly string[]): { spec: CommandSpec; used: number } | undefined {
  for (const used of [2, 1]) {
    if (words.length < used) continue;
    const name = words.slice(0, used).join(" ");
    const spec = COMMANDS.find((c) => c.name === name);
    if (spec) return { spec, used };
  }
  return undefined;
}
