/** Helpers shared by the resource tests that run against the emulator. */
import { expect } from "vitest";
import type { Paginator } from "../../src/index";
import type { Emulator } from "../../src/testing/index";

/** Helpers bound to the emulator a test file starts (passed as a getter, since it starts in `beforeAll`). */
export function harness(getEmu: () => Emulator) {
  return {
    /** The requests the emulator saw, as `{method, path, query, body}`. */
    wire() {
      return getEmu().requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
    },
    /** Runs `fn` (sync throw or rejection) and expects a TypeError matching `message`, with no request sent. */
    async expectTypeError(fn: () => unknown, message: RegExp) {
      let caught: unknown;
      try {
        await fn();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as Error).message).toMatch(message);
      expect(getEmu().requests).toHaveLength(0);
    },
  };
}

/** Walks every page; returns the items, the page sizes and the first page's `pagination.items`. */
export async function walk<T>(paginator: Paginator<T>) {
  const sizes: number[] = [];
  const items: T[] = [];
  let reported = -1;
  for await (const page of paginator.pages()) {
    if (reported === -1) reported = page.pagination.items;
    sizes.push(page.items.length);
    items.push(...page.items);
  }
  return { items, sizes, reported };
}
