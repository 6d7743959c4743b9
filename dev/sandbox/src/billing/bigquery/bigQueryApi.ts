import { randomUUID } from 'node:crypto';
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../../api';
import { isPlainObject } from '../../protoJson';
import { decodePath } from '../pathCodec';
import { readQueryParameters } from './queryParameters';
import {
  BigQueryError,
  invalidQuery,
  restType,
  restValue,
  runQuery,
  type QueryResult,
} from './runQuery';

/**
 * BigQuery API v2, the calls @google-cloud/bigquery 8.3 makes for `bigquery.query()` (observed
 * against a logging server): `POST /bigquery/v2/projects/P/queries` (jobs.query, the fast path) and,
 * when a page token is answered, `GET /bigquery/v2/projects/P/queries/JOB?pageToken=…`
 * (jobs.getQueryResults). `createQueryJob()` uses `POST /bigquery/v2/projects/P/jobs` (jobs.insert)
 * and `GET …/jobs/JOB` (jobs.get), also emulated. Queries finish before the answer (jobComplete true).
 */

type Json = Record<string, unknown>;

/** Rows per page when the request sets no maxResults (BigQuery pages by ~10 MB; this count is the sandbox's). */
export const DEFAULT_PAGE_ROWS = 10_000;
const MAX_JOBS = 200;
const LOCATION = 'US';

interface Job {
  projectId: string;
  jobId: string;
  result: QueryResult;
  configuration: Json;
  createdMs: number;
}

const QUERIES = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/;
const QUERY_RESULTS = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/;
const JOBS = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/;
const JOB = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)$/;

