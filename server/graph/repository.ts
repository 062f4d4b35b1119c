// Every Cypher query the API runs: each a function of an open transaction, with values only in $parameters; results come back as plain objects.
import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { toInteger, toPlain } from '../db/records';
import { FULLTEXT_INDEX } from '../db/schema';
import { TALLY, tallyParameters, tallyRows, talliesCurrent } from '../db/tallies';
import { InvalidRequestError, NotFoundError } from '../model/errors';
import type {
  Accusation,
  Actor,
  ActorRef,
  Affiliation,
  Claim,
  Claimant,
  ClaimSummary,
  Evidence,
  Explanation,
  Incident,
  LinkedClaim,
  Source,
  SubjectRef,
} from '../model/api';
import { FIRM_CERTAINTIES, NODE_LABELS, RECORD_LABELS, type Certainty, type RecordType, type Stance } from '../model/vocabulary';
import type { SerializedEdge, SerializedNode } from '../model/wire';
import { asOfParameters, countsAsOf, resolveAsOf, type AsOf } from './asOf';
import type { Tie } from './independence';
import { graphEdge, graphNode } from './mapping';

// ---------------------------------------------------------------- projections (fixed Cypher fragments)

/** Pattern comprehensions below bind their own variables (`who`, `acc`, `aff`), never ones a caller may have bound. */
const actorRef = (v: string) => `{id: ${v}.id, name: ${v}.name, kind: ${v}.kind}`;
const ACTOR_REF_FIELDS = '.id, .name, .kind';
const CLAIM_FIELDS = '.id, .kind, .text, .quote, .stance, .confidence, .hedge, .date, .datePrecision, .dateBasis';
const CLAIM = `c {${CLAIM_FIELDS}}`;
/**
 * The fields a projection such as `CLAIM` gives, read from a node's properties instead (a missing property is null,
 * as in a projection): where a node's properties are read anyway, its projection would send the same values twice.
 */
function fromProperties<T>(fields: string, props: Record<string, unknown>): T {
  const picked: Record<string, unknown> = {};
  for (const name of fieldNames(fields)) picked[name] = props[name] ?? null;
  return picked as T;
}
/** Each field list split once, not once per claim or source of every answer. */
const FIELD_NAMES = new Map<string, string[]>();
function fieldNames(fields: string): string[] {
  let names = FIELD_NAMES.get(fields);
  if (names === undefined) {
    names = fields.split(', ').map((field) => field.slice(1));
    FIELD_NAMES.set(fields, names);
  }
  return names;
}
const CLAIMANT_OF_C = `head([(who:Actor)-[:MADE]->(c) | ${actorRef('who')}])`;
/** A claim's accusations: the target (actor or explanation), the incident it is held responsible for, and the stance. */
const accusationsOf = (v: string) =>
  `[(${v})-[acr:ACCUSES]->(tgt) | {
    incident: {id: acr.incident, name: coalesce(head(COLLECT { MATCH (inc:Record:Incident {id: acr.incident}) RETURN inc.name }), acr.incident)},
    target: {id: tgt.id, type: CASE WHEN tgt:Explanation THEN 'explanation' ELSE 'actor' END, name: tgt.name},
    stance: acr.stance}]`;
/** The distinct actors a claim's accusations name, whatever the incident. */
const accusedOf = (v: string) =>
  `COLLECT { MATCH (${v})-[:ACCUSES]->(acc:Actor) RETURN DISTINCT ${actorRef('acc')} AS accused ORDER BY accused.id }`;
const CLAIM_SUMMARY = `c {${CLAIM_FIELDS},
  claimant: ${CLAIMANT_OF_C},
  about: [(c)-[:ABOUT]->(subj) | {id: subj.id, type: CASE WHEN subj:Incident THEN 'incident' ELSE 'actor' END, label: subj.name}],
  accused: ${accusedOf('c')},
  accusations: ${accusationsOf('c')},
  sources: [(c)-[:REPORTED_IN]->(src) | src.id]
}`;
const SOURCE_FIELDS = '.id, .title, .publisher, .author, .published, .publishedPrecision, .url, .documentRef';
const SOURCE = `s {${SOURCE_FIELDS}}`;
const INCIDENT_FIELDS = '.id, .name, .kind, .aliases, .description, .start, .end, .datePrecision';
const INCIDENT = `i {${INCIDENT_FIELDS}}`;
const EXPLANATION = 'e {.id, .name, .kind, .description}';

export function labelsFor(types: readonly RecordType[] | undefined): string[] | null {
  return types === undefined || types.length === 0 ? null : types.map((type) => RECORD_LABELS[type]);
}

function get<T>(record: Neo4jRecord, key: string): T {
  return toPlain(record.get(key)) as T;
}

function actorFrom(value: Record<string, unknown>): Actor {
  return {
    id: value.id as string,
    name: value.name as string,
    kind: value.kind as Actor['kind'],
    aliases: (value.aliases as string[] | null) ?? [],
    description: (value.description as string | null) ?? null,
  };
}

function incidentFrom(value: Record<string, unknown>): Incident {
  return { ...(value as Incident), aliases: (value.aliases as string[] | null) ?? [] };
}

// ---------------------------------------------------------------- graph nodes and edges

/** Cypher returning one node in the shape `graphNode` takes. */
const NODE_OUT = (variable: string) => `{labels: labels(${variable}), props: properties(${variable})}`;
const REL_OUT = (variable: string) =>
  `{type: type(${variable}), source: startNode(${variable}).id, target: endNode(${variable}).id, props: properties(${variable})}`;

