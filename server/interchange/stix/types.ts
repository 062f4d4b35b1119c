// The shapes of a STIX 2.1 bundle as the export writes it (and the opinion values both directions use), and of what the import makes of one.
import type { DatasetInput } from '../../model/dataset';

// ---------------------------------------------------------------------------------------------------------------
// STIX object shapes the export writes.

/** The values of an opinion's `opinion`, from STIX 2.1's opinion-enum, weakest agreement first. */
export const STIX_OPINION_VALUES = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;
export type StixOpinionValue = (typeof STIX_OPINION_VALUES)[number];

export interface StixExternalReference {
  source_name: string;
  external_id?: string;
  url?: string;
  description?: string;
}

interface StixCore {
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
  confidence?: number;
  x_claimgraph_id?: string;
  [custom: `x_claimgraph_${string}`]: unknown;
}

export interface StixIdentity extends StixCore {
  type: 'identity';
  name: string;
  description?: string;
  identity_class: string;
}

export interface StixThreatActor extends StixCore {
  type: 'threat-actor';
  name: string;
  description?: string;
  aliases?: string[];
  threat_actor_types: string[];
}

export interface StixIncident extends StixCore {
  type: 'incident';
  name: string;
  description?: string;
}

export interface StixRelationship extends StixCore {
  type: 'relationship';
  relationship_type: string;
  source_ref: string;
  target_ref: string;
  description?: string;
}

export interface StixOpinion extends StixCore {
  type: 'opinion';
  opinion: StixOpinionValue;
  explanation?: string;
  authors?: string[];
  object_refs: string[];
}

export interface StixNote extends StixCore {
  type: 'note';
  content: string;
  abstract?: string;
  authors?: string[];
  object_refs: string[];
}

export interface StixReport extends StixCore {
  type: 'report';
  name: string;
  description?: string;
  published: string;
  object_refs: string[];
  external_references: StixExternalReference[];
}

export type StixObject = StixIdentity | StixThreatActor | StixIncident | StixRelationship | StixOpinion | StixNote | StixReport;

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

// ---------------------------------------------------------------------------------------------------------------
// What the import returns.

/** An object the import left out, and why. */
export interface SkippedStixObject {
  index: number;
  id: string;
  reason: string;
}

export interface StixImportResult {
  dataset: DatasetInput;
  skipped: SkippedStixObject[];
}
