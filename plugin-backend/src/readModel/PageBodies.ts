import { createHash } from 'node:crypto';
import type { SnapshotMeta } from '@gcp-serverless/common';
import type { ServedSnapshot } from './ReadModel';

/** A page ready to send: its JSON text and an entity tag that changes whenever the text would. */
export interface PageBody {
  /** The JSON body, the snapshot's age at the top level (`snapshot`). */
  json: string;
  /** A weak entity tag (`W/"…"`): equal tags, equal bodies. */
  etag: string;
}

const tagOf = (version: string) =>
  `W/"${createHash('sha1').update(version).digest('base64url')}"`;

/**
 * The JSON text of served pages, kept with the snapshots they come from (issue 10: a warm read of a
 * 1,000-service page costs neither a serialization nor a hash of megabytes). A page served from one
 * snapshot is serialized once per snapshot (its id) and only its age (`snapshot`, a few dozen bytes)
 * is written per request; its entity tag is the snapshot's id and that age, so a viewer whose copy
 * is current gets a 304 without the body being assembled at all. A page assembled from several
 * snapshots is kept by the version of its inputs (their ids and ages), rebuilt when one changes.
 * One text per page key, the latest: memory grows with the pages viewed, not with the requests.
 */
export class PageBodies {
  private readonly values = new Map<string, { id: string; text: string }>();
  private readonly composed = new Map<string, PageBody & { version: string }>();

  /** The body of a page served as one snapshot's value with its age. */
  ofSnapshot(key: string, served: ServedSnapshot<object>): PageBody {
    const { snapshot, meta } = served;
    const metaJson = JSON.stringify(meta);
    let value = this.values.get(key);
    if (value?.id !== snapshot.id) {
      value = { id: snapshot.id, text: JSON.stringify(snapshot.value) };
      this.values.set(key, value);
    }
    return {
      json: withSnapshotMeta(value.text, metaJson),
      etag: tagOf(`${snapshot.id}\n${metaJson}`),
    };
  }

  /**
   * The body of a page assembled from several parts: `version` names every input (ids and ages of
   * the snapshots, errors of the parts that failed), `build` assembles the page and runs only when
   * the version changed since the last request of `key`.
   */
  ofParts(key: string, version: string, build: () => object): PageBody {
    const kept = this.composed.get(key);
    if (kept?.version === version) return kept;
    const body = {
      version,
      json: JSON.stringify(build()),
      etag: tagOf(version),
    };
    this.composed.set(key, body);
    return body;
  }
}

/** `valueJson` (an object's JSON text) with `"snapshot": metaJson` as its last member. */
function withSnapshotMeta(valueJson: string, metaJson: string): string {
  const open = valueJson.slice(0, -1).trimEnd();
  const separator = open === '{' ? '' : ',';
  return `${open}${separator}"snapshot":${metaJson}}`;
}

/** The version of a served snapshot as a part of a larger page: its id and its age as served. */
export const partVersion = (served: ServedSnapshot<unknown>): string =>
  `${served.snapshot.id}:${JSON.stringify(served.meta satisfies SnapshotMeta)}`;
