// Compares two running servers route by route: every read route on every record of the seeded data, byte for byte.
// Usage: npx tsx tests/tools/compareAnswers.ts http://127.0.0.1:3001 http://127.0.0.1:3002
// It speaks only HTTP, so the two servers can be different commits of the project; a structural change should show no difference.
import { createHash } from 'node:crypto';

type Listed = { items: Array<{ id: string }>; nextCursor: string | null };

/** Export answers stamp their own creation time; nothing else in an answer may differ between two servers. */
const GENERATED_AT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

async function fetchText(base: string, route: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${base}${route}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  // A CSV export is a zip whose entries carry no time, so its bytes compare as they are.
  const body = response.headers.get('content-type')?.includes('zip') ? bytes.toString('base64') : bytes.toString('utf8');
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: body.replace(GENERATED_AT, '<time>') };
}

async function allIds(base: string, collection: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = JSON.parse((await fetchText(base, `/api/${collection}?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body) as Listed;
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

/** Every read route, on every record it can take, plus the parameter variants the API documents. */
async function routesToCompare(base: string): Promise<string[]> {
  const [actors, incidents, claims, sources] = (await Promise.all(
    ['actors', 'incidents', 'claims', 'sources'].map((c) => allIds(base, c)),
  )) as [string[], string[], string[], string[]];
  const routes = ['/api/health', '/api/stats', '/api/openapi.json', '/api/graph', '/api/graph?limit=20'];
  for (const collection of ['actors', 'incidents', 'claims', 'sources']) routes.push(`/api/${collection}`, `/api/${collection}?limit=7`);
  routes.push(
    '/api/actors?kind=agency',
    '/api/claims?stance=denies',
    '/api/claims?from=2014-12&to=2014-12-20',
    '/api/claims?incident=sony-hack',
  );
  for (const q of ['fbi', 'north korea', 'anonymous', 'outage', 'sony', 'kim']) routes.push(`/api/search?q=${encodeURIComponent(q)}`);
  for (const id of actors) routes.push(`/api/actors/${id}`, `/api/claims?claimant=${id}`, `/api/graph/neighborhood/${id}`);
  for (const id of incidents) {
    routes.push(`/api/incidents/${id}`, `/api/incidents/${id}/attribution`, `/api/incidents/${id}/attribution?limit=1&claimsPerSide=1`);
    routes.push(`/api/graph/neighborhood/${id}?depth=2`, `/api/export?format=json&view=attribution&id=${id}`);
  }
  for (const id of claims) {
    routes.push(`/api/claims/${id}`, `/api/graph/chains/${id}`, `/api/graph/chains/${id}?direction=downstream`);
  }
  for (const id of sources) routes.push(`/api/sources/${id}`);
  const [firstActor, lastActor] = [actors[0], actors[actors.length - 1]];
  if (firstActor !== undefined && lastActor !== undefined) routes.push(`/api/graph/paths?from=${firstActor}&to=${lastActor}&maxHops=6`);
  for (const format of ['stix', 'gexf', 'graphml', 'csv', 'json', 'cypher']) routes.push(`/api/export?format=${format}`);
  // Error answers are part of the contract too.
  routes.push('/api/actors/no-such-actor', '/api/graph/neighborhood/fbi?depth=9', '/api/search', '/api/export?format=pdf');
  return routes;
}

async function main(): Promise<number> {
  const [before, after] = process.argv.slice(2);
  if (before === undefined || after === undefined) {
    console.error('usage: compareAnswers.ts BEFORE_URL AFTER_URL');
    return 2;
  }
  const routes = await routesToCompare(before);
  let differing = 0;
  const digest = createHash('sha256');
  for (const route of routes) {
    const [a, b] = await Promise.all([fetchText(before, route), fetchText(after, route)]);
    // Request ids are fresh per request; everything else in a problem answer must match.
    const strip = (body: string) => body.replace(/"requestId":"[^"]*"/g, '').replace(/request id [0-9a-f-]+/g, '');
    if (a.status !== b.status || a.type !== b.type || strip(a.body) !== strip(b.body)) {
      differing++;
      console.log(`DIFFERS ${route}: ${a.status} ${a.type} (${a.body.length} B) vs ${b.status} ${b.type} (${b.body.length} B)`);
    }
    digest.update(`${route}\n${a.status}\n${strip(a.body)}\n`);
  }
  console.log(`${routes.length} answers compared, ${differing} differ; digest of the answers ${digest.digest('hex').slice(0, 16)}`);
  return differing === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
