import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { WhatIfReport } from '@gcp-serverless/common';
import { WhatIfChart } from './WhatIfChart';
import { whatIfFigures, whatIfHeadline, whatIfNotes } from './whatIfFigures';

/** The what-if section of a scaling preview: headline, figures, chart and caveats. */
export function WhatIfPanel({
  report,
  testId,
}: {
  report: WhatIfReport;
  testId: string;
}) {
  return (
    <Box component="section" data-testid={`${testId}-what-if`} sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">
        Last week’s traffic under the proposal
      </Typography>
      <Typography variant="body1" data-testid={`${testId}-what-if-headline`}>
        {whatIfHeadline(report)}
      </Typography>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: 'auto 1fr',
          columnGap: 2,
          my: 1,
        }}
      >
        {whatIfFigures(report).map(f => (
          <Box key={f.key} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {f.label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {f.text}
            </Typography>
          </Box>
        ))}
      </Box>
      <WhatIfChart points={report.chart} />
      {whatIfNotes(report).map(note => (
        <Typography
          key={note}
          variant="caption"
          color="text.secondary"
          component="p"
        >
          {note}
        </Typography>
      ))}
    </Box>
  );
}
