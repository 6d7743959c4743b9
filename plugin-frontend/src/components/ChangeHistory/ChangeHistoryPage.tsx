import { useParams } from 'react-router-dom';
import { ChangeHistoryPanel } from './ChangeHistoryPanel';

/** The History tab of a project: every applied or failed change, newest first. */
export function ChangeHistoryPage() {
  const { projectId = '' } = useParams();
  return <ChangeHistoryPanel projectId={projectId} />;
}