interface RawNode {
  labels: string[];
  props: Record<string, unknown>;
}
interface RawRel {
  type: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

const toNode = (raw: RawNode) => graphNode(raw.labels, raw.props);
const toEdge = (raw: RawRel) => graphEdge(raw.type, raw.source, raw.target, raw.props);

// ---------------------------------------------------------------- health

export async function ping(tx: ManagedTransaction): Promise<void> {
  await tx.run('RETURN 1 AS ok');
}

// ---------------------------------------------------------------- lists (keyset pagination on id)

export interface PageRequest {
  limit: number;
  after: string | null;
}

async function pageOf<T>(
  tx: ManagedTransaction,
  cypher: string,
  params: Record<string, unknown>,
  page: PageRequest,
  key: string,
): Promise<T[]> {
  const result = await tx.run(cypher, { ...params, after: page.after, fetch: neo4jInt(page.limit + 1) });
  return result.records.map((record) => get<T>(record, key));
}

// Integers sent as JS numbers become floats in Cypher; LIMIT needs an integer.
const neo4jInt = toInteger;

export async function listActors(tx: ManagedTransaction, page: PageRequest, kind: string | undefined): Promise<Actor[]> {
  const rows = await pageOf<Record<string, unknown>>(
    tx,
    `MATCH (a:Record:Actor) WHERE ($after IS NULL OR a.id > $after) AND ($kind IS NULL OR a.kind = $kind)
     RETURN a {.id, .name, .kind, .aliases, .description} AS actor ORDER BY a.id LIMIT $fetch`,
    { kind: kind ?? null },
    page,
    'actor',
  );
  return rows.map(actorFrom);
}

export async function listIncidents(tx: ManagedTransaction, page: PageRequest): Promise<Incident[]> {
  const rows = await pageOf<Record<string, unknown>>(
    tx,
    `MATCH (i:Record:Incident) WHERE $after IS NULL OR i.id > $after RETURN ${INCIDENT} AS incident ORDER BY i.id LIMIT $fetch`,
    {},
    page,
    'incident',
  );
  return rows.map(incidentFrom);
}

export function listSources(tx: ManagedTransaction, page: PageRequest): Promise<Source[]> {
  return pageOf<Source>(
    tx,
    `MATCH (s:Record:Source) WHERE $after IS NULL OR s.id > $after RETURN ${SOURCE} AS source ORDER BY s.id LIMIT $fetch`,
    {},
    page,
    'source',
  );
}

export interface ClaimFilters {
  claimant?: string;
  about?: string;
  accused?: string;
  incident?: string;
  stance?: string;
  source?: string;
  from?: string;
  to?: string;
  /** Belief as of a date: only claims whose dated period has ended by then (`server/graph/asOf.ts`). */
  asOf?: string;
}

/**
 * The most selective filter given anchors the match; the others become existence checks. Every
 * fragment is fixed text; only parameter values vary.
 */
const CLAIM_ANCHORS: Array<[keyof ClaimFilters, string, string]> = [
  ['claimant', 'MATCH (:Record {id: $filter.claimant})-[:MADE]->(c:Claim)', 'EXISTS { (:Record {id: $filter.claimant})-[:MADE]->(c) }'],
  [
    'source',
    'MATCH (c:Claim)-[:REPORTED_IN]->(:Record {id: $filter.source})',
    'EXISTS { (c)-[:REPORTED_IN]->(:Record {id: $filter.source}) }',
  ],
  ['accused', 'MATCH (c:Claim)-[:ACCUSES]->(:Record {id: $filter.accused})', 'EXISTS { (c)-[:ACCUSES]->(:Record {id: $filter.accused}) }'],
  [
    'incident',
    'MATCH (c:Claim)-[:ABOUT]->(:Record:Incident {id: $filter.incident})',
    'EXISTS { (c)-[:ABOUT]->(:Record:Incident {id: $filter.incident}) }',
  ],
  ['about', 'MATCH (c:Claim)-[:ABOUT]->(:Record {id: $filter.about})', 'EXISTS { (c)-[:ABOUT]->(:Record {id: $filter.about}) }'],
];

/**
 * The claim list as one statement per anchor, six in all: the filter met first picks the index the match starts
 * from, and every other filter is a condition that an absent (null) entry switches off. The filters travel as one
 * map, `$filter`, because Neo4j keys its plan cache on the statement and the type of each parameter, so a null here
 * and a string there would be another plan. Built from the filters present instead, with a parameter each, the
 * hundreds of combinations were each planned afresh: 500–900 ms a request on a just-started server, and 157 ms on
 * average over the fuzz test's 209 claim lists, where a cached plan answers in 12–30 ms.
 */
const CLAIM_LISTS = new Map(
  [undefined, ...CLAIM_ANCHORS].map((anchor) => {
    const conditions = CLAIM_ANCHORS.filter(([name]) => name !== anchor?.[0]).map(
      ([name, , exists]) => `($filter.${name} IS NULL OR ${exists})`,
    );
    conditions.push('($filter.stance IS NULL OR c.stance = $filter.stance)');
    // A partial date covers a period: "2014-12" runs through the whole month, so compare against its end ("~" sorts after digits).
    conditions.push("($filter.from IS NULL OR (c.date IS NOT NULL AND c.date + '~' >= $filter.from))");
    conditions.push("($filter.to IS NULL OR (c.date IS NOT NULL AND c.date <= $filter.to + '~'))");
    conditions.push(countsAsOf('c', '$filter.asOfLastDay'));
    conditions.push('($filter.after IS NULL OR c.id > $filter.after)');
    const cypher = `${anchor?.[1] ?? 'MATCH (c:Record:Claim)'}
    WHERE ${conditions.join('\n      AND ')}
    WITH DISTINCT c ORDER BY c.id LIMIT $fetch
    RETURN ${CLAIM_SUMMARY} AS claim`;
    return [anchor?.[0], cypher] as const;
  }),
);

export async function listClaims(tx: ManagedTransaction, page: PageRequest, filters: ClaimFilters): Promise<ClaimSummary[]> {
  const anchor = CLAIM_ANCHORS.find(([name]) => filters[name] !== undefined)?.[0];
  const { asOf, ...matched } = filters;
  const filter = {
    claimant: null,
    about: null,
    accused: null,
    incident: null,
    stance: null,
    source: null,
    from: null,
    to: null,
    ...matched,
    ...asOfParameters(resolveAsOf(asOf)),
    after: page.after,
  };
  const result = await tx.run(CLAIM_LISTS.get(anchor) as string, { filter, fetch: neo4jInt(page.limit + 1) });
  return result.records.map((record) => get<ClaimSummary>(record, 'claim'));
}

// ---------------------------------------------------------------- single records

export async function incident(tx: ManagedTransaction, id: string): Promise<Incident> {
  const result = await tx.run(`MATCH (i:Record:Incident {id: $id}) RETURN ${INCIDENT} AS incident`, { id });
  const record = result.records[0];
  if (record === undefined) throw new NotFoundError('incident', id);
  return incidentFrom(get(record, 'incident'));
}

const DETAIL_LIMIT = 500;

/** A claim made by an actor affiliated with the one asked about, with the tie it comes through. */
export interface AffiliateClaim {
  certainty: Certainty;
  claim: ClaimSummary;
  affiliate: ActorRef;
  role: string;
  hedge: string | null;
}

/**
 * An actor with its affiliations, then its claims, the claims about it and what its affiliates said, each list in a
 * statement of its own. As one statement, the planner nested the three lists' roll-ups inside each other, and on the
 * busiest claimant of the 50k synthetic graph (about 4,800 claims) that needed more than the 1 GiB a transaction may
 * use, where each list alone needs under 1 MB.
 */
export async function actorDetail(tx: ManagedTransaction, id: string) {
  const parameters = { id, cap: neo4jInt(DETAIL_LIMIT) };
  const list = async <T>(statement: string): Promise<T[]> => {
    const result = await tx.run(statement, parameters);
    return result.records[0] === undefined ? [] : get<T[]>(result.records[0], 'list');
  };
  const [head, claimsMade, claimsAbout, affiliatesSaid] = await Promise.all([
    tx.run(ACTOR_HEAD, { id }),
    list<ClaimSummary>(ACTOR_LISTS.claimsMade),
    list<ClaimSummary>(ACTOR_LISTS.claimsAbout),
    list<AffiliateClaim>(ACTOR_LISTS.affiliatesSaid),
  ]);
  const record = head.records[0];
  if (record === undefined) throw new NotFoundError('actor', id);
  return {
    actor: actorFrom(get(record, 'actor')),
    affiliations: get<Affiliation[]>(record, 'affiliations'),
    claimsMade,
    claimsAbout,
    affiliatesSaid,
  };
}

const ACTOR_HEAD = `MATCH (x:Record:Actor {id: $id})
  RETURN x {.id, .name, .kind, .aliases, .description} AS actor,
    // Each direction by the other actor's id, so the panel lists them the same whatever order the store keeps links in.
    COLLECT { MATCH (x)-[f:AFFILIATED_WITH]->(a:Actor)
      RETURN {actor: ${actorRef('a')}, role: f.role, certainty: f.certainty, direction: 'outgoing'} AS affiliation ORDER BY a.id } +
    COLLECT { MATCH (x)<-[f:AFFILIATED_WITH]-(a:Actor)
      RETURN {actor: ${actorRef('a')}, role: f.role, certainty: f.certainty, direction: 'incoming'} AS affiliation ORDER BY a.id } AS affiliations`;

/** The actor's three lists, each a fixed statement of its own (see actorDetail), capped at `$cap` claims. */
const ACTOR_LISTS = {
  claimsMade: `MATCH (x:Record:Actor {id: $id})
    RETURN COLLECT { MATCH (x)-[:MADE]->(c:Claim) WITH c ORDER BY c.date, c.id LIMIT $cap RETURN ${CLAIM_SUMMARY} } AS list`,
  claimsAbout: `MATCH (x:Record:Actor {id: $id})
    RETURN COLLECT { MATCH (c:Claim)-[:ABOUT|ACCUSES]->(x) WITH DISTINCT c ORDER BY c.date, c.id LIMIT $cap RETURN ${CLAIM_SUMMARY} } AS list`,
  affiliatesSaid: `MATCH (x:Record:Actor {id: $id})
    RETURN COLLECT { MATCH (m:Actor)-[f:AFFILIATED_WITH]->(x) MATCH (m)-[:MADE]->(c:Claim)
      WITH f, m, c ORDER BY c.date, c.id LIMIT $cap
      RETURN {certainty: f.certainty, claim: ${CLAIM_SUMMARY}, affiliate: ${actorRef('m')}, role: f.role, hedge: f.hedge} } AS list`,
} as const;

const LINKED = (pattern: string) =>
  `COLLECT { MATCH ${pattern} WITH DISTINCT c ORDER BY c.id LIMIT $cap RETURN {claim: ${CLAIM}, claimant: ${CLAIMANT_OF_C}} }`;

/** Evidence offsets as a REPORTED_IN relationship stores them, with the source's text when it has one. */
interface StoredSpans {
  source: string;
  starts: number[];
  ends: number[];
  text: string | null;
}

/** Each stored span with its words, cut from the document the same way the loader checked them. */
function evidenceFrom(stored: readonly StoredSpans[]): Evidence[] {
  return stored
    .flatMap(({ source, starts, ends, text }) =>
      starts.map((start, i) => ({ source, start, end: ends[i]!, text: text === null ? '' : text.slice(start, ends[i]) })),
    )
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.start - b.start));
}

