import { describe, expect, it } from 'vitest';
import { FEATURE_REQUIREMENTS } from '@gcp-serverless/common';
import { codeSpans, markdownSection, readRepoFile } from './repoFiles';

/**
 * The README's first run against Google Cloud names every role the read features need, from the
 * list the doctor checks (`FEATURE_REQUIREMENTS`), so following it gives every page what it reads.
 */
describe('README: running against real Google Cloud', () => {
  it('names every role a read feature needs', () => {
    const section = markdownSection(
      readRepoFile('README.md'),
      'Running against real Google Cloud',
    );
    const named = new Set(codeSpans(section));
    const readRoles = FEATURE_REQUIREMENTS.filter(f => f.kind === 'read')
      .flatMap(f => f.permissions.map(p => p.role))
      .concat('roles/bigquery.dataViewer');
    expect([...new Set(readRoles)].filter(role => !named.has(role))).toEqual(
      [],
    );
  });
});
