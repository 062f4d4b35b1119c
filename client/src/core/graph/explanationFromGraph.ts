// An explanation's detail read from the graph the page holds, for a server that has no `GET /api/explanations/:id`:
// the explanation node, and each claim that accuses it (ACCUSES edges carry the stance and the incident).
import type { Accusation, ActorRef, ClaimSummary, ExplanationDetail, SubjectRef } from '../../../../server/model/api';
import { CONFIDENCES, EXPLANATION_KINDS, type Confidence, type ExplanationKind } from '../../../../server/model/vocabulary';
import type { ExplorerGraph, ViewNodeAttributes } from './graphData';
import { isStance } from './style';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function actorRef(graph: ExplorerGraph, id: string): ActorRef {
  const attributes = graph.getNodeAttributes(id);
  return { id, name: attributes.label, kind: (attributes.kind ?? 'group') as ActorRef['kind'] };
}

function claimFromNode(graph: ExplorerGraph, id: string, attributes: ViewNodeAttributes): ClaimSummary {
  let claimant: ActorRef = { id: '', name: 'Unknown claimant', kind: 'group' };
  const about: SubjectRef[] = [];
  const accused: ActorRef[] = [];
  const accusations: Accusation[] = [];
  const sources: string[] = [];
  graph.forEachInEdge(id, (_edge, edge, source) => {
    if (edge.type === 'MADE') claimant = actorRef(graph, source);
  });
  graph.forEachOutEdge(id, (_edge, edge, _source, target, _sourceAttributes, targetAttributes) => {
    if (edge.type === 'REPORTED_IN') sources.push(target);
    if (edge.type === 'ABOUT' && (targetAttributes.type === 'incident' || targetAttributes.type === 'actor'))
      about.push({ id: target, type: targetAttributes.type, label: targetAttributes.label });
    if (edge.type === 'ACCUSES' && (targetAttributes.type === 'actor' || targetAttributes.type === 'explanation')) {
      if (targetAttributes.type === 'actor') accused.push(actorRef(graph, target));
      const incident = typeof edge.incident === 'string' ? edge.incident : null;
      const stance = isStance(edge.stance) ? edge.stance : isStance(attributes.stance) ? attributes.stance : null;
      if (incident !== null && stance !== null)
        accusations.push({
          incident: { id: incident, name: graph.hasNode(incident) ? graph.getNodeAttribute(incident, 'label') : incident },
          target: { id: target, type: targetAttributes.type, name: targetAttributes.label },
          stance,
        });
    }
  });
  const confidence = (CONFIDENCES as readonly unknown[]).includes(attributes.confidence)
    ? (attributes.confidence as Confidence)
    : 'moderate';
  return {
    id,
    kind: (attributes.kind ?? 'statement') as ClaimSummary['kind'],
    text: text(attributes.text) ?? attributes.label,
    quote: text(attributes.quote),
    stance: isStance(attributes.stance) ? attributes.stance : null,
    confidence,
    hedge: text(attributes.hedge),
    date: text(attributes.date),
    datePrecision: text(attributes.datePrecision),
    dateBasis: (text(attributes.dateBasis) as ClaimSummary['dateBasis']) ?? null,
    claimant,
    about,
    accused,
    accusations,
    sources,
  };
}

/** Null when the graph does not hold `id` as an explanation. Claims come earliest first, undated last. */
export function explanationFromGraph(graph: ExplorerGraph, id: string): ExplanationDetail | null {
  if (!graph.hasNode(id)) return null;
  const attributes = graph.getNodeAttributes(id);
  if (attributes.type !== 'explanation') return null;
  const kind: ExplanationKind = (EXPLANATION_KINDS as readonly unknown[]).includes(attributes.kind)
    ? (attributes.kind as ExplanationKind)
    : 'other';
  const claims = new Map<string, ClaimSummary>();
  graph.forEachInEdge(id, (_edge, edge, source, _target, sourceAttributes) => {
    if (edge.type === 'ACCUSES' && sourceAttributes.type === 'claim' && !claims.has(source))
      claims.set(source, claimFromNode(graph, source, sourceAttributes));
  });
  const sorted = [...claims.values()].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
  return {
    explanation: { id, name: attributes.label, kind, description: text(attributes.description) },
    claims: sorted,
  };
}
