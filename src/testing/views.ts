/**
 * The emulator's derived views: a master's versions, an artist's releases and a label's releases, computed from
 * `state.releases` (and `state.masters`) when asked, so that a release added, renamed or removed through
 * `emu.state` shows up in them at once. Only the releases and the entities are stored.
 *
 * @module
 */

import { artistsDisplay, formatString, releaseCredits } from "./seed/database";
import type { EmulatorState, Wire } from "./state";

/** A read-only map whose values are computed when read: `get(id)` derives the list of one entity. */
export class DerivedView<V> implements ReadonlyMap<number, V> {
  readonly #keys: () => Iterable<number>;
  readonly #derive: (id: number) => V;
  readonly #has: (id: number) => boolean;

  constructor(keys: () => Iterable<number>, has: (id: number) => boolean, derive: (id: number) => V) {
    this.#keys = keys;
    this.#has = has;
    this.#derive = derive;
  }

  get(id: number): V | undefined {
    return this.#has(id) ? this.#derive(id) : undefined;
  }
  has(id: number): boolean {
    return this.#has(id);
  }
  get size(): number {
    return [...this.#keys()].length;
  }
  *keys(): MapIterator<number> {
    yield* this.#keys();
  }
  *values(): MapIterator<V> {
    for (const id of this.#keys()) yield this.#derive(id);
  }
  *entries(): MapIterator<[number, V]> {
    for (const id of this.#keys()) yield [id, this.#derive(id)];
  }
  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: number, map: ReadonlyMap<number, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** A master version item (`GET /masters/{id}/versions`) for a release. */
function versionItem(r: Wire): Wire {
  return {
    id: r.id,
    label: r.labels[0]?.name ?? "",
    country: r.country,
    title: r.title,
    major_formats: [...new Set(r.formats.map((f: Wire) => f.name))],
    format: formatString(r.formats),
    catno: r.labels[0]?.catno ?? "",
    released: r.released ? String(r.released).slice(0, 4) : "",
    status: r.status,
    resource_url: r.resource_url,
    thumb: r.thumb,
    stats: { community: { in_wantlist: r.community.want, in_collection: r.community.have } },
  };
}

/** The role an artist has on a release for `GET /artists/{id}/releases`. */
function artistRole(r: Wire, artistId: number): string | null {
  let role: string | null = null;
  for (const { credit: c, where } of releaseCredits(r)) {
    if (c.id !== artistId) continue;
    if (where === "main") return "Main";
    if (where === "track") role = role ?? "TrackAppearance";
    else if (/remix/i.test(c.role)) role = "Remix";
    else if (/producer/i.test(c.role) && role !== "Remix") role = "Producer";
    else role = role ?? "Appearance";
  }
  return role;
}

/** The titles of the tracks (and sub-tracks) on which `artistId` is a track artist. */
function collectTrackTitles(r: Wire, artistId: number): string[] {
  const out: string[] = [];
  const walk = (tracks: Wire[]) => {
    for (const t of tracks) {
      if ((t.artists ?? []).some((a: Wire) => a.id === artistId)) out.push(t.title);
      if (t.sub_tracks) walk(t.sub_tracks);
    }
  };
  walk(r.tracklist ?? []);
  return out;
}

/** The releases of a master, oldest first. */
function versionsOf(state: EmulatorState, masterId: number): Wire[] {
  return [...state.releases.values()]
    .filter((r) => r.master_id === masterId)
    .sort((a, b) => String(a.released).localeCompare(String(b.released)) || a.id - b.id);
}

/** `GET /masters/{id}/versions` items of a master. */
export function masterVersionItems(state: EmulatorState, masterId: number): Wire[] {
  return versionsOf(state, masterId).map(versionItem);
}

/** `GET /artists/{id}/releases` items of an artist: its masters (once, as main artist) and its other releases. */
export function artistReleaseItems(state: EmulatorState, artistId: number): Wire[] {
  const items: Wire[] = [];
  const seenMasters = new Set<number>();
  for (const r of state.releases.values()) {
    const role = artistRole(r, artistId);
    if (!role) continue;
    const master = r.master_id ? state.masters.get(r.master_id) : undefined;
    if (master && role === "Main") {
      if (seenMasters.has(master.id)) continue;
      seenMasters.add(master.id);
      items.push(masterItem(state, master, role));
      continue;
    }
    const item: Wire = {
      id: r.id,
      title: r.title,
      type: "release",
      status: r.status,
      format: formatString(r.formats),
      label: r.labels.map((l: Wire) => l.name).join(", "),
      artist: artistsDisplay(r.artists),
      role,
      resource_url: r.resource_url,
      year: r.year,
      thumb: r.thumb,
      stats: { community: { in_wantlist: r.community.want, in_collection: r.community.have } },
    };
    if (role === "TrackAppearance") item.trackinfo = collectTrackTitles(r, artistId).join(", ");
    items.push(item);
  }
  return items.sort((a, b) => a.year - b.year || a.id - b.id);
}

function masterItem(state: EmulatorState, master: Wire, role: string): Wire {
  const versions = versionsOf(state, master.id);
  return {
    id: master.id,
    title: master.title,
    type: "master",
    main_release: master.main_release,
    artist: artistsDisplay(master.artists),
    role,
    resource_url: master.resource_url,
    year: master.year,
    thumb: master.images[0]?.uri150 ?? "",
    stats: {
      community: {
        in_wantlist: versions.reduce((n, v) => n + v.community.want, 0),
        in_collection: versions.reduce((n, v) => n + v.community.have, 0),
      },
    },
  };
}

/** `GET /labels/{id}/releases` items of a label, by catalog number. */
export function labelReleaseItems(state: EmulatorState, labelId: number): Wire[] {
  const items: Wire[] = [];
  for (const r of state.releases.values()) {
    const lc = r.labels.find((l: Wire) => l.id === labelId);
    if (!lc) continue;
    items.push({
      id: r.id,
      status: r.status,
      title: r.title,
      catno: lc.catno,
      format: formatString(r.formats),
      artist: artistsDisplay(r.artists),
      year: r.year,
      resource_url: r.resource_url,
      thumb: r.thumb,
      stats: { community: { in_wantlist: r.community.want, in_collection: r.community.have } },
    });
  }
  return items.sort((a, b) => String(a.catno).localeCompare(String(b.catno)) || a.id - b.id);
}
