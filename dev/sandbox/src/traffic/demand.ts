/**
 * Demand of a service before noise: base rate shaped by the daily curve, the weekend and recurring
 * events, all in the project's local time (traffic follows the users' clock, not UTC).
 */
import type { TrafficEvent, TrafficProfile } from '../world';
import { localTimeAt, type LocalTime } from './localTime';

const HOURS_PER_WEEK = 168;

/** Diurnal multiplier: a cosine peaking at `peakHour` (1 + amplitude) with its trough 12 h later. */
export function diurnalFactor(
  profile: TrafficProfile,
  localHour: number,
): number {
  const phase = ((localHour - profile.peakHour) / 24) * 2 * Math.PI;
  return Math.max(0, 1 + profile.diurnalAmplitude * Math.cos(phase));
}

/** Whether a recurring weekly event covers the local time (events may wrap past Saturday midnight). */
export function eventActive(event: TrafficEvent, local: LocalTime): boolean {
  const weekHour = local.dayOfWeek * 24 + local.hour;
  const start = event.dayOfWeek * 24 + event.startHour;
  const offset =
    (((weekHour - start) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
  return offset < event.durationHours;
}

/** Product of the multipliers of all events active at the local time (1 when none). */
export function eventFactor(
  events: readonly TrafficEvent[],
  local: LocalTime,
): number {
  let factor = 1;
  for (const event of events)
    if (eventActive(event, local)) factor *= event.multiplier;
  return factor;
}

/**
 * Expected demand in requests per second at `epochMs`, without noise:
 * baseRps × diurnal × (weekendFactor on Saturday and Sunday) × active event multipliers.
 */
export function expectedDemandRps(
  profile: TrafficProfile,
  timeZone: string,
  epochMs: number,
): number {
  const local = localTimeAt(timeZone, epochMs);
  const weekend =
    local.dayOfWeek === 0 || local.dayOfWeek === 6 ? profile.weekendFactor : 1;
  return (
    profile.baseRps *
    diurnalFactor(profile, local.hour) *
    weekend *
    eventFactor(profile.events, local)
  );
}
