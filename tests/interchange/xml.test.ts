// Checks the XML writer the GEXF and GraphML exports share: what it escapes, what it replaces, attribute order, and text that only looks like markup.
import { xmlAttributes, xmlDocument, xmlTextElement } from '../../server/interchange/xml';
import { xmlReader } from './helpers';

const root = { name: 'doc', namespace: 'urn:test', schema: 'urn:test/doc.xsd' };
const reader = xmlReader(['item']);
type Parsed = { doc: { item: Array<Record<string, string>> } };

describe('xmlDocument', () => {
  test('writes the declaration, the namespaces and two-space indents, and ends with a newline', () => {
    const xml = xmlDocument(root, { item: [xmlAttributes([['id', 'a']])] });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<doc xmlns="urn:test" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:test urn:test/doc.xsd">',
        '  <item id="a"/>',
        '</doc>',
        '',
      ].join('\n'),
    );
  });

  test('writes attributes in the order given, leaves out undefined ones, and writes "true" as a value', () => {
    const xml = xmlDocument(root, {
      item: [
        xmlAttributes([
          ['z', 'last?'],
          ['skipped', undefined],
          ['a', 2],
          ['flag', 'true'],
        ]),
      ],
    });
    // A bare `flag` (the builder's default for "true") would not be XML.
    expect(xml).toContain('  <item z="last?" a="2" flag="true"/>\n');
  });

  test('escapes markup, quotes and entity-like text, and writes CR, tab and LF as references', () => {
    const text = 'a & b &amp; <c> "d" \'e\'\r\n\tf';
    const xml = xmlDocument(root, { item: [{ ...xmlAttributes([['value', text]]), ...xmlTextElement([], text) }] });
    // Each character a parser would change is written as a reference: CR as &#13;, tab &#9;, LF &#10;.
    const escaped = 'a &amp; b &amp;amp; &lt;c&gt; &quot;d&quot; &apos;e&apos;&#13;&#10;&#9;f';
    expect(xml).toContain(`<item value="${escaped}">${escaped}</item>`);
    const item = (reader.parse(xml) as Parsed).doc.item[0];
    expect(item).toEqual({ value: text, '#text': text });
  });

  test('replaces characters XML 1.0 cannot hold with U+FFFD and keeps emoji and other text', () => {
    // U+0001 and U+001F are C0 controls; \uD800 alone is half a surrogate pair; U+FFFF is a non-character.
    const text = 'x\u0001y\u001Fz\uD800w\uFFFF 🙂 é';
    const xml = xmlDocument(root, { item: [xmlTextElement([['value', text]], text)] });
    const item = (reader.parse(xml) as Parsed).doc.item[0];
    const replaced = 'x\uFFFDy\uFFFDz\uFFFDw\uFFFD 🙂 é';
    expect(item).toEqual({ value: replaced, '#text': replaced });
  });

  test('gives the same text for the same input', () => {
    const content = () => ({ item: [xmlTextElement([['id', 'b']], 'one'), xmlTextElement([['id', 'a']], 'two')] });
    expect(xmlDocument(root, content())).toBe(xmlDocument(root, content()));
    // The order given is the order written: b before a.
    expect(xmlDocument(root, content()).indexOf('id="b"')).toBeLessThan(xmlDocument(root, content()).indexOf('id="a"'));
  });
});
