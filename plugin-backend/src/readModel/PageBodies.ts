import { createHash } from 'node:crypto';
import type { SnapshotMeta } from '@gcp-serverless/common';
import type { ServedSnapshot } from './ReadModel';

/** A page ready to send: its JSON body as UTF-8 bytes and an entity tag that changes whenever they would. */
export interface PageBody {
  /** The JSON body, UTF-8, the snapshot's age at the top level (`snapshot`). Never modified. */
  bytes: Buffer;
  /** A weak entity tag (`W/"…"`): equal tags, equal bodies. */
  etag: string;
}

const tagOf = (version: string) =>
  `W/"${createHash('sha1').update(version).digest('base64url')}"`;

/** A snapshot's value as kept to be sent: its JSON text as UTF-8, without the closing brace. */
interface KeptValue {
  id: string;
  /** `{…` of the value's JSON, ready for `,"snapshot":…}` to be appended. */
  open: Buffer;
  /** Whether the value has members (a comma goes before `"snapshot"`). */
  hasMembers: boolean;
  /** The last body sent from it: reused while the age as served is the same. */
  last?: PageBody & { metaJson: string };
}

/**
 * The bytes of served pages, kept with the snapshots they come from (issue 10: a warm read of a
 * 1,000-service page costs neither a serialization, nor an encoding to UTF-8, nor a hash of
 * megabytes). A page served from one snapshot is serialized and encoded once per snapshot (its id);
 * per request only its age (`snapshot`, a few dozen bytes) is written after it, and while that age
 * is the same the whole body of the previous request is sent again. The entity tag is the
 * snapshot's id and that age, so a viewer whose copy is current gets a 304 without the body being
 * assembled at all. A page assembled from several snapshots is kept by the version of its inputs
 * (their ids and ages), rebuilt when one changes. One body per page key, the latest: memory grows
 * with the pages viewed, not with the requests.
 */
export class PageBodies {
  private readonly values = new Map<string, KeptValue>();
  private readonly composed = new Map<string, PageBody & { version: string }>();

  /** The body of a page served as one snapshot's value with its age. */
  ofSnapshot(key: string, served: ServedSnapshot<object>): PageBody {
    const { snapshot, meta } = served;
    const metaJson = JSON.stringify(meta);
    let value = this.values.get(key);
    if (value?.id !== snapshot.id) {
      value = {
        id: snapshot.id,
        ...openObject(JSON.stringify(snapshot.value)),
      };
      this.values.set(key, value);
    }
    if (value.last?.metaJson !== metaJson) {
      const close = Buffer.from(
        `${value.hasMembers ? ',' : ''}"snapshot":${metaJson}}`,
      );
      value.last = {
        metaJson,
        bytes: Buffer.concat([value.open, close]),
        etag: tagOf(`${snapshot.id}\n${metaJson}`),
      };
    }
    return { bytes: value.last.bytes, etag: value.last.etag };
  }

  /**
   * The body of a page assembled from several parts: `version` names every input (ids and ages of
   * the snapshots, errors of the parts that failed), `build` assembles the page and runs only when
   * the version changed since the last request of `key`.
   */
  ofParts(key: string, version: string, build: () => object): PageBody {
    const kept = this.composed.get(key);
    if (kept?.version === version)
      return { bytes: kept.bytes, etag: kept.etag };
    const body = {
      version,
      bytes: Buffer.from(JSON.stringify(build())),
      etag: tagOf(version),
    };
    this.composed.set(key, body);
    return { bytes: body.bytes, etag: body.etag };
  }
}

/** An object's JSON text as UTF-8 without its closing brace, and whether it has members. */
function openObject(valueJson: string): Omit<KeptValue, 'id'> {
  const open = valueJson.slice(0, valueJson.lastIndexOf('}')).trimEnd();
  return { open: Buffer.from(open), hasMembers: open !== '{' };
}

/** The version of a served snapshot as a part of a larger page: its id and its age as served. */
export const partVersion = (served: ServedSnapshot<unknown>): string =>
  `${served.snapshot.id}:${JSON.stringify(served.meta satisfies SnapshotMeta)}`;
