import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { COST_RANGES, type CostRange } from '@gcp-serverless/common';
import type { CostsParams } from './useCostsParams';

/** Range, resource filter, stacking and CSV export of the costs page. */
export function CostsFilterBar({
  params,
  resources,
  onExport,
  canExport,
}: {
  params: CostsParams;
  resources: string[];
  onExport: () => void;
  canExport: boolean;
}) {
  return (
    <Stack
      direction={{ xs: 'column', md: 'row' }}
      spacing={2}
      alignItems={{ md: 'center' }}
    >
      <ToggleButtonGroup
        size="small"
        exclusive
        value={params.range}
        onChange={(_, v: CostRange | null) => v && params.set({ range: v })}
        aria-label="Range"
      >
        {COST_RANGES.map(r => (
          <ToggleButton key={r} value={r} aria-label={`Last ${r}`}>
            {r}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <TextField
        select
        size="small"
        label="Service"
        value={params.resource}
        onChange={e => params.set({ resource: e.target.value })}
        sx={{ minWidth: 220 }}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'data-testid': 'cost-resource-filter' }}
      >
        <MenuItem value="">All services</MenuItem>
        {resources.map(r => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={params.dimension}
        onChange={(_, v) => v && params.set({ dimension: v })}
        aria-label="Stack by"
      >
        <ToggleButton value="resource">By service</ToggleButton>
        <ToggleButton value="skuFamily">By SKU family</ToggleButton>
      </ToggleButtonGroup>
      <Button
        variant="outlined"
        onClick={onExport}
        disabled={!canExport}
        data-testid="cost-csv-export"
      >
        Export CSV
      </Button>
    </Stack>
  );
}
