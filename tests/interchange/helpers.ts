// What the interchange tests share: the fixture in reverse order (for determinism checks) and an XML reader that keeps text as written.
import { XMLParser } from 'fast-xml-parser';
import type { SerializedGraph } from '../../server/model/wire';

/** The same graph with its nodes and edges in reverse order: an export must not depend on the order it is given. */
export const reversedGraph = (graph: SerializedGraph): SerializedGraph => ({
  ...graph,
  nodes: [...graph.nodes].reverse(),
  edges: [...graph.edges].reverse(),
});

/** A reader that keeps attribute and text values as strings, unprefixed, with the named elements always read as lists. */
export function xmlReader(lists: readonly string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && lists.includes(name),
  });
}
