import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_REQUIREMENTS,
  permissionsOf,
  projectFeatures,
  roleFor,
} from './googleRequirements';

const configurationDoc = readFileSync(
  new URL('../../../docs/configuration.md', import.meta.url),
  'utf8',
);

describe('FEATURE_REQUIREMENTS', () => {
  it('gives every permission one role, and every feature at least one API', () => {
    for (const f of FEATURE_REQUIREMENTS) {
      expect(f.apis.length, f.id).toBeGreaterThan(0);
      for (const p of f.permissions)
        expect(roleFor(p.permission), p.permission).toBe(p.role);
    }
    expect(new Set(FEATURE_REQUIREMENTS.map(f => f.id)).size).toBe(
      FEATURE_REQUIREMENTS.length,
    );
    expect(permissionsOf(projectFeatures())).toContain('run.services.list');
  });

  it('is what the role table of docs/configuration.md says, row for row (regenerate the table when the list changes)', () => {
    const rows = configurationDoc
      .split('\n')
      .filter(line => /^\| .* \| (read|edit) \| /.test(line));
    const documented = rows.map(line => {
      const cells = line.split('|').map(c => c.trim());
      return {
        feature: cells[1],
        role: cells[4]!.replace(/`/g, ''),
        permissions: cells[5]!.replace(/`/g, '').split(', '),
      };
    });
    const expected = FEATURE_REQUIREMENTS.flatMap(f =>
      [...new Set(f.permissions.map(p => p.role))].map(role => ({
        feature: f.title,
        role,
        permissions: f.permissions
          .filter(p => p.role === role)
          .map(p => p.permission),
      })),
    );
    expect(documented).toEqual(expected);
  });
});
