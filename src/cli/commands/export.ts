/**
 * The export engine behind `collection export`, `wantlist export` and `inventory export`: pages of 100 items
 * at the rate limit, each page's rows written (and handed to the OS) before the next page is requested, so
 * memory stays flat whatever the size; a progress bar with an ETA on a terminal; and a resume point saved
 * after every page.
 *
 * Resume: after Ctrl-C (or any failure), the state file (in the state folder, keyed by the export's options)
 * says which page comes next. `--resume` starts there: the page that was in flight is the only one requested
 * twice. With `--output`, the file is cut back to the end of the last complete page and appended to; on stdout,
 * the resumed run writes only the remaining rows (append them yourself: `>> file`).
 *
 * @module
 */

import { createHash } from "node:crypto";
import {
  closeSync,
  createWriteStream,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { choiceOption, str } from "../args";
import type { ListEndpoint } from "../compat";
import { pagesFrom } from "../compat";
import type { CommandContext } from "../context";
import { CliError, EXIT, UsageError } from "../exit";
import { writePrivateFile } from "../files";
import { project } from "../output";

/** What one kind of export needs. */
export interface ExportJob<T> {
  /** `"collection"`, `"wantlist"`, `"inventory"`. */
  kind: string;
  /** CSV header (no line end). */
  header: string;
  /** The list walked. */
  endpoint: ListEndpoint<T>;
  /** One item as a CSV line. */
  csvRow(item: T): string | Promise<string>;
  /** What makes two exports the same one (user, folder, filters): part of the resume key. */
  key: Record<string, unknown>;
}

interface ResumeState {
  version: 1;
  /** The next page to request (1-based). */
  nextPage: number;
  /** Items written so far. */
  done: number;
  /** Items in the list when last seen. */
  total?: number;
  /** Bytes of the output file at the end of the last complete page (file output only). */
  bytes: number;
  /** Whether the CSV header was written. */
  headerWritten: boolean;
}

/** Where output goes: stdout or a file; `write` resolves once the OS has the bytes. */
interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  bytes: number;
}

function streamSink(stream: NodeJS.WritableStream, bytes: number, own: boolean): Sink {
  const sink: Sink = {
    bytes,
    write(text) {
      return new Promise((res, rej) => {
        stream.write(text, (err?: Error | null) => {
          if (err) rej(err);
          else {
            sink.bytes += Buffer.byteLength(text);
            res();
          }
        });
      });
    },
    close() {
      if (!own) return Promise.resolve();
      return new Promise((res, rej) => {
        stream.once("error", rej);
        stream.end(() => res());
      });
    },
  };
  return sink;
}

/** The checked options of an export. */
export interface ExportSettings {
  format: "csv" | "jsonl";
  fields: string[] | undefined;
  /** The `--output` as given, or undefined for stdout. */
  outputPath: string | undefined;
  /** The absolute output path, or "-" for stdout. */
  target: string;
  resume: boolean;
}

/** Checks the export options; call it before anything is sent. */
export function exportSettings(ctx: CommandContext): ExportSettings {
  const { opts, out } = ctx;
  let format = choiceOption(opts, "format", ["csv", "jsonl"] as const);
  if (opts.json === true) {
    if (format === "csv") {
      throw new UsageError(
        "--json and --format csv contradict each other",
        "use --format jsonl, or leave out --json",
      );
    }
    format = "jsonl";
  }
  format ??= "csv";
  const fields = out.settings.fields;
  if (fields && format === "csv") {
    throw new UsageError(
      "--fields does not apply to --format csv (the website's fixed layout)",
      "use --format jsonl --fields ...",
    );
  }
  const outputPath = str(opts, "output");
  return {
    format,
    fields,
    outputPath,
    target: outputPath ? resolve(outputPath) : "-",
    resume: opts.resume === true,
  };
}

