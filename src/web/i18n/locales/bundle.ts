/** One language's messages: namespace (the JSON file's name) → nested keys. */
export type Messages = Record<string, unknown>;
export type Bundle = Record<string, Messages>;

/** `{'./en/common.json': {...}}` (what `import.meta.glob` gives) → `{common: {...}}`. */
export function bundleFromFiles(files: Record<string, unknown>): Bundle {
  const out: Bundle = {};
  for (const [file, messages] of Object.entries(files)) {
    const ns = /([^/]+)\.json$/.exec(file)?.[1];
    if (ns) out[ns] = messages as Messages;
  }
  return out;
}
