/**
 * Local wall-clock time in a project's IANA time zone, fast enough to call for every minute of a
 * week for a thousand services: the UTC offset is looked up once per UTC hour and cached, because
 * Intl formatting costs microseconds per call and offsets only change on hour boundaries.
 */

/** Local time of day and day of week of an instant. */
export interface LocalTime {
  /** Hour of the local day, fractional: 13.5 = 13:30. */
  hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_OFFSETS = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets per time zone, keyed by UTC hour index (numeric keys: this lookup runs twice per sample). */
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** UTC offset of `timeZone` at `epochMs`, in milliseconds (Seoul: +9 h). */
export function utcOffsetMs(timeZone: string, epochMs: number): number {
  const hourIndex = Math.floor(epochMs / HOUR_MS);
  let zoneOffsets = offsets.get(timeZone);
  if (!zoneOffsets) {
    zoneOffsets = new Map();
    offsets.set(timeZone, zoneOffsets);
  }
  const cached = zoneOffsets.get(hourIndex);
  if (cached !== undefined) return cached;
  const at = hourIndex * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
  );
  const offset = asUtc - at;
  // The cache is keyed by hour; clearing it wholesale keeps memory bounded in long-running sandboxes.
  if (++cachedOffsets > MAX_CACHED_OFFSETS) {
    offsets.clear();
    cachedOffsets = 1;
    offsets.set(timeZone, zoneOffsets);
    zoneOffsets.clear();
  }
  zoneOffsets.set(hourIndex, offset);
  return offset;
}

/** Local hour and day of week of `epochMs` in `timeZone`. */
export function localTimeAt(timeZone: string, epochMs: number): LocalTime {
  const local = epochMs + utcOffsetMs(timeZone, epochMs);
  const dayIndex = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  const dayOfWeek = (((dayIndex + 4) % 7) + 7) % 7;
  return { hour: (local - dayIndex * DAY_MS) / HOUR_MS, dayOfWeek };
}
