import type { ApiRoute } from './route.js';
import { jobRoutes } from './routes/jobRoutes.js';
import { reviewRoutes } from './routes/reviewRoutes.js';
import { systemRoutes } from './routes/systemRoutes.js';

/**
 * Every operation of the HTTP API, in one table: the router serves exactly these, each with
 * the role it needs.
 */
export const ROUTES: readonly ApiRoute[] = [...systemRoutes, ...jobRoutes, ...reviewRoutes];
