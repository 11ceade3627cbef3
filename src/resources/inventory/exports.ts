/**
 * `client.exports`: inventory exports (request a CSV of your inventory, follow it, download it).
 *
 * @module
 */

import type { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import { oneOf, optionsObject, path, positiveId } from "../../core/params";
import type { RequestOptions } from "../../core/request";
import { pageSchema } from "../../models/common";
import { ExportSchema, type Export } from "../../models/marketplace";
import { jobFromLocation, lazyGet, type InventoryJob } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type PageParams } from "../users/shared";

/** How `client.exports.download` returns the CSV. */
export type DownloadFormat = "text" | "bytes" | "stream";

/** Parameters of `client.exports.download`. */
export interface DownloadParams<F extends DownloadFormat = DownloadFormat> {
  /**
   * `"text"`: the whole CSV as a string; `"bytes"`: a `Uint8Array`; `"stream"`: a `ReadableStream<Uint8Array>`
   * of the body (read it to the end or cancel it). @default "text"
   */
  as?: F;
}

const ExportsPageSchema = pageSchema("items", ExportSchema);
const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ["text", "bytes", "stream"];

/** `client.exports` */
export class Exports extends APIResource {
  /**
   * Starts an export of your inventory (`POST /inventory/export`, needs a user). Discogs answers 200 with no
   * documented body and the new export's URL in the `Location` header, so this returns `{ id, location }`
   * parsed from that header: follow it with `client.exports.get(id)` until its `status` is `"success"`, then
   * `client.exports.download(id)`. Never retried (a retry could start a second export).
   *
   * @example
   * ```ts
   * const { id } = await client.exports.request();
   * const job = await client.exports.get(id);
   * if (job.status === "success") console.log(await client.exports.download(id));
   * ```
   */
  async request(options?: RequestOptions): Promise<InventoryJob> {
    const { response } = await this._client._requestWithResponse<void>({
      method: "POST",
      path: "/inventory/export",
      responseType: "none",
      options,
    });
    return jobFromLocation(this._client, response, "export");
  }

  /**
   * Your inventory exports, newest first (`GET /inventory/export`); a paginator.
   *
   * @example
   * ```ts
   * for await (const e of client.exports.list()) console.log(e.id, e.status, e.filename);
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<Export> {
    return this._client._paginate({
      path: "/inventory/export",
      query: listQuery(params),
      schema: ExportsPageSchema,
      items: (page: { items: Export[] }) => page.items,
      options,
    });
  }

  /**
   * One export (`GET /inventory/export/{id}`), fetched when awaited. `created_at`/`finished_at` are wire
   * `created_ts`/`finished_ts`.
   *
   * @example
   * ```ts
   * const job = await client.exports.get(599632);
   * console.log(job.status, job.finished_at);
   * ```
   */
  get(id: number, options?: RequestOptions): Lazy<Export> {
    return lazyGet(this._client, {
      path: path`/inventory/export/${positiveId("id", id)}`,
      schema: ExportSchema,
      options,
    });
  }

  /**
   * Downloads a finished export's CSV (`GET /inventory/export/{id}/download`, `text/csv`). By default the CSV
   * as a string; `{ as: "bytes" }` gives a `Uint8Array`, `{ as: "stream" }` a `ReadableStream<Uint8Array>` (for a
   * large inventory: pipe it to a file instead of holding it in memory; the timeout stops applying once the
   * headers arrived, `options.signal` still aborts it).
   *
   * @example
   * ```ts
   * const csv = await client.exports.download(599632);
   * const bytes = await client.exports.download(599632, { as: "bytes" });
   * const stream = await client.exports.download(599632, { as: "stream" });
   * // Node: await pipeline(Readable.fromWeb(stream), createWriteStream("inventory.csv"));
   * ```
   */
  download(id: number, params?: DownloadParams<"text">, options?: RequestOptions): Promise<string>;
  download(id: number, params: DownloadParams<"bytes">, options?: RequestOptions): Promise<Uint8Array>;
  download(
    id: number,
    params: DownloadParams<"stream">,
    options?: RequestOptions,
  ): Promise<ReadableStream<Uint8Array>>;
  download(
    id: number,
    params?: DownloadParams,
    options?: RequestOptions,
  ): Promise<string | Uint8Array | ReadableStream<Uint8Array>>;
  download(
    id: number,
    params?: DownloadParams,
    options?: RequestOptions,
  ): Promise<string | Uint8Array | ReadableStream<Uint8Array>> {
    const exportId = positiveId("id", id);
    const as = oneOf("as", optionsObject("params", params).as, DOWNLOAD_FORMATS) ?? "text";
    const req = { method: "GET", path: path`/inventory/export/${exportId}/download`, options } as const;
    // "stream": the transport hands back the body with the SDK's errors, its abort listener released at its end.
    return this._client._request<string | Uint8Array | ReadableStream<Uint8Array>>({
      ...req,
      responseType: as,
    });
  }
}
