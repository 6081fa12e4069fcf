import { z } from 'zod';
import type { App } from '../app.js';
import { evidencePackage } from '../../package/index.js';
import { keyFile, listTrustedKeys, loadOrCreateKey, trustKey } from '../../bundles/index.js';
import { NotFound } from '../../problems.js';

/**
 * Evidence packages (PDF) and the bundle key and trust list. Packages are read as the caller
 * may read (anonymous callers get the public package); `?public=true` asks a signed-in caller
 * for the public package too. Bundle export and import from the web app are not here yet
 * (docs/bundles.md): the CLI does them.
 */
const tags = ['bundles'];
const idParams = z.object({ id: z.string().uuid() });
const packageQuery = z.object({ public: z.enum(['true', 'false']).optional() });
const keySchema = z.object({ publicKey: z.string(), fingerprint: z.string() });
const trustedSchema = z.object({ publicKey: z.string(), fingerprint: z.string(), name: z.string(), addedAt: z.string() });

export default async function bundles(app: App): Promise<void> {
  for (const kind of ['item', 'case'] as const) {
    app.get(`/api/${kind}s/:id/package.pdf`, {
      config: { permission: 'public' },
      schema: { tags, summary: `The evidence package (PDF) of one ${kind}`, operationId: `${kind}_package_pdf`, params: idParams, querystring: packageQuery },
    }, async (req, reply) => {
      const actor = req.query.public === 'true' ? null : req.actor;
      const r = await evidencePackage(app.db, actor, { kind, id: req.params.id }).catch((e: unknown) => {
        // A public package of an unpublished record is as absent as the record itself.
        if (e instanceof NotFound) throw new NotFound(kind, req.params.id);
        throw e;
      });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="remnant-${kind}-${req.params.id}.pdf"`).send(r.pdf);
    });
  }

  app.get('/api/bundles/key', {
    config: { permission: 'admin' },
    schema: { tags, summary: "This instance's bundle signing key", operationId: 'bundle_key', response: { 200: keySchema } },
  }, async () => {
    const k = loadOrCreateKey(keyFile(app.config.dataDir));
    return { publicKey: k.publicKey, fingerprint: k.fingerprint };
  });

  app.get('/api/bundles/trusted-keys', {
    config: { permission: 'admin' },
    schema: { tags, summary: 'Keys whose bundles import as trusted', operationId: 'bundle_trusted_keys', response: { 200: z.array(trustedSchema) } },
  }, async () => (await listTrustedKeys(app.db)).map((k) => ({ ...k, addedAt: String(k.addedAt) })));

  app.post('/api/bundles/trusted-keys', {
    config: { permission: 'admin' },
    schema: { tags, summary: "Trust another instance's key", operationId: 'bundle_trust_key', body: z.object({ publicKey: z.string(), name: z.string() }), response: { 201: trustedSchema } },
  }, async (req, reply) => {
    const k = await trustKey(app.db, req.actor!, req.body.publicKey, req.body.name);
    return reply.status(201).send({ ...k, addedAt: String(k.addedAt) });
  });
}
