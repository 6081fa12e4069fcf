/**
 * Streams an XML document as small element trees, one per record element
 * (UN `INDIVIDUAL`/`ENTITY`, OFAC `sdnEntry`), so a list of any size is read
 * with memory for one record at a time. Built on saxes.
 */
import { SaxesParser } from 'saxes';
import type { Chunks } from '../types.js';
import { textChunks } from './chunks.js';

export interface XmlNode {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export type XmlEvent =
  | { type: 'root'; tag: string; attributes: Record<string, string> }
  | { type: 'record'; node: XmlNode }
  /** A complete element outside any record (e.g. OFAC `publshInformation`). */
  | { type: 'header'; node: XmlNode };

function localName(tag: string): string {
  const i = tag.indexOf(':');
  return i >= 0 ? tag.slice(i + 1) : tag;
}

export async function* xmlRecords(
  chunks: Chunks,
  recordTags: ReadonlySet<string>,
  headerTags: ReadonlySet<string> = new Set(),
): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ xmlns: false });
  const out: XmlEvent[] = [];
  const stack: XmlNode[] = [];
  let depth = 0;
  let capturing: 'record' | 'header' | null = null;
  // Asserted rather than annotated: set only in a callback, an annotated `null` would be narrowed to null.
  let error = null as Error | null;

  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[localName(k)] = String(v);
    depth++;
    if (depth === 1) {
      out.push({ type: 'root', tag: name, attributes });
      return;
    }
    if (capturing === null) {
      if (recordTags.has(name)) capturing = 'record';
      else if (headerTags.has(name)) capturing = 'header';
      else return;
    }
    const node: XmlNode = { tag: name, attributes, text: '', children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    if (capturing === null) return;
    const node = stack.pop();
    if (node && stack.length === 0) {
      out.push({ type: capturing, node });
      capturing = null;
    }
  });

  for await (const text of textChunks(chunks)) {
    parser.write(text);
    if (error) throw error;
    while (out.length) yield out.shift()!;
  }
  parser.close();
  if (error) throw error;
  while (out.length) yield out.shift()!;
  if (depth !== 0) throw new Error('XML ended before its root element was closed');
}

export function child(node: XmlNode, tag: string): XmlNode | undefined {
  return node.children.find((c) => c.tag === tag);
}

export function children(node: XmlNode, tag: string): XmlNode[] {
  return node.children.filter((c) => c.tag === tag);
}

export function childText(node: XmlNode, tag: string): string {
  return child(node, tag)?.text ?? '';
}

/** Texts of `<TAG><VALUE>…</VALUE></TAG>` lists, as the UN file writes them. */
export function values(node: XmlNode, tag: string): string[] {
  return children(node, tag).flatMap((c) => children(c, 'VALUE').map((v) => v.text));
}
