import { useMemo, useState, type Ref } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FieldError, UrlMapEdit } from '@gcp-serverless/common';
import { PathMatcherEditor } from './PathMatcherEditor';
import { RedirectFields } from './RedirectFields';
import { REDIRECT_TARGET, TargetSelect } from './TargetSelect';
import {
  errorsByField,
  fieldErrorProps,
  locateUrlMapError,
} from './urlMapFieldErrors';
import {
  editErrors,
  editOps,
  splitList,
  type BackendOption,
} from './urlMapEditorModel';

/** Props of {@link UrlMapEditor}. */
export interface UrlMapEditorProps {
  /** The edit to start from (the map as loaded, or as it is now after a conflict). */
  initial: UrlMapEdit;
  options: BackendOption[];
  /** Field errors the server returned for the last preview/apply. */
  serverErrors: readonly FieldError[];
  busy: boolean;
  /** The Preview button, where the focus returns when the edit's dialogs close. */
  previewRef?: Ref<HTMLButtonElement>;
  onPreview(edit: UrlMapEdit): void;
  onCancel(): void;
}

/**
 * Edits the routes of a URL map: defaults, host rules, path matchers and their path rules. Validated
 * with the shared schema as the user types; Preview is enabled when it passes.
 */
export function UrlMapEditor({
  initial,
  options,
  serverErrors,
  busy,
  previewRef,
  onPreview,
  onCancel,
}: UrlMapEditorProps) {
  const [edit, setEdit] = useState<UrlMapEdit>(initial);
  const errors = useMemo(() => editErrors(edit), [edit]);
  const matcherNames = edit.pathMatchers.map(m => m.name);
  const located = [...errors, ...serverErrors].map(e =>
    locateUrlMapError(e, edit),
  );
  const byField = errorsByField(located);
  const fieldError = (key: string) => fieldErrorProps(byField, key);
  return (
    <Stack spacing={1.5} data-testid="urlmap-editor">
      <Typography variant="subtitle1">
        Default of the URL map (hosts no rule names)
      </Typography>
      <TargetSelect
        label="Default"
        value={
          edit.defaultUrlRedirect ? REDIRECT_TARGET : edit.defaultService ?? ''
        }
        options={options}
        allowRedirect
        testId="urlmap-default"
        {...fieldError('defaultService')}
        onChange={v =>
          setEdit(
            v === REDIRECT_TARGET
              ? {
                  ...edit,
                  defaultService: undefined,
                  defaultUrlRedirect: edit.defaultUrlRedirect ?? {
                    httpsRedirect: true,
                  },
                }
              : { ...edit, defaultService: v, defaultUrlRedirect: undefined },
          )
        }
      />
      {edit.defaultUrlRedirect && (
        <RedirectFields
          value={edit.defaultUrlRedirect}
          testId="urlmap-default-redirect"
          errors={byField.get('defaultUrlRedirect')}
          onChange={r => setEdit({ ...edit, defaultUrlRedirect: r })}
        />
      )}

      <Typography variant="subtitle1">Host rules</Typography>
      {edit.hostRules.map((h, hi) => (
        <Stack
          key={hi}
          direction="row"
          spacing={1}
          alignItems="flex-start"
          data-testid={`host-rule-${hi}`}
        >
          <TextField
            size="small"
            label="Hosts"
            value={h.hosts.join(', ')}
            {...fieldError(`hostRules.${hi}.hosts`)}
            onChange={e =>
              setEdit(
                editOps.setHostRule(edit, hi, {
                  hosts: splitList(e.target.value),
                }),
              )
            }
            sx={{ flex: 1 }}
          />
          <TextField
            select
            size="small"
            label="Path matcher"
            value={h.pathMatcher}
            {...fieldError(`hostRules.${hi}.pathMatcher`)}
            SelectProps={{ native: true }}
            onChange={e =>
              setEdit(
                editOps.setHostRule(edit, hi, { pathMatcher: e.target.value }),
              )
            }
          >
            {!matcherNames.includes(h.pathMatcher) && (
              <option value={h.pathMatcher}>
                {h.pathMatcher || '(choose)'}
              </option>
            )}
            {matcherNames.map(n => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </TextField>
          <IconButton
            aria-label={`Remove host rule ${h.hosts.join(', ')}`}
            onClick={() => setEdit(editOps.removeHostRule(edit, hi))}
          >
            ✕
          </IconButton>
        </Stack>
      ))}
      <Button
        size="small"
        sx={{ alignSelf: 'flex-start' }}
        onClick={() => setEdit(editOps.addHostRule(edit))}
      >
        Add host rule
      </Button>

      <Typography variant="subtitle1">Path matchers</Typography>
      {edit.pathMatchers.map((_, mi) => (
        <PathMatcherEditor
          key={mi}
          edit={edit}
          index={mi}
          options={options}
          onChange={setEdit}
          errors={byField}
        />
      ))}
      <Button
        size="small"
        sx={{ alignSelf: 'flex-start' }}
        onClick={() =>
          setEdit(editOps.addMatcher(edit, options[0]?.value ?? ''))
        }
      >
        Add path matcher
      </Button>

      {located.length > 0 && (
        <Alert severity="error" data-testid="urlmap-errors">
          {located.length === 1
            ? 'One field needs a fix'
            : `${located.length} fields need a fix`}
          {located.some(e => e.key) ? ' (highlighted above)' : ''}:
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {located.map(e => (
              <li key={`${e.key}:${e.where}:${e.message}`}>
                {e.where}: {e.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          ref={previewRef}
          disabled={busy || errors.length > 0}
          onClick={() => onPreview(edit)}
          data-testid="urlmap-preview"
        >
          Preview
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </Stack>
    </Stack>
  );
}
