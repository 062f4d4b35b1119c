// Wire mapping: Neo4j nodes and relationships (labels, type, properties) as the nodes and edges of graphology's serialized graph.
import { recordTypeOf, type RelationshipType } from '../model/vocabulary';
import { edgeKey, type EdgeAttributes, type NodeAttributes, type SerializedEdge, type SerializedNode } from '../model/wire';

/** Properties kept off graph nodes: internal bookkeeping, not part of the record. */
const HIDDEN_PROPERTIES = new Set(['aliasText', 'datasets', 'id']);

function shortLabel(text: string, max = 70): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Turns a Neo4j node (labels + properties) into a serialized graph node; undefined for a node that is no record. */
export function graphNode(labels: readonly string[], properties: Record<string, unknown>): SerializedNode | undefined {
  const type = recordTypeOf(labels);
  if (type === undefined) return undefined;
  const attributes: NodeAttributes = { type, label: '' };
  for (const [key, value] of Object.entries(properties)) {
    if (!HIDDEN_PROPERTIES.has(key) && value !== null && value !== undefined) attributes[key] = value;
  }
  const id = properties.id as string;
  attributes.label = type === 'claim' ? shortLabel(String(properties.text ?? id)) : String(properties.name ?? properties.title ?? id);
  if (type === 'claim') attributes.stance = (properties.stance as NodeAttributes['stance']) ?? undefined;
  return { key: id, attributes };
}

/** Turns a relationship into a serialized edge whose key follows from its type and ends, so a view always has the same keys. */
export function graphEdge(type: string, source: string, target: string, properties: Record<string, unknown>): SerializedEdge {
  const attributes: EdgeAttributes = { type: type as RelationshipType };
  for (const [key, value] of Object.entries(properties)) if (value !== null && value !== undefined) attributes[key] = value;
  const incident = type === 'ACCUSES' && typeof properties.incident === 'string' ? properties.incident : undefined;
  return { key: edgeKey(type as RelationshipType, source, target, incident), source, target, attributes };
}