export async function claimDetail(tx: ManagedTransaction, id: string) {
  const result = await tx.run(
    `MATCH (x:Record:Claim {id: $id})
     RETURN x {${CLAIM_FIELDS}} AS claim,
       head([(a:Actor)-[:MADE]->(x) | ${actorRef('a')}]) AS claimant,
       [(x)-[:ABOUT]->(s) | {id: s.id, type: CASE WHEN s:Incident THEN 'incident' ELSE 'actor' END, label: s.name}] AS about,
       ${accusedOf('x')} AS accused,
       ${accusationsOf('x')} AS accusations,
       [(x)-[r:REPORTED_IN]->(s) | ${SOURCE}] AS sources,
       [(x)-[r:REPORTED_IN]->(s) | {source: s.id, starts: coalesce(r.evidenceStarts, []), ends: coalesce(r.evidenceEnds, []),
          text: head(COLLECT { MATCH (d:Document {source: s.id}) RETURN d.text })}] AS spans,
       [(x)-[:REPORTED_VIA]->(a) | ${actorRef('a')}] AS reportedVia,
       ${LINKED('(x)-[:SUPPORTS]->(c:Claim)')} AS supports,
       ${LINKED('(x)-[:DISPUTES]->(c:Claim)')} AS disputes,
       ${LINKED('(c:Claim)-[:SUPPORTS]->(x)')} AS supportedBy,
       ${LINKED('(c:Claim)-[:DISPUTES]->(x)')} AS disputedBy,
       ${LINKED('(x)-[:RESPONDS_TO]->(c:Claim)')} AS respondsTo,
       ${LINKED('(c:Claim)-[:RESPONDS_TO]->(x)')} AS respondedBy,
       ${LINKED('(x)-[:CITES]->(c:Claim)')} AS cites,
       ${LINKED('(c:Claim)-[:CITES]->(x)')} AS citedBy,
       ${LINKED('(x)-[:CHARACTERIZES]->(c:Claim)')} AS characterizes,
       ${LINKED('(c:Claim)-[:CHARACTERIZES]->(x)')} AS characterizedBy`,
    { id, cap: neo4jInt(DETAIL_LIMIT) },
  );
  const record = result.records[0];
  if (record === undefined) throw new NotFoundError('claim', id);
  const linked = (key: string) => get<LinkedClaim[]>(record, key);
  return {
    claim: get<Claim>(record, 'claim'),
    claimant: get<ActorRef>(record, 'claimant'),
    about: get<SubjectRef[]>(record, 'about'),
    accused: get<ActorRef[]>(record, 'accused'),
    accusations: get<Accusation[]>(record, 'accusations'),
    sources: get<Source[]>(record, 'sources'),
    evidence: evidenceFrom(get<StoredSpans[]>(record, 'spans')),
    reportedVia: get<ActorRef[]>(record, 'reportedVia'),
    supports: linked('supports'),
    disputes: linked('disputes'),
    supportedBy: linked('supportedBy'),
    disputedBy: linked('disputedBy'),
    respondsTo: linked('respondsTo'),
    respondedBy: linked('respondedBy'),
    cites: linked('cites'),
    citedBy: linked('citedBy'),
    characterizes: linked('characterizes'),
    characterizedBy: linked('characterizedBy'),
  };
}

