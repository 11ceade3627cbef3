/**
 * Module resolution hooks of the docs-blocks runner (registered by register.mjs). `discogs-sdk` and each
 * `discogs-sdk/<subpath>` of package.json `exports` resolve to the file the harness's map names (the test shim
 * for the main entry, the source entry for the others); everything else resolves as usual.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** @type {Record<string, string>} */
let targets = {};

/** @param {{ map: string }} data */
export function initialize(data) {
  targets = JSON.parse(readFileSync(data.map, "utf8"));
}

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<object>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const target = targets[specifier];
  // The target goes on down the chain (tsx's resolver included), as if the block had imported the file itself.
  return nextResolve(target ? pathToFileURL(target).href : specifier, context);
}
