import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { permissionsOf } from '../../src/access/index.js';

/**
 * `GET /api/auth/me` says which route permissions the caller holds, from the one policy table, so the
 * web app offers edit, review and admin controls as the server decides (issue 18: no capability probe,
 * no role table of its own in the browser).
 */
describe('permissions in /api/auth/me', () => {
  it('follows the policy for each role, read-only tokens and one-time passwords', () => {
    expect(permissionsOf('public')).toEqual(['public']);
    expect(permissionsOf('viewer')).toEqual(['public', 'read']);
    expect(permissionsOf('field')).toEqual(['public', 'read', 'write']);
    expect(permissionsOf('analyst')).toEqual(['public', 'read', 'write', 'edit']);
    expect(permissionsOf('reviewer')).toEqual(['public', 'read', 'write', 'edit', 'review']);
    expect(permissionsOf('admin')).toEqual(['public', 'read', 'write', 'edit', 'review', 'admin']);
    expect(permissionsOf('admin', 'read')).toEqual(['public', 'read']);
    expect(permissionsOf('analyst', undefined, true)).toEqual(['public', 'read']);
  });
  it('is answered for the signed-in caller and the public', async () => {
    const { app } = await testApp({ as: 'reviewer' });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).json().permissions).toEqual(['public', 'read', 'write', 'edit', 'review']);
    const { app: pub } = await testApp({ as: 'public' });
    expect((await pub.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({ user: null, csrfToken: null, permissions: ['public'] });
  });
});
