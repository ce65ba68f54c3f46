import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { RedoclyChange, RedoclyLocation } from './redocly-diff.js';
import type { ChangeLocation } from './types.js';

export function pointerSegments(pointer: string): string[] {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `#/paths/~1a/get/responses/200/content/application~1json/schema/properties/data/items/properties/x` → readable. */
export function describePointer(pointer: string): string {
  const segments = pointerSegments(pointer);
  const words: string[] = [];
  let i = 0;
  if (segments[0] === 'paths' && segments.length >= 3) {
    words.push(`${segments[2]?.toUpperCase()} ${segments[1]}`);
    i = 3;
  } else if (segments[0] === 'components' && segments.length >= 3) {
    words.push(`components.${segments[1]}.${segments[2]}`);
    i = 3;
  }
  let field = '';
  const flushField = () => {
    if (field !== '') words.push(field);
    field = '';
  };
  while (i < segments.length) {
    const segment = segments[i] as string;
    const next = segments[i + 1];
    if (segment === 'responses' && next !== undefined) {
      flushField();
      words.push(next);
      i += 2;
    } else if (segment === 'content' && next !== undefined) {
      i += 2; // the media type adds nothing for a one-media-type API
    } else if (segment === 'schema') {
      flushField();
      words.push('body');
      i += 1;
    } else if (segment === 'properties' && next !== undefined) {
      field = field === '' ? next : `${field}.${next}`;
      i += 2;
    } else if (segment === 'items') {
      field = `${field}[]`;
      i += 1;
    } else if (segment === 'parameters' && next !== undefined) {
      flushField();
      words.push(`parameter #${next}`);
      i += 2;
    } else if (segment === 'headers' && next !== undefined) {
      flushField();
      words.push(`header ${next}`);
      i += 2;
    } else {
      flushField();
      words.push(segment);
      i += 1;
    }
  }
  flushField();
  return words.join(' ') || '(document)';
}

export type ParsedFile = { contents: Node | null; lines: LineCounter };

/**
 * The 1-based line of the key that holds the node at `pointer` (or of the sequence item): the line a reviewer
 * edited. `redocly diff` reports where the node's *value* starts, which for a block mapping or sequence is the
 * line after its key. Undefined when the file or the pointer cannot be followed.
 */
export function keyLine(file: string, pointer: string, cache: Map<string, ParsedFile> = new Map()): number | undefined {
  let parsed = cache.get(file);
  if (parsed === undefined) {
    const lines = new LineCounter();
    try {
      parsed = { contents: parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines }).contents, lines };
    } catch {
      return undefined;
    }
    cache.set(file, parsed);
  }
  let node: unknown = parsed.contents;
  let offset: number | undefined;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined || !isScalar(pair.key)) return undefined;
      offset = pair.key.range?.[0];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^\d+$/.test(segment)) return undefined;
      offset = (item as Node).range?.[0];
      node = item;
    } else {
      return undefined;
    }
  }
  return offset === undefined ? undefined : parsed.lines.linePos(offset).line;
}

/** Where a change is: in the API (readable) and in the file (`file:line` of the edited key). */
export function locate(
  change: RedoclyChange,
  labels: Map<string, string>,
  cwd: string,
  parsed: Map<string, ParsedFile> = new Map(),
): ChangeLocation {
  const node: RedoclyLocation | undefined = change.kind === 'removed' ? change.base : change.revision;
  let where = describePointer(change.path);
  const value = (change.revision ?? change.base)?.value;
  if (change.typeName === 'Parameter' && typeof value === 'object' && value !== null) {
    const parameter = value as { name?: unknown; in?: unknown };
    where = where.replace(/parameter #\d+/, `${String(parameter.in)} parameter ${String(parameter.name)}`);
  }
  if (change.kind === 'modified' && change.property !== undefined && change.property !== 'key') {
    where = `${where} (${change.property})`;
  }
  if (node === undefined) return { where, path: change.path, source: '?' };
  const file = resolve(cwd, node.file);
  const line = keyLine(file, node.pointer, parsed) ?? node.line;
  return { where, path: change.path, source: `${labels.get(file) ?? node.file}:${line}` };
}
