import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_SERVICE_SORT,
  parseServiceSort,
  type ServiceSort,
} from '../components/ServicesTable/servicesTableModel';

/** Filter and sort of the services table, held in the URL (`?q=`, `?sort=`, `?dir=`). */
export interface ServicesTableParams {
  query: string;
  sort: ServiceSort;
  /** Replaces the history entry, so typing does not push one entry per key. */
  setQuery: (query: string) => void;
  setSort: (sort: ServiceSort) => void;
}

/** Reads and writes the services table's filter and sort in the query string, keeping other parameters. */
export function useServicesTableParams(): ServicesTableParams {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.get('q') ?? '';
  const sort = parseServiceSort(
    searchParams.get('sort'),
    searchParams.get('dir'),
  );

  const setQuery = useCallback(
    (next: string) =>
      setSearchParams(
        prev => {
          const params = new URLSearchParams(prev);
          if (next) params.set('q', next);
          else params.delete('q');
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  const setSort = useCallback(
    (next: ServiceSort) =>
      setSearchParams(prev => {
        const params = new URLSearchParams(prev);
        const isDefault =
          next.key === DEFAULT_SERVICE_SORT.key &&
          next.direction === DEFAULT_SERVICE_SORT.direction;
        if (isDefault) {
          params.delete('sort');
          params.delete('dir');
        } else {
          params.set('sort', next.key);
          params.set('dir', next.direction);
        }
        return params;
      }),
    [setSearchParams],
  );

  return { query, sort, setQuery, setSort };
}
