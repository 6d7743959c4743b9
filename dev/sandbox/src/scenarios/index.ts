import type { SandboxProject, SandboxWorld } from '../world';
import { attachLoadBalancers } from '../compute/scenarios/attachLoadBalancers';
import { buildAvocanoShop } from './avocanoShop';
import { buildChatRealtime } from './chatRealtime';
import { buildGryydWeb } from './gryydWeb';
import { buildScaleFleet, MAX_FLEET_SIZE } from './scaleFleet';
import type { ScenarioContext } from './scenarioKit';

/** The scenario projects of docs/sandbox.md; each is its own project id. */
export const SCENARIO_NAMES = [
  'gryyd-web',
  'avocano-shop',
  'chat-realtime',
  'scale-fleet',
] as const;

/** A scenario (= project) name. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const BUILDERS: Record<ScenarioName, (ctx: ScenarioContext) => SandboxProject> =
  {
    'gryyd-web': buildGryydWeb,
    'avocano-shop': buildAvocanoShop,
    'chat-realtime': buildChatRealtime,
    'scale-fleet': buildScaleFleet,
  };

export { FLEET_REGIONS, MAX_FLEET_SIZE, fleetRegions } from './scaleFleet';

/** Default size of the scale-fleet scenario. */
export const DEFAULT_FLEET_SIZE = 200;

/** True when `name` is a known scenario. */
export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** Options of {@link buildWorld}. */
export interface BuildWorldOptions {
  /** Scenarios to include (default all). Unknown names throw. */
  scenarios?: readonly string[];
  /** scale-fleet size (default 200). */
  services?: number;
  /** Sandbox time the world is built at, epoch ms (deploy times and histories are relative to it). */
  now: number;
}

/** Builds a fresh world with the chosen scenarios, deterministic for a given `now`. */
export function buildWorld(options: BuildWorldOptions): SandboxWorld {
  const names = options.scenarios ?? SCENARIO_NAMES;
  const unknown = names.filter(name => !isScenarioName(name));
  if (unknown.length)
    throw new Error(
      `Unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIO_NAMES.join(
        ', ',
      )}`,
    );
  const services = options.services ?? DEFAULT_FLEET_SIZE;
  if (
    !Number.isInteger(services) ||
    services < 0 ||
    services > MAX_FLEET_SIZE
  ) {
    // Cloud Run allows 1,000 services per region and project (docs/google-apis.md §3): scale-fleet spreads over its regions.
    throw new Error(
      `services must be an integer between 0 and ${MAX_FLEET_SIZE}, got ${services}`,
    );
  }
  const ctx: ScenarioContext = { now: options.now, services };
  const projects = new Map<string, SandboxProject>();
  for (const name of names as ScenarioName[])
    projects.set(name, BUILDERS[name](ctx));
  attachLoadBalancers(projects, options.now);
  return { projects };
}
