import { describe, expect, it } from 'vitest';
import { ConfigError, readGcpServerlessConfig } from './config';

describe('readGcpServerlessConfig', () => {
  it('applies defaults', () => {
    const config = readGcpServerlessConfig({
      sandbox: { endpoint: 'http://127.0.0.1:8123' },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    });
    expect(config.mode).toBe('sandbox');
    expect(config.timeouts).toEqual({
      readMs: 10_000,
      refreshReadMs: 60_000,
      writeMs: 30_000,
      operationMs: 180_000,
    });
  });

  it('names every bad key in one message', () => {
    expect(() =>
      readGcpServerlessConfig({
        mode: 'sandbox',
        projects: [{ projectId: 'Bad_Id', regions: [] }],
        extra: 1,
      }),
    ).toThrowError(ConfigError);
    try {
      readGcpServerlessConfig({
        mode: 'sandbox',
        projects: [{ projectId: 'Bad_Id', regions: [] }],
        extra: 1,
      });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain(
        'gcpServerless.projects[0].projectId: must be a Google Cloud project id',
      );
      expect(message).toContain(
        'gcpServerless.projects[0].regions: list at least one region',
      );
      expect(message).toContain('gcpServerless: unknown key(s) extra');
      expect(message).toContain(
        'gcpServerless.sandbox.endpoint: is required in sandbox mode',
      );
    }
  });

  it("limits the computation thread's heap by default, and takes 0 for no limit of its own", () => {
    const base = {
      sandbox: { endpoint: 'http://127.0.0.1:8123' },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    };
    expect(readGcpServerlessConfig(base).readModel.computeThreadHeapMb).toBe(
      1024,
    );
    expect(
      readGcpServerlessConfig({
        ...base,
        readModel: { computeThreadHeapMb: 0 },
      }).readModel.computeThreadHeapMb,
    ).toBe(0);
    expect(() =>
      readGcpServerlessConfig({
        ...base,
        readModel: { computeThreadHeapMb: 1.5 },
      }),
    ).toThrow(/gcpServerless.readModel.computeThreadHeapMb/);
  });

  it('refuses duplicate projects and an empty allowlist', () => {
    expect(() =>
      readGcpServerlessConfig({ mode: 'gcp', projects: [] }),
    ).toThrow(/gcpServerless.projects: list at least one project/);
    expect(() =>
      readGcpServerlessConfig({
        mode: 'gcp',
        projects: [
          { projectId: 'abcdef', regions: ['us-central1'] },
          { projectId: 'abcdef', regions: ['us-central1'] },
        ],
      }),
    ).toThrow(/duplicate project abcdef/);
  });
});