/** Creates the BigQuery emulation over the world's billing export. */
export function createBigQueryApi(deps: SandboxApiDeps): SandboxApi {
  const jobs = new Map<string, Job>();
  const route = (
    method: string,
    handle: () => Promise<unknown> | unknown,
  ): SandboxRoute => ({
    method,
    handle: async () => ({ status: 200, body: await handle() }),
  });

  async function run(
    projectId: string,
    request: Json,
    jobId: string,
  ): Promise<Job> {
    if (typeof request['query'] !== 'string' || request['query'].trim() === '')
      throw invalidQuery('Query text is required (query)');
    if (request['useLegacySql'] === true)
      throw invalidQuery(
        'Legacy SQL is not supported by the sandbox; set useLegacySql: false',
      );
    const params = readQueryParameters(
      request['queryParameters'],
      request['parameterMode'],
    );
    const defaultDataset = isPlainObject(request['defaultDataset'])
      ? (request['defaultDataset'] as {
          projectId?: string;
          datasetId?: string;
        })
      : undefined;
    const now = deps.clock.now();
    const result = await runQuery(deps.world, now, request['query'], {
      jobProject: projectId,
      defaultDataset,
      params,
    }).catch((error: unknown) => {
      if (error instanceof BigQueryError) throw error;
      throw invalidQuery((error as Error).message);
    });
    const job: Job = {
      projectId,
      jobId,
      result,
      configuration: { query: request, jobType: 'QUERY' },
      createdMs: now,
    };
    jobs.set(jobId, job);
    if (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value!);
    return job;
  }

  function requireJob(projectId: string, jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job || job.projectId !== projectId)
      throw new BigQueryError(
        404,
        'NOT_FOUND',
        `Not found: Job ${projectId}:${LOCATION}.${jobId}`,
        'notFound',
      );
    return job;
  }

  /** A page of results in BigQuery's REST shape (shared by jobs.query and jobs.getQueryResults). */
  function page(
    job: Job,
    startIndex: number,
    maxResults: number | undefined,
    int64Timestamp: boolean,
    kind: string,
  ): Json {
    const size = maxResults && maxResults > 0 ? maxResults : DEFAULT_PAGE_ROWS;
    const { columns, rows } = job.result;
    const slice = rows.slice(startIndex, startIndex + size);
    const body: Json = {
      kind,
      jobReference: {
        projectId: job.projectId,
        jobId: job.jobId,
        location: LOCATION,
      },
      schema: {
        fields: columns.map(c => ({
          name: c.name,
          type: restType(c.type),
          mode: 'NULLABLE',
        })),
      },
      totalRows: String(rows.length),
      rows: slice.map(row => ({
        f: row.map((value, i) => ({
          v: restValue(value, columns[i]!.type, int64Timestamp),
        })),
      })),
      totalBytesProcessed: '0',
      jobComplete: true,
      cacheHit: false,
    };
    if (startIndex + size < rows.length)
      body['pageToken'] = String(startIndex + size);
    return body;
  }

  function jobResource(job: Job): Json {
    const ms = String(job.createdMs);
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${LOCATION}.${job.jobId}`,
      jobReference: {
        projectId: job.projectId,
        jobId: job.jobId,
        location: LOCATION,
      },
      configuration: job.configuration,
      status: { state: 'DONE' },
      statistics: {
        creationTime: ms,
        startTime: ms,
        endTime: ms,
        totalBytesProcessed: '0',
        query: { totalBytesProcessed: '0', statementType: 'SELECT' },
      },
    };
  }

  const int = (value: string | null) =>
    value === null || value === '' ? undefined : Number(value);

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    if (path === undefined) return null;
    const body = isPlainObject(request.body) ? request.body : {};
    let m = QUERIES.exec(path);
    if (m && request.method === 'POST') {
      const projectId = m[1]!;
      return route('bigquery.jobs.query', async () => {
        const job = await run(
          projectId,
          body,
          `job_${randomUUID().replace(/-/g, '')}`,
        );
        const formatOptions = isPlainObject(body['formatOptions'])
          ? body['formatOptions']
          : {};
        return page(
          job,
          0,
          typeof body['maxResults'] === 'number'
            ? body['maxResults']
            : undefined,
          formatOptions['useInt64Timestamp'] === true,
          'bigquery#queryResponse',
        );
      });
    }
    m = QUERY_RESULTS.exec(path);
    if (m && request.method === 'GET') {
      const [projectId, jobId] = [m[1]!, m[2]!];
      return route('bigquery.jobs.getQueryResults', () => {
        const job = requireJob(projectId, jobId);
        const token = request.query.get('pageToken');
        const start =
          token !== null
            ? Number(token)
            : int(request.query.get('startIndex')) ?? 0;
        if (!Number.isInteger(start) || start < 0)
          throw new BigQueryError(
            400,
            'INVALID_ARGUMENT',
            'Invalid page token',
            'invalid',
          );
        return page(
          job,
          start,
          int(request.query.get('maxResults')),
          request.query.get('formatOptions.useInt64Timestamp') === 'true',
          'bigquery#getQueryResultsResponse',
        );
      });
    }
    m = JOBS.exec(path);
    if (m && request.method === 'POST') {
      const projectId = m[1]!;
      return route('bigquery.jobs.insert', async () => {
        const configuration = isPlainObject(body['configuration'])
          ? body['configuration']
          : {};
        const query = isPlainObject(configuration['query'])
          ? configuration['query']
          : undefined;
        if (!query)
          throw new BigQueryError(
            400,
            'INVALID_ARGUMENT',
            'The sandbox runs only query jobs (configuration.query)',
            'invalid',
          );
        const reference = isPlainObject(body['jobReference'])
          ? body['jobReference']
          : {};
        const jobId =
          typeof reference['jobId'] === 'string'
            ? reference['jobId']
            : `job_${randomUUID().replace(/-/g, '')}`;
        if (jobs.has(jobId))
          throw new BigQueryError(
            409,
            'ALREADY_EXISTS',
            `Already Exists: Job ${projectId}:${LOCATION}.${jobId}`,
            'duplicate',
          );
        return jobResource(await run(projectId, query, jobId));
      });
    }
    m = JOB.exec(path);
    if (m && request.method === 'GET') {
      const [projectId, jobId] = [m[1]!, m[2]!];
      return route('bigquery.jobs.get', () =>
        jobResource(requireJob(projectId, jobId)),
      );
    }
    if (path.startsWith('/bigquery/v2/')) {
      return route('bigquery.unimplemented', () => {
        throw new BigQueryError(
          501,
          'UNIMPLEMENTED',
          `The sandbox does not emulate ${request.method} ${request.path}`,
          'notImplemented',
        );
      });
    }
    return null;
  }

  return { name: 'bigquery', match };
}
