/**
 * `client.uploads`: inventory uploads (add, change or delete listings in bulk from a CSV file).
 *
 * The CSV is given as one of (never ambiguous: a string is always CSV content, never a path):
 * - a `string`: the CSV text itself;
 * - a `Blob` (or `File`, whose name is used as the file name);
 * - bytes: a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`;
 * - a file to read, on runtimes with `node:fs` (Node, Bun, Deno): `{ path: "./inventory.csv" }`, or a `file:`
 *   `URL` (also as `{ path: url }`). The file is read with a dynamic `import("node:fs/promises")`, so the SDK
 *   stays runtime-neutral; elsewhere this form is rejected.
 *
 * It is sent as `multipart/form-data` with the single file field `upload` (`text/csv`), built with the global
 * `FormData` and `Blob`.
 *
 * @module
 */

import type { Lazy } from "../../core/lazy";
import { getBuiltin } from "../../core/env";
import { pathArg, type Endpoint } from "../../core/endpoint";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import { getUpload, listUploads, uploadAdd, uploadChange, uploadDelete } from "../../endpoints/inventory";
import type { Upload } from "../../models/marketplace";
import { call, jobFromLocation, lazyCall, list, type InventoryJob } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams } from "../users/shared";

/** A file to read, on runtimes with `node:fs`: a path or a `file:` URL. */
export interface CsvFile {
  /** A file system path or a `file:` URL. */
  path: string | URL;
  /** The file name sent to Discogs. @default the path's last segment */
  filename?: string;
}

/** The CSV of an upload: its text, a Blob, bytes, or a file to read (see the module documentation). */
export type CsvInput = string | Blob | Uint8Array | ArrayBuffer | CsvFile | URL;

/** Which upload endpoint: `/inventory/upload/{kind}`. */

const DEFAULT_FILENAME = "inventory.csv";

function fileUrl(value: URL): URL {
  if (value.protocol !== "file:")
    throw new TypeError(`csv as a URL must be a file: URL, got ${value.protocol} URL`);
  return value;
}

/** The last segment of a path or file URL. */
function basename(file: string | URL): string {
  if (file instanceof URL) return decodeURIComponent(file.pathname.split("/").pop() ?? "");
  return file.split(/[\\/]/).pop() ?? "";
}

/**
 * Checks `csv` synchronously and returns a function that produces the upload's `Blob` and file name (reading
 * the file for the file forms).
 */
function csvSource(csv: unknown): () => Promise<{ blob: Blob; filename: string }> {
  const wrap = (part: BlobPart, filename: string) => async () => ({
    blob: new Blob([part], { type: "text/csv" }),
    filename,
  });
  if (typeof csv === "string") {
    if (csv.trim() === "") throw new TypeError("csv is empty: it needs a header row and at least one record");
    if (!/[\r\n]/.test(csv) && /\.csv$/i.test(csv.trim())) {
      throw new TypeError(
        `csv looks like a file path (${JSON.stringify(csv)}); a string is the CSV text, pass { path } to upload a file`,
      );
    }
    return wrap(csv, DEFAULT_FILENAME);
  }
  if (typeof Blob !== "undefined" && csv instanceof Blob) {
    const name = (csv as { name?: unknown }).name;
    return wrap(csv, typeof name === "string" && name !== "" ? name : DEFAULT_FILENAME);
  }
  if (csv instanceof Uint8Array) return wrap(csv.slice(), DEFAULT_FILENAME);
  if (csv instanceof ArrayBuffer) return wrap(csv, DEFAULT_FILENAME);
  let file: string | URL | undefined;
  let filename: string | undefined;
  if (csv instanceof URL) file = fileUrl(csv);
  else if (csv !== null && typeof csv === "object" && "path" in csv) {
    const { path: p, filename: name } = csv as CsvFile;
    if (p instanceof URL) file = fileUrl(p);
    else if (typeof p === "string" && p.trim() !== "") file = p;
    else throw new TypeError("csv.path must be a non-empty string or a file: URL");
    if (name !== undefined && (typeof name !== "string" || name === "")) {
      throw new TypeError("csv.filename must be a non-empty string");
    }
    filename = name;
  }
  if (file === undefined) {
    throw new TypeError(
      "csv must be the CSV text (string), a Blob, a Uint8Array, an ArrayBuffer, { path } or a file: URL",
    );
  }
  const target = file;
  const name = filename ?? (basename(target) || DEFAULT_FILENAME);
  return async () => {
    // Through process.getBuiltinModule: no `node:` import, so a browser bundle never reaches the file system.
    const fs = getBuiltin()?.("node:fs/promises") as
      { readFile(p: string | URL): Promise<Uint8Array> } | undefined;
    if (!fs) {
      throw new TypeError(
        "csv as a file path needs a runtime with node:fs (Node 20.16+, Bun, Deno); pass a Blob or the text",
      );
    }
    const bytes = await fs.readFile(target);
    return wrap(bytes.slice(), name)();
  };
}