export async function sourceDetail(tx: ManagedTransaction, id: string) {
  const result = await tx.run(
    `MATCH (s:Record:Source {id: $id})
     RETURN ${SOURCE} AS source,
       COLLECT { MATCH (c:Claim)-[:REPORTED_IN]->(s) WITH c ORDER BY c.date, c.id LIMIT $cap RETURN {claim: ${CLAIM}, claimant: ${CLAIMANT_OF_C}} } AS claims`,
    { id, cap: neo4jInt(DETAIL_LIMIT) },
  );
  const record = result.records[0];
  if (record === undefined) throw new NotFoundError('source', id);
  return { source: get<Source>(record, 'source'), claims: get<LinkedClaim[]>(record, 'claims') };
}

/** A source's text and, for every claim it reports, the evidence spans and where the quote and hedge stand in them. */
export async function sourceDocument(tx: ManagedTransaction, id: string) {
  const result = await tx.run(
    `MATCH (s:Record:Source {id: $id})
     RETURN ${SOURCE} AS source,
       head(COLLECT { MATCH (d:Document {source: $id}) RETURN d.text }) AS text,
       [(c:Claim)-[r:REPORTED_IN]->(s) | {claim: c.id, stance: c.stance, starts: coalesce(r.evidenceStarts, []),
          ends: coalesce(r.evidenceEnds, []), quoteStart: r.quoteStart, quoteEnd: r.quoteEnd,
          hedgeStart: r.hedgeStart, hedgeEnd: r.hedgeEnd}] AS claims`,
    { id },
  );
  const record = result.records[0];
  if (record === undefined) throw new NotFoundError('source', id);
  return {
    source: get<Source>(record, 'source'),
    text: get<string | null>(record, 'text'),
    claims: get<
      Array<{
        claim: string;
        stance: Stance | null;
        starts: number[];
        ends: number[];
        quoteStart: number | null;
        quoteEnd: number | null;
        hedgeStart: number | null;
        hedgeEnd: number | null;
      }>
    >(record, 'claims'),
  };
}

/** The texts of the given sources that have one, by source id. */
export async function documentTexts(tx: ManagedTransaction, sourceIds: readonly string[]): Promise<Record<string, string>> {
  const result = await tx.run('UNWIND $ids AS id MATCH (d:Document {source: id}) RETURN d.source AS source, d.text AS text', {
    ids: sourceIds,
  });
  return Object.fromEntries(result.records.map((record) => [get<string>(record, 'source'), get<string>(record, 'text')]));
}

export function listExplanations(tx: ManagedTransaction, page: PageRequest): Promise<Explanation[]> {
  return pageOf<Explanation>(
    tx,
    `MATCH (e:Record:Explanation) WHERE $after IS NULL OR e.id > $after RETURN ${EXPLANATION} AS explanation ORDER BY e.id LIMIT $fetch`,
    {},
    page,
    'explanation',
  );
}

export async function explanationDetail(tx: ManagedTransaction, id: string) {
  const result = await tx.run(
    `MATCH (e:Record:Explanation {id: $id})
     RETURN ${EXPLANATION} AS explanation,
       COLLECT { MATCH (c:Claim)-[:ACCUSES]->(e) WITH DISTINCT c ORDER BY c.date, c.id LIMIT $cap RETURN ${CLAIM_SUMMARY} } AS claims`,
    { id, cap: neo4jInt(DETAIL_LIMIT) },
  );
  const record = result.records[0];
  if (record === undefined) throw new NotFoundError('explanation', id);
  return { explanation: get<Explanation>(record, 'explanation'), claims: get<ClaimSummary[]>(record, 'claims') };
}

// ---------------------------------------------------------------- search

export interface SearchHit {
  labels: string[];
  props: Record<string, unknown>;
  score: number;
}

