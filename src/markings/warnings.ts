import type { Warning, WarningCode } from './types.js';

/**
 * Adds a warning unless the same one is there; returns the list. A list is made at its first
 * warning, of exactly one slot: a push onto an empty list allocates room for 17.
 */
export function warn(list: Warning[] | null, code: WarningCode, message: string): Warning[] {
  if (list === null) return [{ code, message }];
  for (let i = 0; i < list.length; i++) { const w = list[i]!; if (w.code === code && w.message === message) return list; }
  list.push({ code, message });
  return list;
}
