import { runPortalCommand } from './portalCommand';

/** `npm run dev`: the portal with the web app from Vite's dev server, with hot reload. */
runPortalCommand('dev');