/** Full-text hits for a Lucene query built by searchText.luceneQuery, best first, optionally of some record types only. */
export async function searchNodes(
  tx: ManagedTransaction,
  query: string,
  types: readonly RecordType[] | undefined,
  limit: number,
): Promise<SearchHit[]> {
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node, score
     WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
     RETURN labels(node) AS labels, properties(node) AS props, score
     ORDER BY score DESC, node.id LIMIT $limit`,
    { index: FULLTEXT_INDEX, query, labels: labelsFor(types), fetch: neo4jInt(limit * 5), limit: neo4jInt(limit) },
  );
  return result.records.map((record) => ({
    labels: get<string[]>(record, 'labels'),
    props: get<Record<string, unknown>>(record, 'props'),
    score: get<number>(record, 'score'),
  }));
}

// ---------------------------------------------------------------- graph views

export interface GraphPart {
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

export async function nodeExists(tx: ManagedTransaction, id: string): Promise<boolean> {
  const result = await tx.run('MATCH (n:Record {id: $id}) RETURN n.id AS id', { id });
  return result.records.length > 0;
}

/**
 * One breadth-first level: the relationships around a frontier, capped so a hub cannot flood the response, with
 * only the far node's id: the caller fetches properties (nodesById) just for the new nodes it keeps.
 */
export async function expandLevelEdgesOnly(
  tx: ManagedTransaction,
  frontier: readonly string[],
  labels: string[] | null,
  rowCap: number,
): Promise<Array<{ nodeKey: string; edge: SerializedEdge }>> {
  const result = await tx.run(
    `UNWIND $frontier AS fid
     MATCH (a:Record {id: fid})-[r]-(b:Record)
     WHERE $labels IS NULL OR any(l IN labels(b) WHERE l IN $labels)
     RETURN b.id AS key, ${REL_OUT('r')} AS rel
     LIMIT $cap`,
    { frontier, labels, cap: neo4jInt(rowCap) },
  );
  return result.records.map((record) => ({ nodeKey: get<string>(record, 'key'), edge: toEdge(get<RawRel>(record, 'rel')) }));
}

export async function nodesById(tx: ManagedTransaction, ids: readonly string[]): Promise<SerializedNode[]> {
  const result = await tx.run(`UNWIND $ids AS id MATCH (n:Record {id: id}) RETURN ${NODE_OUT('n')} AS node`, { ids });
  return result.records.flatMap((record) => toNode(get<RawNode>(record, 'node')) ?? []);
}

export async function wholeGraph(tx: ManagedTransaction, nodeCap: number): Promise<GraphPart & { truncated: boolean }> {
  const nodes = await tx.run(`MATCH (n:Record) WITH n ORDER BY n.id LIMIT $cap RETURN ${NODE_OUT('n')} AS node`, {
    cap: neo4jInt(nodeCap + 1),
  });
  const all = nodes.records.flatMap((record) => toNode(get<RawNode>(record, 'node')) ?? []);
  const kept = all.slice(0, nodeCap);
  const ids = kept.map((node) => node.key);
  const rels = await tx.run(
    `UNWIND $ids AS id MATCH (a:Record {id: id})-[r]->(b:Record) WHERE b.id IN $idSet RETURN ${REL_OUT('r')} AS rel`,
    { ids, idSet: ids },
  );
  return { nodes: kept, edges: rels.records.map((record) => toEdge(get<RawRel>(record, 'rel'))), truncated: all.length > nodeCap };
}

/** Shortest-path queries, one per allowed hop count, so the bound is never spliced from input. */
const PATH_QUERIES: Record<number, string> = Object.fromEntries(
  [1, 2, 3, 4, 5, 6].map((hops) => [
    hops,
    `MATCH (a:Record {id: $from}), (b:Record {id: $to})
     MATCH p = allShortestPaths((a)-[*..${hops}]-(b))
     RETURN [n IN nodes(p) | ${NODE_OUT('n')}] AS nodes, [r IN relationships(p) | ${REL_OUT('r')}] AS rels
     LIMIT $limit`,
  ]),
);

export async function shortestPaths(tx: ManagedTransaction, from: string, to: string, maxHops: number, limit: number) {
  const cypher = PATH_QUERIES[maxHops];
  if (cypher === undefined) throw InvalidRequestError.field('maxHops', `expected 1–6, got ${maxHops}`);
  {
    for (const [id, role] of [
      [from, 'from'],
      [to, 'to'],
    ] as const) {
      if (!(await nodeExists(tx, id))) throw new NotFoundError(`node (${role})`, id);
    }
    if (from === to) {
      const nodes = await nodesById(tx, [from]);
      return [{ nodes, edges: [] as SerializedEdge[] }];
    }
    const result = await tx.run(cypher, { from, to, limit: neo4jInt(limit) });
    return result.records.map((record) => ({
      nodes: get<RawNode[]>(record, 'nodes').flatMap((raw) => toNode(raw) ?? []),
      edges: get<RawRel[]>(record, 'rels').map(toEdge),
    }));
  }
}

/**
 * One step of an evidence chain. Upstream: what a claim rests on (claims it cites, claims that
 * support it). Downstream: who relied on it (claims citing it, claims it supports).
 */
const CHAIN_STEP = {
  upstream: `UNWIND range(0, size($frontier) - 1) AS position
    WITH position, $frontier[position] AS cid
    MATCH (x:Record:Claim {id: cid})
    CALL (x) {
      MATCH (x)-[:CITES]->(c:Claim) RETURN c, 'CITES' AS via
      UNION
      MATCH (c:Claim)-[:SUPPORTS]->(x) RETURN c, 'SUPPORTS' AS via
    }
    RETURN cid AS from, via, c.id AS claimId
    ORDER BY position, via, claimId
    LIMIT $cap`,
  downstream: `UNWIND range(0, size($frontier) - 1) AS position
    WITH position, $frontier[position] AS cid
    MATCH (x:Record:Claim {id: cid})
    CALL (x) {
      MATCH (c:Claim)-[:CITES]->(x) RETURN c, 'CITES' AS via
      UNION
      MATCH (x)-[:SUPPORTS]->(c:Claim) RETURN c, 'SUPPORTS' AS via
    }
    RETURN cid AS from, via, c.id AS claimId
    ORDER BY position, via, claimId
    LIMIT $cap`,
} as const;

/**
 * One link of a chain level, ids only: around a hub most rows repeat known claims, so properties come later for the
 * kept ones. A level's rows come in its frontier's order, then by link type and id, so a chain lists its steps the
 * same way however the store happens to hold the links.
 */
export interface ChainRow {
  from: string;
  via: 'CITES' | 'SUPPORTS';
  claimId: string;
}

/** Rows one chain level reads: beyond this a level stops, and the step cap of 500 claims has long been reached. */
export const CHAIN_ROWS_CAP = 2000;

export async function chainStep(
  tx: ManagedTransaction,
  direction: 'upstream' | 'downstream',
  frontier: readonly string[],
  cap: number,
): Promise<ChainRow[]> {
  const result = await tx.run(CHAIN_STEP[direction], { frontier, cap: neo4jInt(cap) });
  return result.records.map((record) => ({
    from: get<string>(record, 'from'),
    via: get<'CITES' | 'SUPPORTS'>(record, 'via'),
    claimId: get<string>(record, 'claimId'),
  }));
}

/** Claims with their claimants, keyed by id; ids that name no claim are absent. */
export async function claimsWithClaimants(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Map<string, { claim: Claim; claimant: ActorRef }>> {
  const result = await tx.run(`UNWIND $ids AS id MATCH (c:Record:Claim {id: id}) RETURN ${CLAIM} AS claim, ${CLAIMANT_OF_C} AS claimant`, {
    ids,
  });
  const byId = new Map<string, { claim: Claim; claimant: ActorRef }>();
  for (const record of result.records) {
    const claim = get<Claim>(record, 'claim');
    byId.set(claim.id, { claim, claimant: get<ActorRef>(record, 'claimant') });
  }
  return byId;
}

/**
 * The claimants, sources and outlets around a set of claims, with the linking edges, for drawing.
 * Edges come per claim but each far node's properties come once: a busy incident's claims share a
 * few sources and accused actors, and repeating them per claim multiplied the work and the payload.
 */
export async function claimContext(tx: ManagedTransaction, claimIds: readonly string[]): Promise<GraphPart> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (c:Record:Claim {id: id})
     OPTIONAL MATCH (c)-[r:REPORTED_IN|REPORTED_VIA|ACCUSES|ABOUT]->(:Record)
     WITH c, collect(r) AS around
     RETURN ${NODE_OUT('c')} AS claim,
       head([(a:Actor)-[m:MADE]->(c) | ${REL_OUT('m')}]) AS made,
       [r IN around | ${REL_OUT('r')}] AS around`,
    { ids: claimIds },
  );
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  const claimKeys = new Set<string>();
  const farKeys = new Set<string>();
  for (const record of result.records) {
    const claim = toNode(get<RawNode>(record, 'claim'));
    if (claim !== undefined) {
      nodes.push(claim);
      claimKeys.add(claim.key);
    }
    const made = get<RawRel | null>(record, 'made');
    if (made !== null) {
      edges.push(toEdge(made));
      farKeys.add(made.source);
    }
    for (const rel of get<RawRel[]>(record, 'around')) {
      edges.push(toEdge(rel));
      farKeys.add(rel.target);
    }
  }
  const far = [...farKeys].filter((key) => !claimKeys.has(key));
  if (far.length > 0) nodes.push(...(await nodesById(tx, far)));
  return { nodes, edges };
}

