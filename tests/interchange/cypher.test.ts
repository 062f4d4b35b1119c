// Checks the Cypher script: one MERGE per node and relationship, fixed labels and types, safe literals and keys, determinism.
import { RELATIONSHIP_TYPES } from '../../server/model/vocabulary';
import { type SerializedGraph } from '../../server/model/wire';
import { InterchangeError } from '../../server/interchange/common';
import {
  CYPHER_DOCUMENT_SCHEMA_STATEMENT,
  CYPHER_SCHEMA_STATEMENT,
  CYPHER_STATEMENT_SEPARATOR,
  cypherKey,
  toCypher,
} from '../../server/interchange/cypher';
import { reversedGraph } from './helpers';
import { interchangeDocuments, interchangeGraph } from '../fixtures/interchange-graph';

const statementsOf = (script: string): string[] => {
  expect(script.endsWith(CYPHER_STATEMENT_SEPARATOR)).toBe(true);
  return script.slice(0, -CYPHER_STATEMENT_SEPARATOR.length).split(CYPHER_STATEMENT_SEPARATOR);
};

/**
 * Reads the single-quoted string literals of a statement the way Cypher's lexer does (\\, \', \", \n, \r,
 * \t, \b, \f, \uXXXX), independently of the writer, so the test sees the values Neo4j would store.
 */
function cypherStrings(statement: string): string[] {
  const found: string[] = [];
  let index = 0;
  while (index < statement.length) {
    if (statement[index] !== "'") {
      index += 1;
      continue;
    }
    let value = '';
    index += 1;
    for (;;) {
      const char = statement[index];
      if (char === undefined) throw new Error(`unterminated string in ${statement}`);
      if (char === "'") break;
      if (char === '\\') {
        const next = statement[index + 1];
        const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (next === 'u') {
          value += String.fromCharCode(parseInt(statement.slice(index + 2, index + 6), 16));
          index += 6;
          continue;
        }
        if (next === undefined || simple[next] === undefined) throw new Error(`bad escape \\${next} in ${statement}`);
        value += simple[next];
        index += 2;
        continue;
      }
      value += char;
      index += 1;
    }
    found.push(value);
    index += 1;
  }
  return found;
}

