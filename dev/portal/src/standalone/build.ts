import { ensureWebBuild } from './webBuild';

/** `npm run build`: the production build of the web app into dev/portal/dist/web, even when up to date. */
ensureWebBuild({ force: true }).catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
