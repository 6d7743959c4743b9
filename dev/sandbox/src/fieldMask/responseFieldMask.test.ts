import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { servicesClientForSandbox } from '../run/servicesClientForSandbox';

/**
 * Response field masks over HTTP (docs/sandbox.md, "Response field masks"): the `X-Goog-FieldMask`
 * header, `$fields` and `fields`, through fetch and through the official Run client.
 */

const BE = 'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const SERVICES = '/v2/projects/gryyd-web/locations/-/services';

let sandbox: Sandbox;
let client: ReturnType<typeof servicesClientForSandbox>;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web'],
    operationDelayMs: 0,
  });
  client = servicesClientForSandbox(sandbox.port);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(sandbox.url + path, { headers });
  return { status: res.status, body: await res.json() };
}

describe('response field masks', () => {
  it('answers only the fields the X-Goog-FieldMask header selects, in every element of a list', async () => {
    const full = await get(`${SERVICES}?pageSize=2`);
    const masked = await get(`${SERVICES}?pageSize=2`, {
      'X-Goog-FieldMask': 'services(name,template.scaling),nextPageToken',
    });
    expect(masked.status).toBe(200);
    expect(full.body.nextPageToken).toBeTruthy();
    expect(masked.body).toEqual({
      services: full.body.services.map((s: any) => ({
        name: s.name,
        template: { scaling: s.template.scaling },
      })),
      nextPageToken: full.body.nextPageToken,
    });
  });

  it('takes the mask from $fields or fields when there is no header', async () => {
    for (const parameter of ['$fields', 'fields']) {
      const answer = await get(
        `/v2/${BE}?${encodeURIComponent(parameter)}=name,etag`,
      );
      expect({ parameter, keys: Object.keys(answer.body).sort() }).toEqual({
        parameter,
        keys: ['etag', 'name'],
      });
    }
  });

  it('projects the answers of APIs that declare no response message too', async () => {
    const answer = await get(
      '/v2/projects/gryyd-web/locations/asia-northeast3/queues',
      { 'x-goog-fieldmask': 'queues.name' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.queues.length).toBeGreaterThan(0);
    for (const queue of answer.body.queues)
      expect(Object.keys(queue)).toEqual(['name']);
  });

  it('answers a field the response message does not have with 400 INVALID_ARGUMENT', async () => {
    const answer = await get(SERVICES, {
      'x-goog-fieldmask': 'services(name,nmae)',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
    expect(answer.body.error.message).toContain(
      "field 'services.nmae' does not exist in google.cloud.run.v2.Service",
    );
  });

  it('leaves error answers whole', async () => {
    const answer = await get(`/v2/${BE}-missing`, {
      'x-goog-fieldmask': 'name',
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(answer.body.error.message).toBeTruthy();
  });

  it('reaches the sandbox from the official client as a call option header', async () => {
    const [services] = await client.listServices(
      { parent: 'projects/gryyd-web/locations/-' },
      {
        autoPaginate: false,
        otherArgs: { headers: { 'x-goog-fieldmask': 'services.name' } },
      },
    );
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      expect(service.name).toMatch(/^projects\/gryyd-web\//);
      // The client fills the fields the answer left out with their defaults.
      expect(service.uri).toBe('');
      expect(service.template).toBeNull();
    }
  });

  it('refuses a write whose mask is invalid without applying it', async () => {
    const [before] = await client.getService({ name: BE });
    const failure = await client
      .updateService(
        {
          service: {
            name: BE,
            template: { scaling: { maxInstanceCount: 7 } },
          },
          updateMask: { paths: ['template.scaling.max_instance_count'] },
        },
        { otherArgs: { headers: { 'x-goog-fieldmask': 'nmae' } } },
      )
      .then(
        () => undefined,
        (error: { code: number }) => error,
      );
    expect(failure?.code).toBe(3); // INVALID_ARGUMENT
    expect(sandbox.counters.get('run.services.patch')).toBe(1);
    await new Promise(resolve => setTimeout(resolve, 50));
    const [after] = await client.getService({ name: BE });
    expect(after.generation).toBe(before.generation);
    expect(after.template?.scaling?.maxInstanceCount).toBe(
      before.template?.scaling?.maxInstanceCount,
    );
  });
});
