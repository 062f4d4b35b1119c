// Generates the OpenAPI 3.1 document from the route table's zod schemas; nothing in it is written by hand.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteSpec } from './router';
import { problemSchema } from '../model/api';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

export function openApiDocument(routes: readonly RouteSpec[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'WRITE_TOKEN' });
  for (const route of routes) {
    const body = route.body;
    registry.registerPath({
      method: route.method,
      path: `/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
      summary: route.summary,
      tags: [route.tag],
      ...(route.write ? { security: [{ bearer: [] }] } : {}),
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: {
        200: {
          description: 'OK',
          content: Object.fromEntries((route.produces ?? ['application/json']).map((type) => [type, { schema: route.response }])),
        },
        400: problem('Invalid request: the problem names each field'),
        ...(route.params ? { 404: problem('No record with that id') } : {}),
        ...(route.write
          ? {
              401: problem('Missing or wrong bearer token'),
              403: problem('Writes are disabled'),
              409: problem('An id already stands for a record of another type; nothing was written'),
              413: problem('Body too large'),
            }
          : {}),
        429: problem('Rate limit exceeded'),
        503: problem('Neo4j unavailable or the query timed out; see Retry-After'),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'claim-graph API',
      version,
      description: 'Who claimed what about whom, on whose evidence, and who denied it. Graph responses use graphology’s serialized format.',
    },
    servers: [{ url: '/' }],
  });
}
