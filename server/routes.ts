// Routes beyond the graph queries (exports, STIX import), added to the same table so they share validation, auth and OpenAPI.
import type { RouteSpec } from './graph/router';

export const extraRoutes: readonly RouteSpec[] = [];
