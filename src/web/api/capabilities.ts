import { api } from './client';

/**
 * Which API routes this server has, read once from its OpenAPI document. Areas land one issue at a
 * time (accounts, identification, findings, cases…); asking first means the app never fires requests
 * at routes that are not there (no 404 noise) and each view switches on as soon as its API is deployed.
 */
type Paths = Record<string, Record<string, unknown>>;

let loaded: Promise<Set<string>> | null = null;

function load(): Promise<Set<string>> {
  loaded ??= api
    .get<{ paths?: Paths }>('/api/openapi.json')
    .then((doc) => {
      const routes = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(ops)) routes.add(`${m.toUpperCase()} ${path}`);
      return routes;
    })
    .catch(() => {
      loaded = null;
      return new Set<string>();
    });
  return loaded;
}

/** True when the server documents `METHOD /api/path` (path in OpenAPI form, e.g. `/api/items/{id}/findings`). */
export async function hasRoute(method: string, path: string): Promise<boolean> {
  return (await load()).has(`${method.toUpperCase()} ${path}`);
}
