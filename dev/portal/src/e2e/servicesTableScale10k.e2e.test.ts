import { describeServicesTableAtScale } from './servicesTableAtScale';

/**
 * The services table of 10,000 services (ten regions of 1,000) in Chromium (servicesTableAtScale.ts):
 * a bounded number of rows in the DOM, the last service at the end of the scroll, sorting and
 * filtering over every service. The fleet's Monitoring API is disabled, so the list is Cloud Run's
 * 10,000 services with a notice where the metrics would be: an hour of metrics of 10,000 services is
 * minutes of the sandbox's CPU on two cores (and, on this machine, more than the longest read
 * deadline, so the page would show the same notice), and this test is about the table, not the metrics.
 */
describeServicesTableAtScale({
  services: 10_000,
  setupFailures: {
    disabledApis: [
      { projectId: 'scale-fleet', service: 'monitoring.googleapis.com' },
    ],
  },
  note: 'Monitoring disabled',
});
