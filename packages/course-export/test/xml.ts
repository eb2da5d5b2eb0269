/**
 * A minimal XML reader for the tests: enough to check that a manifest is well formed (every element closed in order,
 * attributes quoted, one root) and to walk its elements by name. Not a general XML parser.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const decode = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** Parses `source`; throws on a mismatched, unclosed or stray tag. */
export function parseXml(source: string): XmlElement {
  const body = source.replace(/^<\?xml[^?]*\?>\s*/, '').replace(/<!--[\s\S]*?-->/g, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of body.matchAll(tag)) {
    const [, closing, name, attributeText, selfClosing, text, stray] = match;
    const top = stack.at(-1) as XmlElement;
    if (stray) throw new Error(`stray "<" at ${match.index}`);
    if (text !== undefined) {
      if (text.includes('>')) throw new Error(`stray ">" at ${match.index}`);
      top.text += decode(text);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attributeText ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
      if ((a[1] as string) in attributes) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attributes[a[1] as string] = decode(a[2] as string);
    }
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is not closed`);
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw new Error('an XML document has exactly one root element');
  return elements[0] as XmlElement;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The one child named `name`; throws when there is not exactly one. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}>`);
  return found[0] as XmlElement;
}
