/**
 * The inventory endpoints: exports (request, list, get, download) and uploads (add, change, delete, list, get).
 *
 * @module
 */

import { endpoint, inPath } from "../core/endpoint";
import { positiveId } from "../core/params";
import { ExportSchema, UploadSchema } from "../models/marketplace";

const id = inPath(positiveId, "job id");

export const requestExport = endpoint<void>({
  name: "exports.request",
  summary: "Starts an export of the user's inventory to CSV (a create: never retried)",
  method: "POST",
  path: "/inventory/export",
  params: {},
  responseType: "none",
  invalidates: ["/inventory/export"],
  auth: "user",
});

export const listExports = endpoint({
  name: "exports.list",
  summary: "The user's inventory exports, newest first",
  method: "GET",
  path: "/inventory/export",
  params: {},
  response: ExportSchema,
  list: "items",
  auth: "user",
});

export const getExport = endpoint({
  name: "exports.get",
  summary: "One inventory export and its status",
  method: "GET",
  path: "/inventory/export/{export_id}",
  params: { export_id: id },
  response: ExportSchema,
  auth: "user",
});

export const downloadExport = endpoint<string>({
  name: "exports.download",
  summary: "A finished export's CSV",
  method: "GET",
  path: "/inventory/export/{export_id}/download",
  params: { export_id: id },
  responseType: "text",
  auth: "user",
});

const uploadDrops = ["/inventory/upload", "/users/{*}/inventory*", "/marketplace/listings*"];

function upload(kind: "add" | "change" | "delete", name: string, summary: string) {
  return endpoint<void>({
    name,
    summary,
    method: "POST",
    path: `/inventory/upload/${kind}`,
    params: {},
    responseType: "none",
    invalidates: uploadDrops,
    auth: "user",
    destructive: kind !== "add",
  });
}

export const uploadAdd = upload(
  "add",
  "uploads.create",
  "Adds listings from a CSV (a create: never retried)",
);
export const uploadChange = upload("change", "uploads.change", "Changes listings from a CSV");
export const uploadDelete = upload("delete", "uploads.delete", "Deletes listings named in a CSV");

export const listUploads = endpoint({
  name: "uploads.list",
  summary: "The user's inventory uploads, newest first",
  method: "GET",
  path: "/inventory/upload",
  params: {},
  response: UploadSchema,
  list: "items",
  auth: "user",
});

export const getUpload = endpoint({
  name: "uploads.get",
  summary: "One inventory upload and its status",
  method: "GET",
  path: "/inventory/upload/{upload_id}",
  params: { upload_id: id },
  response: UploadSchema,
  auth: "user",
});
