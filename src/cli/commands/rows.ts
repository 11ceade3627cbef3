/**
 * Input rows of the bulk commands (`--from <file>`): CSV with a header, JSONL, or one id per line. Column
 * names are matched loosely (case, spaces and dashes do not matter: "Release ID" is `release_id`).
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { parseCsv } from "../csv";
import { UsageError } from "../exit";

/** One input row: its number (1-based, counting data rows), its original cells and its normalized values. */
export interface InputRow {
  /** Data row number, 1-based (the header is not counted). */
  n: number;
  /** The cells as read, by original column name (for the result file). */
  cells: Record<string, string>;
  /** Values by normalized column name. */
  values: Record<string, string>;
}

/** What a file held. */
export interface InputTable {
  /** Original column names, in order. */
  columns: string[];
  rows: InputRow[];
}

/** `Release ID` -> `release_id`. */
export function normalizeColumn(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function cellString(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** Reads `--from`: a path, or `-` for stdin. `idColumn` names the column of a bare id list. */
export function readInput(source: string, text: string | undefined, idColumn: string): InputTable {
  let content: string;
  try {
    content = text ?? readFileSync(source, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read --from ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== "")?.trim() ?? "";
  if (first === "") throw new UsageError(`--from ${source} is empty`);

  if (first.startsWith("{")) {
    const columns: string[] = [];
    const rows: InputRow[] = [];
    let n = 0;
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        throw new UsageError(`--from ${source}, line ${i + 1}: not valid JSON`);
      }
      if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
        throw new UsageError(`--from ${source}, line ${i + 1}: expected a JSON object`);
      }
      const cells: Record<string, string> = {};
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(obj)) {
        if (!columns.includes(k)) columns.push(k);
        cells[k] = cellString(v);
        values[normalizeColumn(k)] = cellString(v);
      }
      rows.push({ n: ++n, cells, values });
    });
    return { columns, rows };
  }

  if (/^@?[a-z]?\d+$/i.test(first)) {
    const rows: InputRow[] = [];
    let n = 0;
    lines.forEach((line, i) => {
      const v = line.trim();
      if (v === "" || v.startsWith("#")) return;
      if (!/^@?[a-z]?\d+$/i.test(v))
        throw new UsageError(
          `--from ${source}, line ${i + 1}: expected an id, got ${JSON.stringify(v.slice(0, 40))}`,
        );
      const id = v.replace(/^@?[a-z]?/i, "");
      rows.push({ n: ++n, cells: { [idColumn]: id }, values: { [idColumn]: id } });
    });
    return { columns: [idColumn], rows };
  }

  let table: string[][];
  try {
    table = parseCsv(content);
  } catch (e) {
    throw new UsageError(`--from ${source}: ${(e as Error).message}`);
  }
  const [header, ...data] = table;
  const columns = header ?? [];
  const seen = new Set<string>();
  for (const c of columns) {
    const k = normalizeColumn(c);
    if (k !== "" && seen.has(k)) throw new UsageError(`--from ${source}: the column "${c}" appears twice`);
    seen.add(k);
  }
  const rows = data.map((cellsArr, i) => {
    if (cellsArr.length > columns.length && cellsArr.slice(columns.length).some((c) => c !== "")) {
      throw new UsageError(
        `--from ${source}, row ${i + 1}: ${cellsArr.length} fields, the header has ${columns.length}`,
      );
    }
    const cells: Record<string, string> = {};
    const values: Record<string, string> = {};
    columns.forEach((c, j) => {
      cells[c] = cellsArr[j] ?? "";
      values[normalizeColumn(c)] = (cellsArr[j] ?? "").trim();
    });
    return { n: i + 1, cells, values };
  });
  return { columns, rows };
}
