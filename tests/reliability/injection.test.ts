// Reliability #1 in `npm test`: Cypher-injection payloads in every parameter of every route leave the graph untouched and leak nothing.
import { useDatabase } from '../support/db';
import { testApp } from '../support/api';
import { ROUTES } from '../../server/http/routes';
import { injectionScenario, PAYLOADS } from './support/injection';

const TOKEN = 'injection-token-0123456789';
// A generous query timeout: this is not about speed, and a just-started Neo4j on a busy machine can take seconds to plan a query.
const store = useDatabase({ seed: true, env: { QUERY_TIMEOUT_MS: '20000' } });

test('every payload reaches every parameter of every route: no 5xx, the database signature unchanged, no Neo4j error code or Cypher in any body', async () => {
  const result = await injectionScenario(testApp(store.db, { WRITE_TOKEN: TOKEN }), store.db, { token: TOKEN });
  process.stdout.write(`injection: ${result.figure}\n`);
  expect(result.failures).toEqual([]);
  // Worked out from the route table itself: each GET route's path and query parameters, plus the four dataset
  // fields and two STIX fields the write phase fills; every one of them gets every payload, one request each.
  const readParameters = ROUTES.filter((route) => route.method === 'get').reduce(
    (sum, route) => sum + Object.keys(route.params?.shape ?? {}).length + Object.keys(route.query?.shape ?? {}).length,
    0,
  );
  expect(result.details!.parameters).toBe(readParameters + 4 + 2);
  expect(result.details!.requests).toBe(PAYLOADS.length * (readParameters + 6));
  // The payloads are the ones that matter for Cypher: backticks literal and escaped, comments, quotes and DETACH DELETE.
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  for (const needle of ['`', '\\u0060', '//', '/*', 'DETACH DELETE', "'", '"']) {
    expect(PAYLOADS.some((payload) => payload.includes(needle))).toBe(true);
  }
  // The payloads really reached the routes: both rejections and successes happened, and writes were accepted as data.
  const statuses = result.details!.statuses as Record<string, number>;
  expect(statuses['400']).toBeGreaterThan(0);
  expect(statuses['200']).toBeGreaterThan(0);
  expect(result.details!.textWrites).toBeGreaterThan(0);
}, 600_000);
