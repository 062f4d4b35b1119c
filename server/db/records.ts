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

/**
 * Recursively converts driver values (Integer, Node, Relationship, temporal types, lists, maps) to plain values.
 * An answer holds tens of thousands of values, nearly all strings, numbers, lists and maps, so those are answered
 * first and maps are copied key by key, without entry arrays; the driver's types are probed only for other objects.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type === 'bigint') return fromInteger(value as bigint);
  if (type !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  const object = value as object;
  // A Cypher map arrives as a plain object; Integer, Node, Relationship and the temporal types are class instances.
  if (object.constructor === Object) return plainMap(object as Record<string, unknown>);
  if (isInt(object)) return fromInteger(object as Integer);
  if (isNode(object) || isRelationship(object)) return plainMap((object as { properties: Record<string, unknown> }).properties);
  // Temporal values (Date, DateTime, …) print as ISO-8601.
  if (typeof (object as { toString?: unknown }).toString === 'function' && 'year' in object) return String(object);
  return plainMap(object as Record<string, unknown>);
}

function plainMap(map: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(map)) {
    // A stored key named __proto__ stays a key, as the driver keeps it, rather than replacing the prototype.
    if (key === '__proto__')
      Object.defineProperty(plain, key, { value: toPlain(map[key]), writable: true, enumerable: true, configurable: true });
    else plain[key] = toPlain(map[key]);
  }
  return plain;
}