// ---------------------------------------------------------------- attribution

/** One accused actor or explanation and one side (asserts, denies, neither) of an incident's attribution, over all its claims. */
export interface AttributionTally {
  incident: string;
  /** The accused actor, or the explanation, that the accusations name. */
  target: { id: string; name: string; kind: string };
  targetType: 'actor' | 'explanation';
  side: Stance;
  claims: number;
  claimantIds: string[];
  /** The side's earliest claims (by date, then id), at most the number asked for. */
  firstClaimIds: string[];
}

/**
 * The Cypher that collects, as `ties`, the firm affiliation ties on the way up from the actor whose id the query
 * variable `actorId` holds (a fixed name from our code, never input), up to four hops. Only firm ties join claimants,
 * so only firm paths are walked, through groups that never speak. The query passes `$firm: FIRM_CERTAINTIES`.
 */
export const firmTiesFrom = (actorId: string) => `MATCH (:Record:Actor {id: ${actorId}})-[fs:AFFILIATED_WITH*1..4]->(:Actor)
    WHERE all(f IN fs WHERE f.certainty IN $firm)
    UNWIND fs AS f
    WITH DISTINCT f
    RETURN collect({from: startNode(f).id, to: endNode(f).id, certainty: f.certainty}) AS ties`;

/**
 * The tally rows of the incident whose id the query variable `incident` holds, as `tallyRow` and its `claimantIds`.
 * Current kept tallies (`server/db/tallies.ts`) answer in a row per target and side, whatever the number of claims;
 * a view as of a date, or an incident a write has made stale (or a script loaded), is counted from its claims. A row
 * is a list, not a map: an attribution reads hundreds of rows, and a map sends its ten key strings with every one.
 * Whether the tallies are kept is decided once per incident, before the branches: tested inside them, the planner
 * checked it per row and walked every accusation of a current incident before the stale branch's test dropped them
 * (on the 50k graph's busiest incident, 4,200 of 11,490 db hits).
 */
const TALLIES_OF_INCIDENT = `WITH *, $asOfLastDay IS NULL AND ${talliesCurrent('incident')} AS kept
     CALL (incident, kept) {
       WITH incident WHERE kept
       MATCH (k:${TALLY} {incident: incident})
       MATCH (t:Record {id: k.target})
       RETURN t, k.side AS side, k.claims AS claims, k.claimantIds AS claimantIds, k.firstClaimIds[..$perSide] AS firstClaimIds
       UNION ALL
       WITH incident WHERE NOT kept
       ${tallyRows(countsAsOf('c'))}
       RETURN t, side, claims, claimantIds, orderedClaimIds[..$perSide] AS firstClaimIds
     }
     WITH claimantIds, [incident, t.id, t.name, t.kind, t:Explanation, side, claims, claimantIds, firstClaimIds] AS tallyRow`;

type TallyRow = [string, string, string, string, boolean, Stance, number, string[], string[]];

function tallyFromRow([incident, id, name, kind, isExplanation, side, claims, claimantIds, firstClaimIds]: TallyRow): AttributionTally {
  return {
    incident,
    target: { id, name, kind },
    targetType: isExplanation ? 'explanation' : 'actor',
    side,
    claims,
    claimantIds,
    firstClaimIds,
  };
}

/**
 * The firm affiliation ties above every claimant of `claimantLists` (the tallies' `claimantIds`), as `ties`, for the
 * independence rule: in the tallies' round trip, since on a loaded machine each round trip costs more than the walk.
 */
