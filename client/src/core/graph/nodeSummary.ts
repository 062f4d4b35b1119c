// What the hover card and the keyboard's announcements say about a node, read from the graph: its full name or claim text, stance and claimant.
import { DATE_BASES, type DateBasis } from '../../../../server/model/vocabulary';
import { formatPartialDate } from '../timeline';
import { claimDateText } from '../wording';
import type { ExplorerGraph } from './graphData';
import { ACTOR_KIND_LABELS, NODE_TYPE_STYLE, STANCE_LABELS, isActorKind, stanceKey, type StanceKey } from './style';

export interface NodeSummary {
  /** The type in words ("Claim", "Actor · Agency"). */
  kind: string;
  /** The full name, title or claim text, never shortened. */
  title: string;
  /** Claims: their stance, for the badge colour. */
  stance: StanceKey | null;
  /** Further lines: "Stance: …", "Claimant: …", a date, a publisher, the number of links. */
  lines: string[];
}

/** The names of the actors with a MADE edge into a claim, sorted. */
export function claimantsOf(graph: ExplorerGraph, claim: string): string[] {
  const names = new Set<string>();
  graph.forEachInEdge(claim, (_edge, attributes, source) => {
    if (attributes.type === 'MADE') names.add(graph.getNodeAttribute(source, 'label'));
  });
  return [...names].sort((a, b) => a.localeCompare(b));
}

export function summarizeNode(graph: ExplorerGraph, node: string): NodeSummary {
  const attributes = graph.getNodeAttributes(node);
  const links = graph.degree(node);
  const linkLine = `${links} link${links === 1 ? '' : 's'} in the graph`;
  switch (attributes.type) {
    case 'claim': {
      const stance = stanceKey(attributes.stance);
      const claimants = claimantsOf(graph, node);
      const basis = (DATE_BASES as readonly unknown[]).includes(attributes.dateBasis) ? (attributes.dateBasis as DateBasis) : null;
      return {
        kind: 'Claim',
        title: typeof attributes.text === 'string' && attributes.text !== '' ? attributes.text : attributes.label,
        stance,
        lines: [
          `Stance: ${STANCE_LABELS[stance]}`,
          `Claimant: ${claimants.length === 0 ? 'not in the graph yet' : claimants.join(', ')}`,
          `Date: ${claimDateText(attributes.date ?? null, basis)}`,
        ],
      };
    }
    case 'actor':
      return {
        kind: isActorKind(attributes.kind) ? `Actor · ${ACTOR_KIND_LABELS[attributes.kind]}` : 'Actor',
        title: attributes.label,
        stance: null,
        lines: [linkLine],
      };
    case 'source': {
      const published =
        typeof attributes.published === 'string' && attributes.published !== '' ? formatPartialDate(attributes.published) : null;
      const by = [attributes.publisher, published].filter((part): part is string => typeof part === 'string' && part !== '');
      return {
        kind: NODE_TYPE_STYLE.source.label,
        title: typeof attributes.title === 'string' && attributes.title !== '' ? attributes.title : attributes.label,
        stance: null,
        lines: [...(by.length === 0 ? [] : [by.join(', ')]), linkLine],
      };
    }
    default:
      return { kind: NODE_TYPE_STYLE[attributes.type].label, title: attributes.label, stance: null, lines: [linkLine] };
  }
}

/** One sentence for a screen reader: "Claim: <text>. Stance: …. Claimant: …." */
export function summarySentence(summary: NodeSummary): string {
  return [`${summary.kind}: ${summary.title}`, ...summary.lines].join('. ');
}
