import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { serviceWithSummary } from '../../__testUtils__/fixtures';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { ServicesTable } from './ServicesTable';
import {
  DEFAULT_SERVICE_SORT,
  filterServices,
  sortServices,
  type ServiceSort,
} from './servicesTableModel';

afterEach(cleanup);

// jsdom lays nothing out: give the table's scroll container the height a browser would (20 rows of 37 px).
const VIEW_HEIGHT = 740;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'services-scroll' ? VIEW_HEIGHT : 0;
    },
  });
});
// The override sits on HTMLElement; removing it uncovers Element's own getter again.
afterAll(
  () =>
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight,
);

const fleet = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    serviceWithSummary(
      `svc-${String(i).padStart(5, '0')}`,
      {},
      { requestsPerSecond: (i * 7919) % 1000 },
    ),
  );

function renderTable(
  services: ReturnType<typeof fleet>,
  sort: ServiceSort = DEFAULT_SERVICE_SORT,
) {
  return renderWithProviders(
    <ServicesTable
      services={services}
      sort={sort}
      onSortChange={() => undefined}
      serviceHref={s => s.name}
    />,
    { api: fakeApi() },
  );
}

const renderedNames = () =>
  within(screen.getByTestId('services-table'))
    .queryAllByRole('rowheader')
    .map(cell => cell.textContent);

// Building 10,000 rows of fixtures is slow on a busy machine; the assertions are about the DOM, not speed.
describe.each([1_000, 10_000])(
  'ServicesTable with %i services',
  { timeout: 120_000 },
  size => {
    it('renders only the rows in view, and the rows further down once scrolled there', () => {
      const services = fleet(size);
      renderTable(services);
      expect(
        screen.getByTestId('services-table').getAttribute('aria-rowcount'),
      ).toBe(String(size + 1));
      const first = renderedNames();
      expect(first[0]).toBe('svc-00000');
      expect(first.length).toBeGreaterThanOrEqual(VIEW_HEIGHT / 37);
      expect(first.length).toBeLessThan(60);

      const scroller = screen.getByTestId('services-scroll');
      scroller.scrollTop = 37 * (size - 30);
      fireEvent.scroll(scroller);
      const last = renderedNames();
      expect(last).toContain(services[size - 1]!.name);
      expect(last).not.toContain('svc-00000');
      expect(last.length).toBeLessThan(60);
    });

    it('sorting and filtering change which rows are drawn, still only the ones in view', () => {
      const services = fleet(size);
      const sort: ServiceSort = { key: 'requestsPerSecond', direction: 'desc' };
      renderTable(sortServices(services, sort), sort);
      const top = sortServices(services, sort)[0]!;
      expect(renderedNames()[0]).toBe(top.name);
      expect(renderedNames().length).toBeLessThan(60);

      cleanup();
      const filtered = filterServices(services, 'svc-0009');
      renderTable(filtered);
      expect(renderedNames()).toEqual(
        filtered.map(s => s.name).slice(0, renderedNames().length),
      );
    });
  },
);

describe('ServicesTable with a short list', () => {
  it('renders every row without an inner scroll area', () => {
    renderTable(fleet(12));
    expect(renderedNames()).toHaveLength(12);
    expect(screen.queryByTestId('services-scroll')).toBeNull();
  });
});
