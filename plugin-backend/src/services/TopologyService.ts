import {
  buildTopology,
  type TimeWindow,
  type TopologyResponse,
} from '@gcp-serverless/common';
import type { OverviewService } from './OverviewService';

/**
 * The topology page: the project's routing, Cloud Run services, queues and Redis as one graph
 * coloured by the overview's problems. Costs exactly the overview's reads of one project.
 */
export class TopologyService {
  private readonly overview: OverviewService;

  constructor(overview: OverviewService) {
    this.overview = overview;
  }

  async topology(
    projectId: string,
    window: TimeWindow,
  ): Promise<TopologyResponse> {
    const { overview, values, project } = await this.overview.readProject(
      projectId,
      window,
    );
    const graph = buildTopology({
      projectId,
      region: project.regions[0] ?? '',
      routing: values.routing,
      queues: values.queues,
      redis: values.redis,
      services: values.services
        ? values.services.services.map(s => ({
            name: s.name,
            region: s.region,
          }))
        : null,
      problems: overview.problems,
    });
    return { projectId, window, ...graph, errors: overview.errors };
  }
}
