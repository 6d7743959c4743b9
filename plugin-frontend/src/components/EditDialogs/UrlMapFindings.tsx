import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { UrlMapFinding } from '@gcp-serverless/common';

/** Our findings on a URL map edit (unreachable rules, destinations that change) with sample URLs before → after. */
export function UrlMapFindings({
  findings,
}: {
  findings: readonly UrlMapFinding[];
}) {
  return (
    <>
      {findings.map((f, i) => (
        <Alert
          key={i}
          severity={f.severity === 'warning' ? 'warning' : 'info'}
          data-testid={`urlmap-finding-${f.code}`}
        >
          {f.message}
          {f.samples && (
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {f.samples.map(s => (
                <li key={s.url}>
                  <code>{s.url}</code>: {s.before} → {s.after}
                </li>
              ))}
            </Box>
          )}
        </Alert>
      ))}
    </>
  );
}
