import type { SnapshotMeta } from '../types/snapshot';
import type { PanelError } from '../types/metrics';
import type { TimeWindow } from '../types/timeWindow';
import type { Health } from '../problems/overviewTypes';
import type { ProblemLink } from '../problems/problemTypes';

/** Columns of the topology, left to right. */
export type TopologyNodeKind =
  | 'host'
  | 'rule'
  | 'backend'
  | 'service'
  | 'queue'
  | 'redis';

/** One box of the topology. */
export interface TopologyNode {
  /** Unique in the graph, e.g. "service:us-central1/avocano-api". */
  id: string;
  kind: TopologyNodeKind;
  label: string;
  /** Second line, e.g. "redirect 301 → www.gryyd.ai" or "CDN on". */
  detail?: string;
  health: Health;
  /** Codes of the problems on this resource (docs/problems.md). */
  problems: string[];
  /** The page of the resource (page + resource), null for nodes without one (a host). */
  link: Omit<ProblemLink, 'label'> | null;
}

/** A directed edge: requests or tasks flow from `from` to `to`. */
export interface TopologyEdge {
  from: string;
  to: string;
}

/** GET /projects/:projectId/topology?window= */
export interface TopologyResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Reads that failed; their nodes are missing or `unknown`. */
  errors: PanelError[];
}
