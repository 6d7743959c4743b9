import { describeServicesTableAtScale } from './servicesTableAtScale';

/**
 * The services table of 1,000 services in Chromium, with their metrics (servicesTableAtScale.ts):
 * a bounded number of rows in the DOM, the last service at the end of the scroll, sorting and
 * filtering over every service.
 */
describeServicesTableAtScale({
  services: Number(process.env.SERVICES_TABLE_E2E_SIZE ?? 1_000),
});
