// The graph wire format: graphology's serialized graph with this project's node and edge attributes.
import type { ActorKind, ClaimKind, Confidence, RecordType, RelationshipType, Stance } from './vocabulary';

/** A node's type on the wire is its record type; an edge's type is its relationship type. */
export type NodeType = RecordType;
export type EdgeType = RelationshipType;

/** Attributes every node has, plus the record's own properties for its type. */
export interface NodeAttributes {
  type: NodeType;
  label: string;
  // Actor, incident
  kind?: ActorKind | ClaimKind | string;
  aliases?: string[];
  description?: string;
  // Incident
  start?: string;
  end?: string;
  // Claim
  text?: string;
  quote?: string;
  stance?: Stance;
  confidence?: Confidence;
  hedge?: string;
  date?: string;
  datePrecision?: string;
  // Source
  title?: string;
  publisher?: string;
  author?: string;
  published?: string;
  url?: string;
  documentRef?: string;
  [key: string]: unknown;
}

export interface EdgeAttributes {
  type: EdgeType;
  /** On ACCUSES edges: the stance toward the accused actor or explanation, and the incident it is held responsible for. */
  stance?: Stance;
  incident?: string;
  /** On AFFILIATED_WITH edges. */
  role?: string;
  certainty?: string;
  [key: string]: unknown;
}

export interface SerializedNode {
  key: string;
  attributes: NodeAttributes;
}

export interface SerializedEdge {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

/** What graphology's `graph.export()` produces and `graph.import()` takes. */
export interface SerializedGraph {
  attributes: Record<string, unknown>;
  options: { type: 'directed'; multi: boolean; allowSelfLoops: boolean };
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

/** Edge keys are derived from their ends and type, so the same view always yields the same keys. */
export function edgeKey(type: EdgeType, source: string, target: string, incident?: string): string {
  // One claim may accuse the same actor of two incidents: each accusation is its own edge, keyed by its incident.
  return incident === undefined ? `${type}:${source}->${target}` : `${type}:${source}->${target}@${incident}`;
}
