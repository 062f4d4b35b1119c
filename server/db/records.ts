// The one place Neo4j values become plain JSON-safe objects: integers losslessly, temporals as ISO strings.
import neo4j, { isInt, isNode, isRelationship, type Integer } from 'neo4j-driver';

/** A safe integer becomes a number; a larger one becomes a decimal string, so no digit is lost. */
export function fromInteger(value: Integer | number | bigint): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

export function toInteger(value: number): Integer {
  return neo4j.int(value);
}

/** Recursively converts driver values (Integer, Node, Relationship, temporal types, lists, maps) to plain values. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Most values are strings and numbers; answering them first skips four type probes per value.
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (isInt(value)) return fromInteger(value as Integer);
  if (typeof value === 'bigint') return fromInteger(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isNode(value as object)) return toPlain((value as { properties: unknown }).properties);
  if (isRelationship(value as object)) return toPlain((value as { properties: unknown }).properties);
  if (typeof value === 'object') {
    // Temporal values (Date, DateTime, …) print as ISO-8601.
    if (value.constructor !== Object && typeof (value as { toString?: unknown }).toString === 'function' && 'year' in value) {
      return String(value);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlain(inner)]));
  }
  return value;
}
