/**
 * The prices of the sandbox: one table that the Cloud Billing Catalog emulation serves as SKUs and the
 * billing-export generator multiplies usage with, so estimates from the Catalog and billed cost from the
 * export agree. List prices of docs/google-apis.md §8 in USD; SKU ids, descriptions, service ids of everything
 * but Cloud Run, the region tiers and every price §8 does not state are the sandbox's own (unverified).
 */

/** What a SKU bills, for grouping costs (the portal's "SKU family"). */
export type SkuFamily =
  | 'cpu'
  | 'memory'
  | 'requests'
  | 'cdn-egress'
  | 'cdn-fill'
  | 'cdn-lookups'
  | 'lb-rules'
  | 'tasks-operations'
  | 'redis-capacity';

/** One price tier: from `startUsageAmount` usage units on, each unit costs `unitPrice` USD. */
export interface PriceTier {
  startUsageAmount: number;
  /** USD per usage unit (e.g. per vCPU-second), at most 9 decimals (google.type.Money nanos). */
  unitPrice: number;
}

/** A SKU of the sandbox catalog. */
export interface SandboxSku {
  /** Catalog service id, e.g. `152E-C115-5142` (Cloud Run). */
  serviceId: string;
  /** SKU id, e.g. `SBX1-0001-CPU1` (invented). */
  skuId: string;
  /** Description as in the Catalog and the export's `sku.description`. */
  description: string;
  family: SkuFamily;
  resourceFamily: string;
  resourceGroup: string;
  /** Regions where the SKU applies; `global` for global SKUs. */
  regions: string[];
  /** Usage unit as in the export's `usage.pricing_unit` and the Catalog's `usageUnit`, e.g. `s`, `GiBy.s`, `count`. */
  usageUnit: string;
  usageUnitDescription: string;
  /** Base unit and factor (usage unit = factor × base unit), as the Catalog's pricingExpression. */
  baseUnit: string;
  baseUnitConversionFactor: number;
  /** Tiers, ascending; a first tier priced 0 is the monthly free tier of the billing account. */
  tiers: PriceTier[];
}

/** A service of the sandbox catalog. */
export interface SandboxCatalogService {
  serviceId: string;
  displayName: string;
}

export const CLOUD_RUN_SERVICE_ID = '152E-C115-5142';
export const NETWORKING_SERVICE_ID = 'E505-1604-58F8';
export const CLOUD_TASKS_SERVICE_ID = 'SBX2-TASK-0001';
export const MEMORYSTORE_SERVICE_ID = 'SBX3-REDI-0001';

export const CATALOG_SERVICES: SandboxCatalogService[] = [
  { serviceId: CLOUD_RUN_SERVICE_ID, displayName: 'Cloud Run' },
  { serviceId: NETWORKING_SERVICE_ID, displayName: 'Networking' },
  { serviceId: CLOUD_TASKS_SERVICE_ID, displayName: 'Cloud Tasks' },
  {
    serviceId: MEMORYSTORE_SERVICE_ID,
    displayName: 'Cloud Memorystore for Redis',
  },
];

/** Cloud Run tier-2 regions (≈1.4× the tier-1 prices, docs/google-apis.md §8); membership unverified. */
export const TIER2_REGIONS = [
  'asia-northeast3',
  'asia-northeast2',
  'asia-east2',
  'asia-south2',
  'asia-southeast2',
  'australia-southeast2',
  'europe-west3',
  'europe-west6',
  'northamerica-northeast2',
  'southamerica-east1',
];
export const TIER1_REGIONS = [
  'us-central1',
  'us-east1',
  'us-east4',
  'us-west1',
  'europe-west1',
  'europe-west4',
  'europe-north1',
  'asia-east1',
  'asia-northeast1',
  'asia-southeast1',
  'asia-south1',
];
const ALL_REGIONS = [...TIER1_REGIONS, ...TIER2_REGIONS];

const TIER2 = 1.4;
const round9 = (value: number) => Math.round(value * 1e9) / 1e9;

function run(
  skuId: string,
  description: string,
  family: SkuFamily,
  regions: string[],
  price: number,
  freeUnits = 0,
): SandboxSku {
  const units: Record<string, [string, string, string, number]> = {
    cpu: ['s', 'second', 's', 1],
    memory: ['GiBy.s', 'gibibyte second', 'By.s', 2 ** 30],
    requests: ['count', 'count', 'count', 1],
  };
  const [usageUnit, usageUnitDescription, baseUnit, baseUnitConversionFactor] =
    units[family]!;
  const tiers =
    freeUnits > 0
      ? [
          { startUsageAmount: 0, unitPrice: 0 },
          { startUsageAmount: freeUnits, unitPrice: price },
        ]
      : [{ startUsageAmount: 0, unitPrice: price }];
  return {
    serviceId: CLOUD_RUN_SERVICE_ID,
    skuId,
    description,
    family,
    resourceFamily: 'Compute',
    resourceGroup: family === 'requests' ? 'Requests' : family.toUpperCase(),
    regions,
    usageUnit,
    usageUnitDescription,
    baseUnit,
    baseUnitConversionFactor,
    tiers,
  };
}

