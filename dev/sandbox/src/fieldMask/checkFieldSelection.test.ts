import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../googleError';
import { messageType, monitoringProtoRoot, runProtoRoot } from '../protoJson';
import { checkFieldSelection } from './checkFieldSelection';
import { parseFieldSelection } from './fieldSelection';

const listServices = () =>
  messageType(runProtoRoot(), 'google.cloud.run.v2.ListServicesResponse');

function problem(type: ReturnType<typeof listServices>, mask: string) {
  try {
    checkFieldSelection(type, parseFieldSelection(mask));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GoogleApiError);
    expect((error as GoogleApiError).status).toBe('INVALID_ARGUMENT');
    return (error as GoogleApiError).message;
  }
}

describe('checkFieldSelection', () => {
  it('accepts fields of the message in JSON or proto spelling, map keys and sub-fields of well-known types', () => {
    for (const mask of [
      'services(name,uri,template(scaling,containers(resources.limits,env)),labels.team),nextPageToken',
      'services.template.max_instance_request_concurrency,next_page_token',
      'services.update_time.seconds,unreachable',
    ])
      expect({ mask, problem: problem(listServices(), mask) }).toEqual({
        mask,
        problem: undefined,
      });
  });

  it('names the first path that does not exist, or that goes below a field which is not a message', () => {
    expect(problem(listServices(), 'services(name,nmae)')).toContain(
      "field 'services.nmae' does not exist in google.cloud.run.v2.Service",
    );
    expect(problem(listServices(), 'nextPage')).toContain(
      "field 'nextPage' does not exist in google.cloud.run.v2.ListServicesResponse",
    );
    expect(problem(listServices(), 'services.name.first')).toContain(
      "field 'services.name' is not a message",
    );
  });

  it('accepts any name below Any (an operation’s response)', () => {
    const operation = messageType(
      runProtoRoot(),
      'google.longrunning.Operation',
    );
    expect(problem(operation, 'name,done,response(name,etag)')).toBeUndefined();
    expect(problem(operation, 'result')).toContain(
      "field 'result' does not exist",
    );
  });

  it('checks Monitoring’s time series list', () => {
    const type = messageType(
      monitoringProtoRoot(),
      'google.monitoring.v3.ListTimeSeriesResponse',
    );
    expect(
      problem(
        type,
        'timeSeries(metric.labels,resource.labels,points(interval.endTime,value)),nextPageToken',
      ),
    ).toBeUndefined();
    expect(problem(type, 'timeSeries.point')).toContain(
      "field 'timeSeries.point' does not exist in google.monitoring.v3.TimeSeries",
    );
  });
});