const TIES_OF_CLAIMANTS = `CALL (claimantLists) {
       UNWIND claimantLists AS claimantIds
       UNWIND claimantIds AS claimantId
       WITH DISTINCT claimantId
       ${firmTiesFrom('claimantId')}
     }`;

/** The parameters the tally fragments read. */
const tallyQueryParameters = (perSide: number, asOf: AsOf | undefined) => ({
  perSide: neo4jInt(perSide),
  firm: FIRM_CERTAINTIES,
  ...tallyParameters(),
  ...asOfParameters(asOf),
});

/**
 * Counts every accusation of the incidents asked for, per incident, target and side, without reading the claims'
 * texts: a busy incident has thousands of claims, and only the few listed need their properties. Only accusations of
 * each incident count; a claim that names it as context of another act is not among them. The same round trip
 * brings the firm affiliation ties above the claimants, for the independence rule.
 */
export async function attributionTallies(
  tx: ManagedTransaction,
  incidentIds: readonly string[],
  perSide: number,
  asOf: AsOf | undefined,
): Promise<{ tallies: AttributionTally[]; ties: Tie[] }> {
  const result = await tx.run(
    `UNWIND $incidents AS incident
     ${TALLIES_OF_INCIDENT}
     WITH collect(tallyRow) AS tallies, collect(claimantIds) AS claimantLists
     ${TIES_OF_CLAIMANTS}
     RETURN tallies, ties`,
    { incidents: incidentIds, ...tallyQueryParameters(perSide, asOf) },
  );
  const record = result.records[0];
  if (record === undefined) return { tallies: [], ties: [] };
  return { tallies: get<TallyRow[]>(record, 'tallies').map(tallyFromRow), ties: get<Tie[]>(record, 'ties') };
}

/** The record label of a node (the first of the vocabulary's it carries), or null for a node that is no record. */
const RECORD_LABEL = (v: string) => `CASE WHEN ${v}:Record THEN head([l IN $recordLabels WHERE l IN labels(${v})]) END`;
const RECORD_LABEL_PARAMETERS = { recordLabels: NODE_LABELS };

/** A graph node from a label `RECORD_LABEL` read and the node's properties; undefined for a node that is no record. */
const labelledNode = (label: string | null, props: Record<string, unknown>) => (label === null ? undefined : graphNode([label], props));

/**
 * An attribution's counts in one round trip: the incident (with its graph node), the incidents related to it either
 * way round, whose accusations it lists apart, and the tallies of all of them with the ties above their claimants
 * (`attributionTallies`). The incident's answer fields are read from its properties, which its graph node needs anyway.
 */
export async function attributionCounts(
  tx: ManagedTransaction,
  incidentId: string,
  perSide: number,
  asOf: AsOf | undefined,
): Promise<{
  incident: Incident;
  incidentNode: SerializedNode | undefined;
  related: Array<{ id: string; name: string }>;
  tallies: AttributionTally[];
  ties: Tie[];
}> {
  const result = await tx.run(
    `MATCH (i:Record:Incident {id: $id})
     WITH i, COLLECT { MATCH (i)-[:RELATED_TO]-(r:Incident) RETURN DISTINCT r {.id, .name} AS r } AS related
     CALL (i, related) {
       UNWIND [i.id] + [r IN related | r.id] AS incident
       ${TALLIES_OF_INCIDENT}
       RETURN collect(tallyRow) AS tallies, collect(claimantIds) AS claimantLists
     }
     ${TIES_OF_CLAIMANTS}
     // A record for the incident with the ties, then one per tally row (see attributionListing on records that span chunks).
     CALL (i, related, tallies, ties) {
       RETURN ${RECORD_LABEL('i')} AS label, properties(i) AS incident, related AS relatedTo, ties AS firmTies, null AS tally
       UNION ALL
       UNWIND tallies AS tally
       RETURN null AS label, null AS incident, null AS relatedTo, null AS firmTies, tally
     }
     RETURN label, incident, relatedTo, firmTies, tally`,
    { id: incidentId, ...tallyQueryParameters(perSide, asOf), ...RECORD_LABEL_PARAMETERS },
  );
  const subject = result.records.find((record) => record.get('incident') !== null);
  if (subject === undefined) throw new NotFoundError('incident', incidentId);
  const props = get<Record<string, unknown>>(subject, 'incident');
  return {
    incident: incidentFrom(fromProperties(INCIDENT_FIELDS, props)),
    incidentNode: labelledNode(get<string | null>(subject, 'label'), props),
    related: get<Array<{ id: string; name: string }>>(subject, 'relatedTo').sort((a, b) => a.id.localeCompare(b.id)),
    tallies: result.records.flatMap((record) => {
      const row = get<TallyRow | null>(record, 'tally');
      return row === null ? [] : [tallyFromRow(row)];
    }),
    ties: get<Tie[]>(subject, 'firmTies'),
  };
}

/** How many claims accusing someone of these incidents a view as of a date leaves out: undated ones, and later ones. */
export async function leftOutAsOf(tx: ManagedTransaction, incidentId: string, asOf: AsOf): Promise<{ undated: number; later: number }> {
  const result = await tx.run(
    `MATCH (c:Claim)-[:ACCUSES {incident: $id}]->()
     WITH DISTINCT c
     WHERE NOT ${countsAsOf('c')}
     RETURN count(CASE WHEN c.date IS NULL THEN 1 END) AS undated, count(CASE WHEN c.date IS NOT NULL THEN 1 END) AS later`,
    { id: incidentId, ...asOfParameters(asOf) },
  );
  const record = result.records[0]!;
  return { undated: get<number>(record, 'undated'), later: get<number>(record, 'later') };
}

export interface AttributedClaim {
  claim: Claim;
  claimant: Claimant;
  sources: Source[];
}

/** A listed claim as `attributionListing` reads it: a list in this order, which sends no key string per field. */
type ListedRow = [
  id: string,
  label: string | null,
  props: Record<string, unknown>,
  drawn: boolean,
  claimant: string | null,
  made: Record<string, unknown> | null,
  sources: string[],
  around: Array<[type: string, target: string, props: Record<string, unknown>]>,
];
type AffiliationRow = [id: string, name: string, kind: ActorRef['kind'], role: string, certainty: Certainty, hedge: string | null];