/** Cloud Run: request-based (free tier 180,000 vCPU-s, 360,000 GiB-s, 2 M requests a month), instance-based, idle min instances. */
const CLOUD_RUN_SKUS: SandboxSku[] = [
  run(
    'SBX1-RUN-0001',
    'CPU Allocation Time (request-based billing) Tier 1',
    'cpu',
    TIER1_REGIONS,
    0.000024,
    180_000,
  ),
  run(
    'SBX1-RUN-0002',
    'Memory Allocation Time (request-based billing) Tier 1',
    'memory',
    TIER1_REGIONS,
    0.0000025,
    360_000,
  ),
  run(
    'SBX1-RUN-0003',
    'CPU Allocation Time (request-based billing) Tier 2',
    'cpu',
    TIER2_REGIONS,
    round9(0.000024 * TIER2),
    180_000,
  ),
  run(
    'SBX1-RUN-0004',
    'Memory Allocation Time (request-based billing) Tier 2',
    'memory',
    TIER2_REGIONS,
    round9(0.0000025 * TIER2),
    360_000,
  ),
  run(
    'SBX1-RUN-0005',
    'Requests',
    'requests',
    ALL_REGIONS,
    0.0000004,
    2_000_000,
  ),
  run(
    'SBX1-RUN-0006',
    'CPU Allocation Time (instance-based billing) Tier 1',
    'cpu',
    TIER1_REGIONS,
    0.000018,
  ),
  run(
    'SBX1-RUN-0007',
    'Memory Allocation Time (instance-based billing) Tier 1',
    'memory',
    TIER1_REGIONS,
    0.000002,
  ),
  run(
    'SBX1-RUN-0008',
    'CPU Allocation Time (instance-based billing) Tier 2',
    'cpu',
    TIER2_REGIONS,
    round9(0.000018 * TIER2),
  ),
  run(
    'SBX1-RUN-0009',
    'Memory Allocation Time (instance-based billing) Tier 2',
    'memory',
    TIER2_REGIONS,
    round9(0.000002 * TIER2),
  ),
  // Idle min instances of request-based services: CPU at the idle rate (unverified), memory at the request-based rate.
  run(
    'SBX1-RUN-0010',
    'Idle Min-Instance CPU Allocation Time Tier 1',
    'cpu',
    TIER1_REGIONS,
    0.0000025,
  ),
  run(
    'SBX1-RUN-0011',
    'Idle Min-Instance CPU Allocation Time Tier 2',
    'cpu',
    TIER2_REGIONS,
    round9(0.0000025 * TIER2),
  ),
];

function networking(
  skuId: string,
  description: string,
  family: SkuFamily,
  usageUnit: string,
  tiers: PriceTier[],
): SandboxSku {
  const gib = usageUnit === 'GiBy';
  return {
    serviceId: NETWORKING_SERVICE_ID,
    skuId,
    description,
    family,
    resourceFamily: 'Network',
    resourceGroup: family === 'lb-rules' ? 'LoadBalancing' : 'CDN',
    regions: ['global'],
    usageUnit,
    usageUnitDescription: gib
      ? 'gibibyte'
      : usageUnit === 'h'
      ? 'hour'
      : 'count',
    baseUnit: gib ? 'By' : usageUnit === 'h' ? 's' : 'count',
    baseUnitConversionFactor: gib ? 2 ** 30 : usageUnit === 'h' ? 3600 : 1,
    tiers,
  };
}

