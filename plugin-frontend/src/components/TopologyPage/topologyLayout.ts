import type {
  TopologyEdge,
  TopologyNode,
  TopologyNodeKind,
} from '@gcp-serverless/common';

/** Column order, left to right: how a request travels. */
export const TOPOLOGY_COLUMNS: { kind: TopologyNodeKind; title: string }[] = [
  { kind: 'host', title: 'Hosts' },
  { kind: 'rule', title: 'URL map rules' },
  { kind: 'backend', title: 'Backends' },
  { kind: 'service', title: 'Cloud Run services' },
  { kind: 'queue', title: 'Queues' },
  { kind: 'redis', title: 'Redis' },
];

/** Box size and gaps, px. */
export const BOX = {
  width: 200,
  height: 48,
  columnGap: 56,
  rowGap: 12,
  header: 28,
};

export interface PlacedNode extends TopologyNode {
  x: number;
  y: number;
}

/** Edge as a cubic path from the right side of `from` to the left side of `to`. */
export interface PlacedEdge extends TopologyEdge {
  path: string;
  /** True when either end has a problem: drawn in the end's colour. */
  health: TopologyNode['health'];
}

/** Grid positions: one column per kind, rows in label order; sizes in px. Pure. */
export function layoutTopology(
  nodes: TopologyNode[],
  edges: TopologyEdge[],
): { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number } {
  const placed = new Map<string, PlacedNode>();
  let rows = 0;
  TOPOLOGY_COLUMNS.forEach(({ kind }, col) => {
    const column = nodes
      .filter(n => n.kind === kind)
      .sort((a, b) => a.label.localeCompare(b.label));
    rows = Math.max(rows, column.length);
    column.forEach((n, row) =>
      placed.set(n.id, {
        ...n,
        x: col * (BOX.width + BOX.columnGap),
        y: BOX.header + row * (BOX.height + BOX.rowGap),
      }),
    );
  });
  const order = ['critical', 'warning', 'unknown', 'info', 'ok'] as const;
  const placedEdges = edges.flatMap(e => {
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) return [];
    const x1 = a.x + BOX.width;
    const y1 = a.y + BOX.height / 2;
    const x2 = b.x;
    const y2 = b.y + BOX.height / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    const health = order.find(h => a.health === h || b.health === h) ?? 'ok';
    return [
      {
        ...e,
        health,
        path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${
          x2 - bend
        } ${y2}, ${x2} ${y2}`,
      },
    ];
  });
  return {
    nodes: [...placed.values()],
    edges: placedEdges,
    width:
      TOPOLOGY_COLUMNS.length * (BOX.width + BOX.columnGap) - BOX.columnGap,
    height: BOX.header + Math.max(1, rows) * (BOX.height + BOX.rowGap),
  };
}
