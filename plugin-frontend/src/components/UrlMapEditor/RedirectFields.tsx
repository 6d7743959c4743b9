import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import {
  REDIRECT_RESPONSE_CODES,
  type UrlMapEdit,
} from '@gcp-serverless/common';

type Redirect = NonNullable<UrlMapEdit['defaultUrlRedirect']>;

/** Props of {@link RedirectFields}. */
export interface RedirectFieldsProps {
  value: Redirect;
  onChange(value: Redirect): void;
  testId: string;
  /** Messages of the schema about this redirect, shown under its fields. */
  errors?: string[];
}

/** Host redirect, https, path redirect and response code of an HttpRedirectAction. */
export function RedirectFields({
  value,
  onChange,
  testId,
  errors = [],
}: RedirectFieldsProps) {
  return (
    <Stack
      direction="row"
      spacing={1}
      flexWrap="wrap"
      useFlexGap
      alignItems="center"
      data-testid={testId}
    >
      <TextField
        size="small"
        label="Host redirect"
        value={value.hostRedirect ?? ''}
        onChange={e =>
          onChange({ ...value, hostRedirect: e.target.value || undefined })
        }
      />
      <TextField
        size="small"
        label="Path redirect"
        value={value.pathRedirect ?? ''}
        onChange={e =>
          onChange({ ...value, pathRedirect: e.target.value || undefined })
        }
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={value.httpsRedirect === true}
            onChange={e =>
              onChange({ ...value, httpsRedirect: e.target.checked })
            }
          />
        }
        label="HTTPS"
      />
      <TextField
        select
        size="small"
        label="Status"
        value={value.redirectResponseCode ?? 'MOVED_PERMANENTLY_DEFAULT'}
        onChange={e =>
          onChange({
            ...value,
            redirectResponseCode: e.target
              .value as Redirect['redirectResponseCode'],
          })
        }
        SelectProps={{ native: true }}
      >
        {Object.entries(REDIRECT_RESPONSE_CODES).map(([code, status]) => (
          <option key={code} value={code}>
            {status} {code}
          </option>
        ))}
      </TextField>
      {errors.length > 0 && (
        <FormHelperText error sx={{ flexBasis: '100%' }}>
          {errors.join('; ')}
        </FormHelperText>
      )}
    </Stack>
  );
}