/**
 * The listed claims of an attribution, with claimant (and the claimant's affiliations) and sources, keyed by claim
 * id; and, for the claims the answer draws, the claimants, sources, outlets and targets around them with the linking
 * edges. One round trip serves both, and every node's properties come once, however many claims share it (a busy
 * incident's listed claims share their sources, claimants and accused): the entries' claimants and sources and the
 * drawn nodes are all made from them.
 */
export async function attributionListing(
  tx: ManagedTransaction,
  claimIds: readonly string[],
  drawIds: ReadonlySet<string>,
): Promise<{ claims: Map<string, AttributedClaim>; graph: GraphPart }> {
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (c:Record:Claim {id: id})
     WITH c, NOT id IN $undrawn AS drawn, head([(who:Actor)-[m:MADE]->(c) | [who, m]]) AS made
     WITH c, drawn, made[0] AS who, made[1] AS m, [(c)-[:REPORTED_IN]->(s) | s] AS sources,
       CASE WHEN drawn THEN [(c)-[r:REPORTED_IN|REPORTED_VIA|ACCUSES|ABOUT]->(t:Record) | [r, t]] ELSE [] END AS around
     WITH collect([c.id, ${RECORD_LABEL('c')}, properties(c), drawn, who.id, properties(m), [s IN sources | s.id],
            [pair IN around | [type(pair[0]), pair[1].id, properties(pair[0])]]]) AS claims,
          collect(who) AS claimants,
          collect(sources + [pair IN around | pair[1]]) AS reached
     CALL (claimants, reached) {
       UNWIND reached + [claimants] AS someNodes
       UNWIND someNodes AS n
       WITH DISTINCT n
       RETURN collect([n.id, ${RECORD_LABEL('n')}, properties(n)]) AS nodes
     }
     CALL (claimants) {
       UNWIND claimants AS who
       WITH DISTINCT who
       // By the group's id: the store keeps a node's links in no fixed order, and a panel must read the same every time.
       WITH who, COLLECT { MATCH (who)-[f:AFFILIATED_WITH]->(g:Actor) RETURN [g.id, g.name, g.kind, f.role, f.certainty, f.hedge] AS affiliation ORDER BY g.id } AS affiliations
       WHERE size(affiliations) > 0
       RETURN collect([who.id, affiliations]) AS affiliations
     }
     // A record each, not one record of three lists: the driver decodes the strings of a record that spans several
     // Bolt chunks one by one through every chunk, and one record of all claims spans dozens.
     CALL (claims, nodes, affiliations) {
       UNWIND claims AS claim RETURN claim, null AS node, null AS affiliation
       UNION ALL
       UNWIND nodes AS node RETURN null AS claim, node, null AS affiliation
       UNION ALL
       UNWIND affiliations AS affiliation RETURN null AS claim, null AS node, affiliation
     }
     RETURN claim, node, affiliation`,
    // Those not drawn, usually none (only claims of related incidents), rather than the drawn, usually all of them.
    { ids: claimIds, undrawn: claimIds.filter((id) => !drawIds.has(id)), ...RECORD_LABEL_PARAMETERS },
  );
  const rows: ListedRow[] = [];
  const nodeProps = new Map<string, { label: string | null; props: Record<string, unknown> }>();
  const affiliations = new Map<string, Claimant['affiliations']>();
  for (const record of result.records) {
    const claim = get<ListedRow | null>(record, 'claim');
    const node = get<[string, string | null, Record<string, unknown>] | null>(record, 'node');
    const affiliation = get<[string, AffiliationRow[]] | null>(record, 'affiliation');
    if (claim !== null) rows.push(claim);
    if (node !== null) nodeProps.set(node[0], { label: node[1], props: node[2] });
    if (affiliation !== null)
      affiliations.set(
        affiliation[0],
        affiliation[1].map(([actor, name, kind, role, certainty, hedge]) => ({ actor: { id: actor, name, kind }, role, certainty, hedge })),
      );
  }
  const claims = new Map<string, AttributedClaim>();
  const propsOf = (id: string) => nodeProps.get(id)?.props ?? {};
  const claimantOf = (id: string): Claimant => {
    const props = propsOf(id);
    return { ...fromProperties<ActorRef>(ACTOR_REF_FIELDS, props), affiliations: affiliations.get(id) ?? [] };
  };
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  const claimKeys = new Set<string>();
  const farKeys = new Set<string>();
  for (const [id, label, props, drawn, claimant, made, sources, around] of rows) {
    claims.set(id, {
      claim: fromProperties<Claim>(CLAIM_FIELDS, props),
      // Every loaded claim has a claimant; one without would answer null, as the claimant's projection did.
      claimant: claimant === null ? (null as unknown as Claimant) : claimantOf(claimant),
      sources: sources.map((source) => fromProperties<Source>(SOURCE_FIELDS, propsOf(source))),
    });
    if (!drawn) continue;
    const node = labelledNode(label, props);
    if (node !== undefined) {
      nodes.push(node);
      claimKeys.add(node.key);
    }
    if (claimant !== null) {
      edges.push(graphEdge('MADE', claimant, id, made ?? {}));
      farKeys.add(claimant);
    }
    for (const [type, target, relProps] of around) {
      edges.push(graphEdge(type, id, target, relProps));
      farKeys.add(target);
    }
  }
  for (const key of farKeys) {
    const far = nodeProps.get(key);
    const node = claimKeys.has(key) || far === undefined ? undefined : labelledNode(far.label, far.props);
    if (node !== undefined) nodes.push(node);
  }
  return { claims, graph: { nodes, edges } };
}

/** The firm affiliation ties on the way up from a set of actors, for the independence rule (`firmTiesFrom`). */
export async function affiliationTies(tx: ManagedTransaction, actorIds: readonly string[]): Promise<Tie[]> {
  const result = await tx.run(`UNWIND $ids AS actorId WITH DISTINCT actorId ${firmTiesFrom('actorId')}`, {
    ids: actorIds,
    firm: FIRM_CERTAINTIES,
  });
  return (toPlain(result.records[0]?.get('ties') ?? []) as Tie[]) ?? [];
}
