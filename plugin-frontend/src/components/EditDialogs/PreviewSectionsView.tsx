import Typography from '@mui/material/Typography';
import type { PreviewSections } from '../../edits/EditKind';
import { CapacityImpactList } from '../CapacityImpactList/CapacityImpactList';
import { CostImpactTable } from '../CostImpact/CostImpactTable';
import { UrlMapFindings } from './UrlMapFindings';
import { WhatIfPanel } from '../WhatIf/WhatIfPanel';

/**
 * The kind-specific parts of a preview: capacity impact, cost impact (or why there is none), URL map
 * findings, the what-if of a scaling change (or why there is none).
 */
export function PreviewSectionsView({
  sections,
  testId,
}: {
  sections: PreviewSections;
  testId: string;
}) {
  return (
    <>
      <CapacityImpactList impacts={sections.impacts} />
      {sections.cost && <CostImpactTable impact={sections.cost} />}
      {!sections.cost && sections.costUnavailable && (
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid={`${testId}-cost-unavailable`}
        >
          No cost estimate: {sections.costUnavailable}.
        </Typography>
      )}
      {sections.findings && <UrlMapFindings findings={sections.findings} />}
      {sections.whatIf && (
        <WhatIfPanel report={sections.whatIf} testId={testId} />
      )}
      {!sections.whatIf && sections.whatIfUnavailable && (
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid={`${testId}-what-if-unavailable`}
        >
          No what-if on last week’s traffic: {sections.whatIfUnavailable}
        </Typography>
      )}
    </>
  );
}
