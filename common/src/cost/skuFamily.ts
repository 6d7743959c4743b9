import type { SkuFamily } from '../types/costs';

/**
 * The SKU family of a billing line from its `service.description` and `sku.description`
 * (export columns, docs/google-apis.md §6). Descriptions are matched by pattern because Google's wording
 * varies by region and changes over time (e.g. "CPU Allocation Time (tier 2)").
 */
export function skuFamilyOf(
  serviceDescription: string,
  skuDescription: string,
): SkuFamily {
  const service = serviceDescription.toLowerCase();
  const sku = skuDescription.toLowerCase();
  if (/memorystore|redis/.test(service) || /redis/.test(sku))
    return 'redis-capacity';
  if (/cloud tasks/.test(service) || /tasks? (api )?operations?/.test(sku))
    return 'tasks-operations';
  if (/cdn|cache/.test(sku) || /cloud cdn/.test(service)) {
    if (/lookup|request/.test(sku)) return 'cdn-lookups';
    return /fill/.test(sku) ? 'cdn-fill' : 'cdn-egress';
  }
  if (/load balanc|forwarding rule/.test(sku)) return 'lb-rules';
  if (/cloud run|cloud functions/.test(service)) {
    if (/\bcpu\b/.test(sku)) return 'cpu';
    if (/memory|\bram\b/.test(sku)) return 'memory';
    if (/request|invocation/.test(sku)) return 'requests';
  }
  return 'other';
}
