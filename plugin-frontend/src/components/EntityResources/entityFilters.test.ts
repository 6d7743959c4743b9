import { describe, expect, it } from 'vitest';
import type { RoutingTree, RuleNode } from '../RoutingPage/routingTreeModel';
import { entityRoutingTree, isAnnotated } from './entityFilters';

const rule = (service: string): RuleNode => ({
  label: 'default',
  target: `${service}-service`,
  cloudRun: [{ service, region: 'asia-northeast3' }],
  figures: null,
});
const tree: RoutingTree = {
  hosts: [
    {
      hosts: ['www.gryyd.ai'],
      pathMatcher: 'pm-www',
      rules: [rule('gryd-fe'), rule('gryd-be')],
    },
    {
      hosts: ['admin.gryyd.ai', 'ops.gryyd.ai'],
      pathMatcher: 'pm-admin',
      rules: [rule('admin')],
    },
  ],
  defaultRule: rule('gryd-fe'),
};

describe('entity filters', () => {
  it('matches a name without region in any region, with region only there', () => {
    expect(
      isAnnotated([{ region: null, name: 'generation' }], {
        region: 'us-central1',
        name: 'generation',
      }),
    ).toBe(true);
    expect(
      isAnnotated([{ region: 'asia-northeast3', name: 'generation' }], {
        region: 'us-central1',
        name: 'generation',
      }),
    ).toBe(false);
    expect(
      isAnnotated([{ region: null, name: 'generation' }], {
        region: 'us-central1',
        name: 'emails',
      }),
    ).toBe(false);
  });

  it('keeps the annotated hosts when hosts are given', () => {
    expect(
      entityRoutingTree(tree, ['ops.gryyd.ai'], []).hosts.map(
        h => h.pathMatcher,
      ),
    ).toEqual(['pm-admin']);
  });

  it("without hosts keeps the host rules reaching the entity's services", () => {
    expect(
      entityRoutingTree(
        tree,
        [],
        [{ region: null, name: 'gryd-be' }],
      ).hosts.map(h => h.pathMatcher),
    ).toEqual(['pm-www']);
    expect(
      entityRoutingTree(tree, [], [{ region: 'us-central1', name: 'gryd-be' }])
        .hosts,
    ).toEqual([]);
    expect(entityRoutingTree(tree, [], []).defaultRule).toBe(tree.defaultRule);
  });
});
