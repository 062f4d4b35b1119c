// XML text for the GEXF and GraphML writers: escaping, one tag a line, and the document frame both formats share.

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Element text. A carriage return is written as `&#13;`, because an XML parser turns a literal CR or CR LF into LF
 * (XML 1.0 §2.11) and a quote with Windows line ends would come back changed.
 */
function xmlText(value: string): string {
  return value.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes, and whitespace that attribute-value normalisation would otherwise turn into spaces. */
function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** `name="value"` pairs in the order given; an undefined value leaves its attribute out. */
export type XmlAttributes = ReadonlyArray<readonly [string, string | number | undefined]>;

/** Renders `name="value"` pairs, skipping undefined values, in the order given. */
function xmlAttributes(pairs: XmlAttributes): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

/** An element as lines: `<name …/>` when it has no children, else its opening tag, the children's lines and its closing tag. */
export function xmlElement(indent: string, name: string, attributes: XmlAttributes, children: readonly string[] = []): string[] {
  const open = `${indent}<${name}${xmlAttributes(attributes)}`;
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, `${indent}</${name}>`];
}

/** An element whose opening and closing tags are written even with no children between them. */
export function xmlBlock(indent: string, name: string, attributes: XmlAttributes, children: readonly string[]): string[] {
  return [`${indent}<${name}${xmlAttributes(attributes)}>`, ...children, `${indent}</${name}>`];
}

/** An element holding text on one line: `<name …>text</name>`. */
export function xmlTextElement(indent: string, name: string, attributes: XmlAttributes, text: string): string {
  return `${indent}<${name}${xmlAttributes(attributes)}>${xmlText(text)}</${name}>`;
}

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

/** A whole document: the XML declaration, the root element around `body` (lines indented below it), and a final newline. */
export function xmlDocument(root: XmlRoot, body: readonly string[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${root.name} xmlns="${root.namespace}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${root.namespace} ${root.schema}"${xmlAttributes(root.attributes ?? [])}>`,
    ...body,
    `</${root.name}>`,
  ];
  return `${lines.join('\n')}\n`;
}
