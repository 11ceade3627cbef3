/**
 * `client.exports`: inventory exports (request a CSV of your inventory, follow it, download it).
 *
 * @module
 */

import type { Lazy } from "../../core/lazy";
import type { APIPromise } from "../../core/api-promise";
import { pathArg } from "../../core/endpoint";
import type { Paginator } from "../../core/pagination";
import { checkKeys, oneOf, optionsObject } from "../../core/params";
import type { RequestOptions } from "../../core/request";
import { downloadExport, getExport, listExports, requestExport } from "../../endpoints/inventory";
import type { Export } from "../../models/marketplace";
import { call, jobFromLocation, lazyCall, list, type InventoryJob } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams } from "../users/shared";

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
    const { response } = await call(this._client, requestExport, {}, undefined, options).withResponse();
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
    return list(this._client, listExports, {}, params, options);
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
    return lazyCall(
      this._client,
      getExport,
      { export_id: pathArg(getExport, "export_id", id, "id") },
      undefined,
      options,
    );
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
  download(id: number, params?: DownloadParams<"text">, options?: RequestOptions): APIPromise<string>;
  download(id: number, params: DownloadParams<"bytes">, options?: RequestOptions): APIPromise<Uint8Array>;
  download(
    id: number,
    params: DownloadParams<"stream">,
    options?: RequestOptions,
  ): APIPromise<ReadableStream<Uint8Array>>;
  download(
    id: number,
    params?: DownloadParams,
    options?: RequestOptions,
  ): APIPromise<string | Uint8Array | ReadableStream<Uint8Array>>;
  download(
    id: number,
    params?: DownloadParams,
    options?: RequestOptions,
  ): APIPromise<string | Uint8Array | ReadableStream<Uint8Array>> {
    const export_id = pathArg(downloadExport, "export_id", id, "id");
    const p = optionsObject("params", params);
    checkKeys("params", p, ["as"]);
    const as = oneOf("as", p.as, DOWNLOAD_FORMATS) ?? "text";
    // "stream": the transport hands back the body with the SDK's errors, its abort listener released at its end.
    return call<string | Uint8Array | ReadableStream<Uint8Array>>(
      this._client,
      downloadExport as never,
      { export_id },
      undefined,
      options,
      { responseType: as },
    );
  }
}
