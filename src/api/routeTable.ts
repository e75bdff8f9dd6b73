import type { ApiRoute } from './route.js';
import { compareRoutes } from './routes/compareRoutes.js';
import { jobRoutes } from './routes/jobRoutes.js';
import { listingRoutes } from './routes/listingRoutes.js';
import { reviewRoutes } from './routes/reviewRoutes.js';
import { systemRoutes } from './routes/systemRoutes.js';
import { versionRoutes } from './routes/versionRoutes.js';

/**
 * Every operation of the HTTP API, in one table: the router serves exactly these, each with
 * the role it needs.
 */
export const ROUTES: readonly ApiRoute[] = [
  ...systemRoutes,
  ...listingRoutes,
  ...versionRoutes,
  ...compareRoutes,
  ...jobRoutes,
  ...reviewRoutes,
];