/** `client.uploads` */
export class Uploads extends APIResource {
  async #upload(
    ep: Endpoint<void>,
    load: () => Promise<{ blob: Blob; filename: string }>,
    options?: RequestOptions,
  ) {
    const { blob, filename } = await load();
    if (blob.size === 0) throw new TypeError("csv is empty: it needs a header row and at least one record");
    const form = new FormData();
    form.append("upload", blob, filename);
    const { response } = await call(this._client, ep, {}, undefined, options, {
      rawBody: form,
    }).withResponse();
    return jobFromLocation(this._client, response, "upload");
  }

  /**
   * Adds listings from a CSV (`POST /inventory/upload/add`; columns `release_id`, `price`, `media_condition`
   * required; `sleeve_condition`, `comments`, `accept_offer`, `location`, `external_id`, `weight`,
   * `format_quantity` optional). Discogs processes it in the background and answers with the upload's URL in
   * `Location`: this returns `{ id, location }`; follow it with `client.uploads.get(id)`. Never retried.
   *
   * @example
   * ```ts
   * const { id } = await client.uploads.create("release_id,price,media_condition\n352665,25.00,Mint (M)\n");
   * await client.uploads.create({ path: "./inventory.csv" }); // Node, Bun, Deno
   * const upload = await client.uploads.get(id);
   * ```
   */
  create(csv: CsvInput, options?: RequestOptions): Promise<InventoryJob> {
    return this.#upload(uploadAdd, csvSource(csv), options);
  }

  /**
   * Changes listings from a CSV (`POST /inventory/upload/change`; `release_id` plus at least one of the other
   * columns). Returns `{ id, location }` like {@link Uploads.create}. Never retried.
   *
   * @example
   * ```ts
   * await client.uploads.change("release_id,price\n352665,22.50\n");
   * ```
   */
  change(csv: CsvInput, options?: RequestOptions): Promise<InventoryJob> {
    return this.#upload(uploadChange, csvSource(csv), options);
  }

  /**
   * Deletes listings from a CSV (`POST /inventory/upload/delete`; column `listing_id`). Returns
   * `{ id, location }` like {@link Uploads.create}. Never retried.
   *
   * @example
   * ```ts
   * await client.uploads.delete(new Blob(["listing_id\n123456\n"]));
   * ```
   */
  delete(csv: CsvInput, options?: RequestOptions): Promise<InventoryJob> {
    return this.#upload(uploadDelete, csvSource(csv), options);
  }

  /**
   * Your inventory uploads, newest first (`GET /inventory/upload`); a paginator.
   *
   * @example
   * ```ts
   * for await (const u of client.uploads.list()) console.log(u.id, u.type, u.status, u.results);
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<Upload> {
    return list(this._client, listUploads, {}, params, options);
  }

  /**
   * One upload (`GET /inventory/upload/{id}`), fetched when awaited: its `status`, `type` and `results`.
   *
   * @example
   * ```ts
   * const upload = await client.uploads.get(119615);
   * console.log(upload.status, upload.results);
   * ```
   */
  get(id: number, options?: RequestOptions): Lazy<Upload> {
    return lazyCall(
      this._client,
      getUpload,
      { upload_id: pathArg(getUpload, "upload_id", id, "id") },
      undefined,
      options,
    );
  }
}
