import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  COST_RANGES,
  DEFAULT_COST_RANGE,
  type CostDimension,
  type CostRange,
} from '@gcp-serverless/common';

/** Range, resource filter and stacking of the costs page, held in the URL (`?range=&resource=&by=`). */
export interface CostsParams {
  range: CostRange;
  resource: string;
  dimension: CostDimension;
  set(
    next: Partial<{
      range: CostRange;
      resource: string;
      dimension: CostDimension;
    }>,
  ): void;
}

/** Reads and writes the costs page's filters in the query string, keeping other parameters. */
export function useCostsParams(): CostsParams {
  const [params, setParams] = useSearchParams();
  const rawRange = params.get('range');
  const range = (COST_RANGES as readonly string[]).includes(rawRange ?? '')
    ? (rawRange as CostRange)
    : DEFAULT_COST_RANGE;
  const resource = params.get('resource') ?? '';
  const dimension: CostDimension =
    params.get('by') === 'sku' ? 'skuFamily' : 'resource';
  const set = useCallback<CostsParams['set']>(
    next =>
      setParams(prev => {
        const p = new URLSearchParams(prev);
        if (next.range) p.set('range', next.range);
        if (next.resource) p.set('resource', next.resource);
        else if (next.resource !== undefined) p.delete('resource');
        if (next.dimension === 'skuFamily') p.set('by', 'sku');
        else if (next.dimension) p.delete('by');
        return p;
      }),
    [setParams],
  );
  return { range, resource, dimension, set };
}
