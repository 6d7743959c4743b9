import Alert from '@mui/material/Alert';
import { useMatch } from 'react-router-dom';
import { useSetupQuery } from '../../queries/reads';
import { SetupLink, useSetupPath } from './SetupLink';

/**
 * Above every page of the plugin while the doctor finds something missing (no credentials, a
 * disabled API, a missing permission, an unknown project): says how many problems, and links to the
 * setup page, so a user who meets empty or unavailable panels learns why first. Silent otherwise,
 * and when the report itself cannot be read (the pages then say what failed).
 */
export function SetupBanner() {
  const setupPath = useSetupPath();
  const onSetupPage = useMatch(setupPath ?? '/__no_setup_page__') !== null;
  const report = useSetupQuery().data;
  if (!report || report.ok || onSetupPage) return null;
  const count = report.problems.length;
  return (
    <Alert severity="warning" data-testid="setup-banner" sx={{ mb: 2 }}>
      The Google Cloud setup is incomplete ({count} problem
      {count === 1 ? '' : 's'}): some panels are unavailable.{' '}
      <SetupLink>See what is missing and how to fix it</SetupLink>
    </Alert>
  );
}
