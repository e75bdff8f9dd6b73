import type { ApiRoute } from './route.js';
import { compareRoutes } from './routes/compareRoutes.js';
import { jobRoutes } from './routes/jobRoutes.js';
import { listingRoutes } from './routes/listingRoutes.js';
import { reviewRoutes } from './routes/reviewRoutes.js';
import { systemRoutes } from './routes/systemRoutes.js';
import { versionRoutes } from './routes/versionRoutes.js';

/**
 * Every operation of the HTTP API, in one table: the router serves exactly these, and the
 * OpenAPI document (/openapi.json) is checked against it in the tests (each route described,
 * nothing described that is not a route, with the same role).
 */
export const ROUTES: readonly ApiRoute[] = [
  ...systemRoutes,
  ...listingRoutes,
  ...versionRoutes,
  ...compareRoutes,
  ...jobRoutes,
  ...reviewRoutes,
];