const TIB = 1024;
/** Cloud CDN and the external Application Load Balancer (§8: egress $0.08/GiB below 10 TiB, lookups $0.0075 per 10,000). */
const NETWORKING_SKUS: SandboxSku[] = [
  networking(
    'SBX1-CDN-0001',
    'Cloud CDN Cache Egress North America and Europe',
    'cdn-egress',
    'GiBy',
    [
      { startUsageAmount: 0, unitPrice: 0.08 },
      { startUsageAmount: 10 * TIB, unitPrice: 0.055 },
      { startUsageAmount: 150 * TIB, unitPrice: 0.03 },
    ],
  ),
  networking(
    'SBX1-CDN-0002',
    'Cloud CDN Cache Egress Asia Pacific',
    'cdn-egress',
    'GiBy',
    [
      { startUsageAmount: 0, unitPrice: 0.09 },
      { startUsageAmount: 10 * TIB, unitPrice: 0.06 },
      { startUsageAmount: 150 * TIB, unitPrice: 0.05 },
    ],
  ),
  networking('SBX1-CDN-0003', 'Cloud CDN Cache Fill', 'cdn-fill', 'GiBy', [
    { startUsageAmount: 0, unitPrice: 0.02 },
  ]),
  networking(
    'SBX1-CDN-0004',
    'Cloud CDN Cache Lookup Requests',
    'cdn-lookups',
    'count',
    [{ startUsageAmount: 0, unitPrice: 0.00000075 }],
  ),
  networking(
    'SBX1-LB-0001',
    'Global External Application Load Balancer Forwarding Rule',
    'lb-rules',
    'h',
    [{ startUsageAmount: 0, unitPrice: 0.025 }],
  ),
];

/** Cloud Tasks (§8): the first million operations a month free, then $0.40 per million. */
const TASKS_SKUS: SandboxSku[] = [
  {
    serviceId: CLOUD_TASKS_SERVICE_ID,
    skuId: 'SBX1-TSK-0001',
    description: 'Cloud Tasks Operations',
    family: 'tasks-operations',
    resourceFamily: 'ApplicationServices',
    resourceGroup: 'CloudTasks',
    regions: ALL_REGIONS,
    usageUnit: 'count',
    usageUnitDescription: 'count',
    baseUnit: 'count',
    baseUnitConversionFactor: 1,
    tiers: [
      { startUsageAmount: 0, unitPrice: 0 },
      { startUsageAmount: 1_000_000, unitPrice: 0.0000004 },
    ],
  },
];

/** Capacity bands M1–M5 (GB) and USD per GB-hour for BASIC and STANDARD_HA; all unverified (§8: "take from the Catalog API"). */
export const REDIS_BANDS: {
  band: string;
  fromGb: number;
  basic: number;
  standard: number;
}[] = [
  { band: 'M1', fromGb: 1, basic: 0.049, standard: 0.064 },
  { band: 'M2', fromGb: 5, basic: 0.027, standard: 0.054 },
  { band: 'M3', fromGb: 11, basic: 0.023, standard: 0.046 },
  { band: 'M4', fromGb: 36, basic: 0.019, standard: 0.035 },
  { band: 'M5', fromGb: 101, basic: 0.016, standard: 0.03 },
];

const REDIS_SKUS: SandboxSku[] = REDIS_BANDS.flatMap(
  ({ band, basic, standard }, i) =>
    (
      [
        ['BASIC', 'Basic', basic],
        ['STANDARD_HA', 'Standard', standard],
      ] as const
    ).map(
      ([, label, price], j): SandboxSku => ({
        serviceId: MEMORYSTORE_SERVICE_ID,
        skuId: `SBX1-RDS-${String(i * 2 + j + 1).padStart(4, '0')}`,
        description: `Redis Capacity ${label} ${band}`,
        family: 'redis-capacity',
        resourceFamily: 'ApplicationServices',
        resourceGroup: 'Memorystore',
        regions: ALL_REGIONS,
        usageUnit: 'GiBy.h',
        usageUnitDescription: 'gibibyte hour',
        baseUnit: 'By.s',
        baseUnitConversionFactor: 2 ** 30 * 3600,
        tiers: [{ startUsageAmount: 0, unitPrice: price }],
      }),
    ),
);

/** Every SKU of the sandbox catalog. */
export const CATALOG_SKUS: SandboxSku[] = [
  ...CLOUD_RUN_SKUS,
  ...NETWORKING_SKUS,
  ...TASKS_SKUS,
  ...REDIS_SKUS,
];

/** The SKU with this description; throws when the table has none (a programming error, not a request error). */
export function skuByDescription(description: string): SandboxSku {
  const sku = CATALOG_SKUS.find(s => s.description === description);
  if (!sku) throw new Error(`No sandbox SKU "${description}"`);
  return sku;
}

/** `Tier 2` for Cloud Run's tier-2 regions, else `Tier 1` (regions outside both lists price as tier 1). */
export function runPriceTier(region: string): 'Tier 1' | 'Tier 2' {
  return TIER2_REGIONS.includes(region) ? 'Tier 2' : 'Tier 1';
}

/** The display name of a catalog service id (the export's `service.description`). */
export function serviceDisplayName(serviceId: string): string {
  return (
    CATALOG_SERVICES.find(s => s.serviceId === serviceId)?.displayName ??
    serviceId
  );
}
