// XML documents for the GEXF and GraphML writers, built by fast-xml-builder: elements as objects, escaping and indentation by the library.
import XMLBuilder from 'fast-xml-builder';

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** An element as the builder takes it: `@name` keys are its attributes, `#text` its text, any other key a child element. */
export interface XmlElement {
  [key: string]: string | XmlElement | XmlElement[] | undefined;
}

/** `name="value"` pairs in the order given; an undefined value leaves its attribute out. */
export type XmlAttributes = ReadonlyArray<readonly [string, string | number | undefined]>;

const ATTRIBUTE_PREFIX = '@';
const TEXT = '#text';

/** The attributes of an element, in the order given, skipping undefined values; spread it before the children. */
export function xmlAttributes(pairs: XmlAttributes): XmlElement {
  const element: XmlElement = {};
  for (const [name, value] of pairs) if (value !== undefined) element[`${ATTRIBUTE_PREFIX}${name}`] = String(value);
  return element;
}

/** An element holding text: `<name …>text</name>`. */
export function xmlTextElement(attributes: XmlAttributes, text: string): XmlElement {
  return { ...xmlAttributes(attributes), [TEXT]: text };
}

/**
 * What the builder escapes, in order (`&` first, so the references after it are not escaped again). This is the
 * builder's own entity table (its `entities` option, in its default options though not in its type declarations)
 * with three entries added: a carriage return as `&#13;`, because an XML parser turns a literal CR or CR LF into LF
 * (XML 1.0 §2.11) and a quote with Windows line ends would come back changed; a tab and a line feed as `&#9;` and
 * `&#10;`, because attribute-value normalisation (§3.3.3) turns them into spaces. In element text those two
 * references read back as the characters themselves. The tests that read CR LF, tabs and newlines back from GEXF and
 * GraphML (ours, networkx's and Gephi's) fail if the builder ever stops honouring this table.
 */
const ENTITIES: ReadonlyArray<{ regex: RegExp; val: string }> = [
  { regex: /&/g, val: '&amp;' },
  { regex: />/g, val: '&gt;' },
  { regex: /</g, val: '&lt;' },
  { regex: /'/g, val: '&apos;' },
  { regex: /"/g, val: '&quot;' },
  { regex: /\r/g, val: '&#13;' },
  { regex: /\t/g, val: '&#9;' },
  { regex: /\n/g, val: '&#10;' },
];

type BuilderOptions = NonNullable<ConstructorParameters<typeof XMLBuilder>[0]>;

// The value processors run before the entity table, so the one rule no escape can express, characters XML 1.0 has no
// way to write, is applied there: each becomes U+FFFD rather than making the document ill-formed.
const replaceInvalid = (_name: string, value: unknown): unknown =>
  typeof value === 'string' ? value.replace(XML_INVALID, '\uFFFD') : value;

const options: BuilderOptions & { entities: typeof ENTITIES } = {
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT,
  ignoreAttributes: false,
  format: true,
  indentBy: '  ',
  // `<node id="x"/>` for an element with nothing inside, as GEXF and GraphML examples write it.
  suppressEmptyNode: true,
  // Otherwise an attribute whose value is the text "true" would be written bare, which is not XML.
  suppressBooleanAttributes: false,
  processEntities: true,
  entities: ENTITIES,
  tagValueProcessor: replaceInvalid,
  attributeValueProcessor: replaceInvalid,
};

const builder = new XMLBuilder(options);

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** The root element of a document in one XML vocabulary, with the schema it is checked against. */
export interface XmlRoot {
  name: string;
  namespace: string;
  /** Where the vocabulary's XSD lives; written after the namespace in `xsi:schemaLocation`. */
  schema: string;
  /** Further attributes of the root element, after the namespace declarations. */
  attributes?: XmlAttributes;
}

/**
 * A whole document: the XML declaration, then the root element with its namespaces and `content` (child elements by
 * name, in the order given), indented two spaces a level, ending with a newline. The same input gives the same text.
 */
export function xmlDocument(root: XmlRoot, content: XmlElement): string {
  const rootAttributes = xmlAttributes([
    ['xmlns', root.namespace],
    ['xmlns:xsi', XSI_NAMESPACE],
    ['xsi:schemaLocation', `${root.namespace} ${root.schema}`],
    ...(root.attributes ?? []),
  ]);
  return builder.build({
    '?xml': xmlAttributes([
      ['version', '1.0'],
      ['encoding', 'UTF-8'],
    ]),
    [root.name]: { ...rootAttributes, ...content },
  });
}
