// The rejection of save() is lost: nothing awaits, returns or handles the promise.
async function save(name: string): Promise<string> {
  await Promise.resolve();
  if (!name) throw new Error('a name is needed');
  return name;
}

export function onClick(name: string): void {
  save(name);
}
