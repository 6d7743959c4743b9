import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router-dom/server';
import { TIME_WINDOWS, type TimeWindow } from '@gcp-serverless/common';
import { StandaloneApp } from './StandaloneApp';

/**
 * The home page as it looks before any answer arrives (app bar, heading, time window, skeletons),
 * rendered at build time from the app's own components with their styles inline (emotion writes a
 * `<style>` beside each element when rendered to a string), once per time window the address can
 * name. webBuild.ts puts each into a copy of index.html, so the first paint needs neither the script
 * nor the CPU to run it; the app then renders over it (main.tsx) and emotion keeps those styles.
 */
export function renderHomeShells(): Record<TimeWindow, string> {
  return Object.fromEntries(
    TIME_WINDOWS.map(window => [
      window,
      renderToString(
        <StaticRouter location={`/?window=${window}`}>
          <StandaloneApp />
        </StaticRouter>,
      ),
    ]),
  ) as Record<TimeWindow, string>;
}
