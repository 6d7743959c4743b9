import { runPortalCommand } from './portalCommand';

/** `npm start`: the portal serving the production build of the web app (built first when stale). */
runPortalCommand('start');
