// The same calls as floating.ts, each handled: awaited, or explicitly let go with `void` and a catch.
async function save(name: string): Promise<string> {
  await Promise.resolve();
  if (!name) throw new Error('a name is needed');
  return name;
}

export async function onSubmit(name: string): Promise<string> {
  return await save(name);
}

export function onClick(name: string, report: (e: unknown) => void): void {
  void save(name).catch(report);
}