/** Runs an export; returns the exit code. */
export async function runExport<T>(
  ctx: CommandContext,
  settings: ExportSettings,
  job: ExportJob<T>,
): Promise<number> {
  const { out } = ctx;
  const { format, fields, outputPath, target, resume } = settings;

  const id = createHash("sha256")
    .update(
      JSON.stringify({
        kind: job.kind,
        baseUrl: ctx.baseUrl,
        key: job.key,
        format,
        target,
        fields: fields ?? null,
      }),
    )
    .digest("hex")
    .slice(0, 24);
  const stateFile = join(ctx.paths.state, "exports", `${job.kind}-${id}.json`);
  let state: ResumeState = { version: 1, nextPage: 1, done: 0, bytes: 0, headerWritten: false };
  if (resume) {
    if (!existsSync(stateFile)) {
      throw new UsageError(
        `nothing to resume: no interrupted ${job.kind} export with these options`,
        "run it again without --resume to start over (the options, --output included, must match the interrupted run)",
      );
    }
    state = JSON.parse(readFileSync(stateFile, "utf8")) as ResumeState;
  }

  let sink: Sink;
  if (target === "-") {
    sink = streamSink(ctx.io.stdout, 0, false);
  } else {
    if (resume) {
      const size = existsSync(target) ? statSync(target).size : -1;
      if (size < state.bytes) {
        throw new CliError(
          `${target} is shorter than when the export was interrupted (${size < 0 ? "missing" : `${size} bytes`}, expected at least ${state.bytes})`,
          EXIT.error,
          "run it again without --resume to start over",
        );
      }
      truncateSync(target, state.bytes); // drop a page that was cut off
    } else {
      closeSync(openSync(target, "w"));
    }
    sink = streamSink(createWriteStream(target, { flags: "a" }), state.bytes, true);
  }

  const save = () => writePrivateFile(stateFile, JSON.stringify(state) + "\n");
  // The bar shares the screen with the data when both go to the terminal: draw it only when they do not.
  const progress = ctx.progress(`Exporting ${job.kind}`);
  const bar = target === "-" && ctx.io.stdout.isTTY ? undefined : progress;
  const started = Date.now();
  let pages = 0;
  try {
    if (format === "csv" && !state.headerWritten) {
      await sink.write(job.header + "\n");
      state.headerWritten = true;
      state.bytes = sink.bytes;
    }
    save(); // from here on, an interrupted export can be resumed
    bar?.start(state.done, state.total);
    let expected = state.nextPage;
    for await (const page of pagesFrom(job.endpoint, state.nextPage, { signal: ctx.signal })) {
      const total = page.pagination?.items;
      if (
        state.total !== undefined &&
        total !== undefined &&
        total !== state.total &&
        pages === 0 &&
        resume
      ) {
        out.warn(
          `the ${job.kind} has ${total} items now, ${state.total} when the export started: rows may be missing or repeated; run without --resume for an exact copy`,
        );
      }
      let chunk = "";
      for (const item of page.items) {
        chunk +=
          format === "csv"
            ? await job.csvRow(item)
            : JSON.stringify(fields ? project(item, fields) : item) + "\n";
      }
      await sink.write(chunk);
      pages++;
      expected = (page.pagination?.page ?? expected) + 1;
      state = { ...state, nextPage: expected, done: state.done + page.items.length, bytes: sink.bytes };
      if (total !== undefined) state.total = total;
      save();
      bar?.update(state.done, state.total);
    }
    await sink.close();
    rmSync(stateFile, { force: true });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    bar?.finish(
      `Exported ${state.done.toLocaleString("en-US")} items${target === "-" ? "" : ` to ${outputPath}`} in ${secs} s`,
    );
    return EXIT.ok;
  } catch (e) {
    bar?.finish();
    await sink.close().catch(() => {});
    const resumeHint = `run the same command with --resume to continue (${state.done} of ${state.total ?? "?"} items written)`;
    if (ctx.interrupted()) {
      ctx.io.stderr.write(`Interrupted: ${resumeHint}.\n`);
      return EXIT.interrupted;
    }
    if (e instanceof CliError) throw e;
    // Keep the resume point: a lost connection or an exhausted rate limit can be resumed too.
    out.warn(resumeHint);
    throw e;
  }
}
