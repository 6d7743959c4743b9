import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetupReport } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { queryKeys } from '../../queries/queryKeys';
import { useSetupQuery } from '../../queries/reads';

/**
 * The doctor's report for the setup page; `checkAgain` asks the backend to check now
 * (`?refresh=1`) and puts the new report where the banner reads it too.
 */
export function useSetupReport(): {
  report: SetupReport | undefined;
  error: Error | undefined;
  checking: boolean;
  checkAgain: () => void;
} {
  const api = useGcpServerlessApi();
  const client = useQueryClient();
  const query = useSetupQuery();
  const recheck = useMutation({
    mutationFn: () => api.getSetup({ refresh: true }),
    onSuccess: report => client.setQueryData(queryKeys.setup(), report),
  });
  return {
    report: query.data,
    error: recheck.error ?? query.error ?? undefined,
    checking: query.isFetching || recheck.isPending,
    checkAgain: () => recheck.mutate(),
  };
}
