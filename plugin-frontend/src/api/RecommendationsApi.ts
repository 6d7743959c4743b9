import type { RecommendationListResponse } from '@gcp-serverless/common';

/** Options every call accepts (same shape as GcpServerlessApi's RequestOptions). */
interface CallOptions {
  signal?: AbortSignal;
}

/** The right-sizing part of {@link GcpServerlessApi} (docs/recommendations.md). */
export interface RecommendationsApi {
  /**
   * `GET /recommendations`: every configured project's right-sizing recommendations, most saving
   * first, with the total saving and each project's snapshot age.
   */
  getRecommendations(
    options?: CallOptions,
  ): Promise<RecommendationListResponse>;
}