describe('toCypher', () => {
  const script = toCypher(interchangeGraph);
  const statements = statementsOf(script);

  test('starts with the Record id constraint, then one MERGE per node and one per relationship', () => {
    expect(statements[0]).toBe(CYPHER_SCHEMA_STATEMENT);
    const merges = statements.filter((statement) => /\bMERGE\b/.test(statement));
    expect(merges).toHaveLength(interchangeGraph.nodes.length + interchangeGraph.edges.length);
    expect(statements).toHaveLength(1 + merges.length);
    for (const statement of merges) expect(statement.match(/\bMERGE\b/g)).toHaveLength(1);
    for (const node of interchangeGraph.nodes) {
      expect(statements.filter((statement) => statement.startsWith(`MERGE (n:Record {id: '${node.key}'})`))).toHaveLength(1);
    }
    for (const edge of interchangeGraph.edges) {
      // An accusation is matched by its incident too: the same claim may accuse the same actor of two incidents.
      const key = edge.attributes.type === 'ACCUSES' ? ` {incident: '${String(edge.attributes.incident)}'}` : '';
      const head = `MATCH (a:Record {id: '${edge.source}'}) MATCH (b:Record {id: '${edge.target}'}) MERGE (a)-[r:${edge.attributes.type}${key}]->(b)`;
      expect(statements.filter((statement) => statement === head || statement.startsWith(`${head} `))).toHaveLength(1);
    }
  });

  test('keeps two accusations of one actor by one claim apart by their incident', () => {
    const pair = "MATCH (a:Record {id: 'c-us-attributes-sony'}) MATCH (b:Record {id: 'north-korea'}) MERGE (a)-[r:ACCUSES";
    expect(statements.filter((statement) => statement.startsWith(pair))).toEqual([
      `${pair} {incident: 'cinema-threats'}]->(b) SET r += {stance: 'asserts'}`,
      `${pair} {incident: 'sony-hack'}]->(b) SET r += {stance: 'asserts'}`,
    ]);
    // An accusation of an explanation is the same kind of relationship, to an Explanation node.
    expect(statements).toContain(
      "MATCH (a:Record {id: 'c-infrastructure-possible'}) MATCH (b:Record {id: 'infrastructure-failure'}) MERGE (a)-[r:ACCUSES {incident: 'nk-outage'}]->(b) SET r += {stance: 'asserts'}",
    );
  });

  test("uses only the loader's labels and relationship types", () => {
    const labels = statements.flatMap((statement) => [...statement.matchAll(/SET n:(\w+)/g)].map((match) => match[1]));
    expect(new Set(labels)).toEqual(new Set(['Actor', 'Incident', 'Claim', 'Source', 'Explanation']));
    const types = statements.flatMap((statement) => [...statement.matchAll(/-\[r:(\w+)\]->/g)].map((match) => match[1]));
    for (const type of types) expect(RELATIONSHIP_TYPES).toContain(type);
    expect(statements.find((statement) => statement.startsWith("MERGE (n:Record {id: 'north-korea'})"))).toContain('SET n:Actor,');
    expect(statements.find((statement) => statement.startsWith("MERGE (n:Record {id: 's-hackread'})"))).toContain('SET n:Source,');
    expect(statements.find((statement) => statement.startsWith("MERGE (n:Record {id: 'infrastructure-failure'})"))).toBe(
      "MERGE (n:Record {id: 'infrastructure-failure'}) SET n:Explanation, n += {description: 'A failure of North Korea\\'s own fragile network, with no attacker.', kind: 'technical-failure', name: 'Infrastructure failure'}",
    );
  });

  test('writes the properties the loader stores: name from the label, aliases as a list and as aliasText, edge properties', () => {
    const actor = statements.find((statement) => statement.startsWith("MERGE (n:Record {id: 'north-korea'})")) ?? '';
    expect(actor).toContain("name: 'North Korea'");
    expect(actor).toContain("aliases: ['DPRK', 'Democratic People\\'s Republic of Korea']");
    expect(actor).toContain("aliasText: 'DPRK | Democratic People\\'s Republic of Korea'");
    expect(actor).not.toMatch(/\blabel:|\btype:/);
    const reported =
      statements.find((statement) => statement.includes("{id: 'c-us-attributes-sony'}) MATCH (b:Record {id: 's-techweek'})")) ?? '';
    expect(reported).toMatch(/SET r \+= \{evidenceEnds: \[\], evidenceStarts: \[\], position: 1\}$/);
    const accuses =
      statements.find((statement) =>
        statement.includes("{id: 'c-nk-denies-sony'}) MATCH (b:Record {id: 'north-korea'}) MERGE (a)-[r:ACCUSES {incident: 'sony-hack'}]"),
      ) ?? '';
    expect(accuses).toMatch(/SET r \+= \{stance: 'denies'\}$/);
    // Evidence offsets are lists of integers, as the loader stores them.
    const evidence =
      statements.find((statement) => statement.includes("{id: 'c-nk-denies-sony'}) MATCH (b:Record {id: 's-siliconangle'})")) ?? '';
    expect(evidence).toMatch(
      /SET r \+= \{evidenceEnds: \[515, 570\], evidenceStarts: \[452, 540\], position: 0, quoteEnd: 515, quoteStart: 478\}$/,
    );
    const affiliation =
      statements.find((statement) => statement.includes("{id: 'guardians-of-peace'}) MATCH (b:Record {id: 'north-korea'})")) ?? '';
    expect(affiliation).toContain("evidenceSources: ['s-siliconangle'], evidenceStarts: [275]");
  });

  test('recreates the documents it is given, one MERGE per source of the view, after the records', () => {
    const withDocuments = statementsOf(toCypher(interchangeGraph, interchangeDocuments));
    expect(withDocuments[0]).toBe(CYPHER_SCHEMA_STATEMENT);
    expect(withDocuments[1]).toBe(CYPHER_DOCUMENT_SCHEMA_STATEMENT);
    const documents = withDocuments.filter((statement) => statement.startsWith('MERGE (d:Document'));
    expect(documents.map((statement) => cypherStrings(statement))).toEqual([
      ['s-hackread', interchangeDocuments['s-hackread']],
      ['s-siliconangle', interchangeDocuments['s-siliconangle']],
    ]);
    expect(documents.every((statement) => !statement.includes('\n'))).toBe(true);
    // Everything else is the script without documents; a text for a source outside the view is not written.
    expect(withDocuments.filter((statement) => !documents.includes(statement) && statement !== CYPHER_DOCUMENT_SCHEMA_STATEMENT)).toEqual(
      statements,
    );
    expect(toCypher(interchangeGraph, { 'not-in-view': 'text' })).toBe(script);
  });

  test('is deterministic whatever the input order', () => {
    const shuffled = reversedGraph(interchangeGraph);
    expect(toCypher(shuffled)).toBe(script);
    expect(toCypher(interchangeGraph)).toBe(script);
  });

  test('escapes quotes, backslashes, backticks, a literal \\u0060 and line breaks so the value reads back unchanged', () => {
    const nasty = "it's a \\ back`tick and \\u0060 text'); MATCH (n) DETACH DELETE n //\nnext line;\n";
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'c-gop-threat' ? { ...node, attributes: { ...node.attributes, quote: nasty } } : node,
      ),
    };
    const nastyStatements = statementsOf(toCypher(graph));
    // The value's own ";\n" must not split the script.
    expect(nastyStatements).toHaveLength(statements.length);
    const statement = nastyStatements.find((candidate) => candidate.startsWith("MERGE (n:Record {id: 'c-gop-threat'})")) ?? '';
    expect(statement).toContain("quote: 'it\\'s a \\\\ back`tick and \\\\u0060 text\\'); MATCH (n) DETACH DELETE n //\\nnext line;\\n'");
    expect(cypherStrings(statement)).toContain(nasty);
    expect(statement).not.toContain('\n');
  });

  test('quotes unusual property keys with backticks and refuses keys that could escape the quoting', () => {
    expect(cypherKey('datePrecision', 'k')).toBe('datePrecision');
    expect(cypherKey('odd key', 'k')).toBe('`odd key`');
    expect(cypherKey('tick`key', 'k')).toBe('`tick``key`');
    expect(() => cypherKey('bad\\u0060key', 'node x.bad')).toThrow(InterchangeError);
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'dyn-research' ? { ...node, attributes: { ...node.attributes, 'odd`key': 'v' } } : node,
      ),
    };
    const statement = statementsOf(toCypher(graph)).find((candidate) => candidate.startsWith("MERGE (n:Record {id: 'dyn-research'})"));
    expect(statement).toContain("`odd``key`: 'v'");
  });

  test("rejects a relationship type outside the loader's list", () => {
    const graph = {
      ...interchangeGraph,
      edges: [
        ...interchangeGraph.edges,
        { key: 'x', source: 'north-korea', target: 'sony-hack', attributes: { type: 'OWNS]->(m) DELETE m //' } },
      ],
    } as unknown as SerializedGraph;
    expect(() => toCypher(graph)).toThrow(/attributes\.type: expected one of MADE/);
  });
});
