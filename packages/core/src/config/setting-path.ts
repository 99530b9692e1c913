import { isJsonObject, type JsonObject } from './merge-patch';

/** Sets `value` at dotted `path` inside `target`, creating intermediate objects. */
export function setAtPath(target: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!isJsonObject(next)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Reads the value at dotted `path`, or undefined. */
export function getAtPath(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return node;
}
