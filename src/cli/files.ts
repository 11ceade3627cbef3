/**
 * Private files: written whole (a temporary file renamed over the target, so a crash never leaves half a
 * file), with mode 0600 in a folder created with mode 0700.
 *
 * @module
 */

import { chmodSync, mkdirSync, openSync, closeSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { randomBytes } from "node:crypto";

/** Writes `text` to `file` atomically with mode 0600 (the folder is created with mode 0700 when missing). */
export function writePrivateFile(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, 0o600); // the umask cannot widen 0600, but a prior chmod of the folder's default ACL could
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
