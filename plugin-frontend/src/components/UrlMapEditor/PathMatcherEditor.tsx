import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { UrlMapEdit } from '@gcp-serverless/common';
import { RedirectFields } from './RedirectFields';
import { REDIRECT_TARGET, TargetSelect } from './TargetSelect';
import { fieldErrorProps } from './urlMapFieldErrors';
import { editOps, splitList, type BackendOption } from './urlMapEditorModel';

/** Props of {@link PathMatcherEditor}. */
export interface PathMatcherEditorProps {
  edit: UrlMapEdit;
  index: number;
  options: BackendOption[];
  onChange(edit: UrlMapEdit): void;
  /** Schema messages per field key (urlMapFieldErrors.ts). */
  errors: ReadonlyMap<string, string[]>;
}

/** One path matcher: name, default (backend or redirect), path rules (paths → backend); route rules shown read-only. */
export function PathMatcherEditor({
  edit,
  index: mi,
  options,
  onChange,
  errors,
}: PathMatcherEditorProps) {
  const fieldError = (key: string) =>
    fieldErrorProps(errors, `pathMatchers.${mi}.${key}`);
  const m = edit.pathMatchers[mi]!;
  const defaultValue = m.defaultUrlRedirect
    ? REDIRECT_TARGET
    : m.defaultService ?? '';
  const firstBackend = options[0]?.value ?? '';
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5 }}
      data-testid={`path-matcher-${m.name}`}
    >
      <Stack spacing={1}>
        <Stack
          direction="row"
          spacing={1}
          alignItems="center"
          flexWrap="wrap"
          useFlexGap
        >
          <TextField
            size="small"
            label="Path matcher"
            value={m.name}
            {...fieldError('name')}
            onChange={e =>
              onChange(editOps.setMatcher(edit, mi, { name: e.target.value }))
            }
          />
          <TargetSelect
            label="Default"
            value={defaultValue}
            options={options}
            allowRedirect
            testId={`matcher-default-${mi}`}
            {...fieldError('defaultService')}
            onChange={v =>
              onChange(
                editOps.setMatcher(
                  edit,
                  mi,
                  v === REDIRECT_TARGET
                    ? {
                        defaultService: undefined,
                        defaultUrlRedirect: m.defaultUrlRedirect ?? {
                          httpsRedirect: true,
                          redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
                        },
                      }
                    : { defaultService: v, defaultUrlRedirect: undefined },
                ),
              )
            }
          />
          <Button
            color="error"
            size="small"
            onClick={() => onChange(editOps.removeMatcher(edit, mi))}
          >
            Remove matcher
          </Button>
        </Stack>
        {m.defaultUrlRedirect && (
          <RedirectFields
            value={m.defaultUrlRedirect}
            testId={`matcher-redirect-${mi}`}
            errors={errors.get(`pathMatchers.${mi}.defaultUrlRedirect`)}
            onChange={r =>
              onChange(editOps.setMatcher(edit, mi, { defaultUrlRedirect: r }))
            }
          />
        )}
        {m.pathRules.map((r, ri) => (
          <Stack
            key={ri}
            direction="row"
            spacing={1}
            alignItems="flex-start"
            data-testid={`path-rule-${mi}-${ri}`}
          >
            <TextField
              size="small"
              label="Paths"
              placeholder="/api/*, /admin"
              value={r.paths.join(', ')}
              onChange={e =>
                onChange(
                  editOps.setPathRule(edit, mi, ri, {
                    paths: splitList(e.target.value),
                  }),
                )
              }
              inputProps={{ 'data-testid': `path-rule-paths-${mi}-${ri}` }}
              {...fieldError(`pathRules.${ri}.paths`)}
              sx={{ flex: 1 }}
            />
            {r.urlRedirect ? (
              <Typography variant="body2" color="text.secondary">
                redirect (kept as is)
              </Typography>
            ) : (
              <TargetSelect
                label="Backend"
                value={r.service ?? ''}
                options={options}
                testId={`path-rule-target-${mi}-${ri}`}
                {...fieldError(`pathRules.${ri}.service`)}
                onChange={v =>
                  onChange(editOps.setPathRule(edit, mi, ri, { service: v }))
                }
              />
            )}
            <IconButton
              aria-label={`Remove path rule ${r.paths.join(', ')}`}
              onClick={() => onChange(editOps.removePathRule(edit, mi, ri))}
            >
              ✕
            </IconButton>
          </Stack>
        ))}
        {m.routeRules.length > 0 && (
          <Typography variant="body2" color="text.secondary">
            {m.routeRules.length} route rule(s), kept unchanged (edit them in
            the Cloud Console).
          </Typography>
        )}
        {m.routeRules.length === 0 && (
          <Button
            size="small"
            sx={{ alignSelf: 'flex-start' }}
            onClick={() =>
              onChange(editOps.addPathRule(edit, mi, firstBackend))
            }
            data-testid={`add-path-rule-${m.name}`}
          >
            Add path rule
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
