import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import { useCanAdmin, useSession } from '../api/session';
import { PageHead } from '../components/Layout';
import { ImportBundle } from '../components/EvidenceTransfer';
import { FormError, SelectField, TextField } from '../components/Field';
import { useForm } from '../components/useForm';
import { fieldError, otherErrors } from '../components/RecordForm';
import { Empty, Loading } from '../components/State';
import { formatDateTime } from '../lib/format';

/**
 * Administration (admins): accounts — create, change role, disable, reset password — personal API
 * tokens — create with scope and expiry, revoke — and the sign-in history. Secrets (one-time
 * passwords, tokens) are shown once, as the API returns them, and never again.
 */

interface UserView { id: string; username: string; displayName: string; role: string; disabled: boolean; mustChangePassword?: boolean; hasPassword?: boolean; createdAt?: string }
interface TokenView { id: string; userId: string; name: string; prefix: string; scope: 'read' | 'read-write'; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }
interface SignIn { seq: number; at: string; action: 'login' | 'logout'; userId: string | null; username: string | null; displayName: string | null; via: string | null }

const ROLES = [
  { value: 'viewer', label: 'Viewer: reads' }, { value: 'field', label: 'Field investigator: records evidence' }, { value: 'analyst', label: 'Analyst: records and traces' },
  { value: 'reviewer', label: 'Reviewer: rules and publishes' }, { value: 'admin', label: 'Admin: everything, accounts' },
];

/** A secret the API returns once: shown with a copy button and a plain warning. */
function ShownOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="card" style={{ padding: 12, borderColor: 'var(--amber, #b7791f)', background: 'var(--surface-2)' }}>
      <strong>{title}</strong>
      <div className="small" style={{ margin: '4px 0 8px' }}>Shown once: copy it now and hand it over safely. It cannot be shown again.</div>
      <div className="row" style={{ flexWrap: 'nowrap' }}>
        <code aria-label={title} data-secret style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', padding: '6px 8px', background: 'var(--surface)', borderRadius: 6 }}>{secret}</code>
        <button type="button" className="small" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => undefined)}>{copied ? 'Copied' : 'Copy'}</button>
      </div>
      <button type="button" className="small ghost" style={{ marginTop: 6 }} onClick={onDone}>I have copied it</button>
    </div>
  );
}

function Accounts() {
  const users = useGet<{ data: UserView[] }>('/api/users');
  const f = useForm({ username: '', displayName: '', role: 'analyst' });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const r = await f.run(() => api.post<{ user: UserView; oneTimePassword: string | null }>('/api/users', { username: v.username.trim(), role: v.role, ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}) }));
    if (!r) return;
    if (r.oneTimePassword) setSecret({ title: `One-time password for ${r.user.username}`, value: r.oneTimePassword });
    f.setValues({ username: '', displayName: '', role: 'analyst' });
    users.reload();
  };
  const change = async (u: UserView, patch: Partial<Pick<UserView, 'role' | 'disabled'>>) => {
    setRowError(null);
    try {
      await api.patch(`/api/users/${u.id}`, patch);
      users.reload();
    } catch (e) {
      setRowError(`${u.username}: ${e instanceof ApiError ? e.message : String(e)}`);
    }
  };
  const reset = async (u: UserView) => {
    if (!window.confirm(`Give ${u.username} a new one-time password? Their current password and sessions stop working.`)) return;
    setRowError(null);
    try {
      const r = await api.post<{ oneTimePassword: string }>(`/api/users/${u.id}/reset-password`);
      setSecret({ title: `One-time password for ${u.username}`, value: r.oneTimePassword });
    } catch (e) {
      setRowError(`${u.username}: ${e instanceof ApiError ? e.message : String(e)}`);
    }
  };

  return (
    <section className="card" aria-label="Accounts">
      <div className="card-head"><div><h2>Accounts</h2><div className="hint">A role change or disabling ends the account's sessions</div></div></div>
      <div className="card-body stack">
        {secret && <ShownOnce title={secret.title} secret={secret.value} onDone={() => setSecret(null)} />}
        {rowError && <div className="form-error" role="alert">{rowError}</div>}
        {users.loading && !users.data && <Loading lines={3} label="Loading accounts" />}
        {users.data && (
          <div className="table-wrap">
            {/* Wide enough for its buttons: on a phone the table scrolls inside its card, not the page. */}
            <table style={{ minWidth: 600 }}>
              <thead><tr><th>Account</th><th>Role</th><th>State</th><th /></tr></thead>
              <tbody>
                {users.data.data.map((u) => (
                  <tr key={u.id}>
                    <td><strong>{u.username}</strong><div className="small muted">{u.displayName}</div></td>
                    <td>
                      <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.username}</label>
                      <select id={`role-${u.id}`} value={u.role} onChange={(e) => void change(u, { role: e.target.value })} style={{ width: 'auto' }}>
                        {ROLES.map((r) => <option key={r.value} value={r.value}>{r.value}</option>)}
                      </select>
                    </td>
                    <td className="small">{u.disabled ? 'disabled' : u.mustChangePassword ? 'active, must choose a password' : u.hasPassword === false ? 'no password yet' : 'active'}</td>
                    <td>
                      <div className="actions">
                        <button type="button" className="small" onClick={() => void change(u, { disabled: !u.disabled })}>{u.disabled ? 'Enable' : 'Disable'}</button>
                        <button type="button" className="small" onClick={() => void reset(u)}>Reset password</button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="stack" style={{ gap: 10 }} onSubmit={(e) => void create(e)} aria-label="Create an account" noValidate>
          <h3 style={{ margin: 0 }}>Create an account</h3>
          <div className="grid cols-2">
            <TextField label="Username" {...f.bind('username')} error={fieldError(f.error, 'username')} help="Lower-case letters, digits, dot, dash or underscore" autoComplete="off" />
            <TextField label="Display name" {...f.bind('displayName')} error={fieldError(f.error, 'displayName')} />
          </div>
          <SelectField label="Role" {...f.bind('role')} error={fieldError(f.error, 'role')} options={ROLES} />
          <FormError messages={otherErrors(f.error, ['username', 'displayName', 'role'])} />
          <div><button type="submit" className="primary" disabled={f.busy}>{f.busy ? 'Creating…' : 'Create account'}</button></div>
        </form>
      </div>
    </section>
  );
}

function Tokens() {
  const tokens = useGet<{ data: TokenView[] }>('/api/tokens', { all: 'true' });
  const users = useGet<{ data: UserView[] }>('/api/users');
  const f = useForm({ name: '', scope: 'read', expiresOn: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const owner = (id: string) => users.data?.data.find((u) => u.id === id)?.username ?? id;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const v = f.values;
    // The date picked is the last day the token works: it expires at the end of that day (UTC).
    const expiresAt = v.expiresOn ? (/^\d{4}-\d{2}-\d{2}$/.test(v.expiresOn) ? `${v.expiresOn}T23:59:59Z` : v.expiresOn) : null;
    const r = await f.run(() => api.post<{ token: TokenView; secret: string }>('/api/tokens', { name: v.name, scope: v.scope, expiresAt }));
    if (!r) return;
    setSecret(r.secret);
    f.setValues({ name: '', scope: 'read', expiresOn: '' });
    tokens.reload();
  };
  const revoke = async (t: TokenView) => {
    if (!window.confirm(`Revoke the token “${t.name}”? Programs using it stop working at once.`)) return;
    setRowError(null);
    try {
      await api.del(`/api/tokens/${t.id}`);
      tokens.reload();
    } catch (e) {
      setRowError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const state = (t: TokenView) => (t.revokedAt ? `revoked ${formatDateTime(t.revokedAt)}` : t.expiresAt && t.expiresAt < new Date().toISOString() ? 'expired' : 'active');

  return (
    <section className="card" aria-label="API tokens">
      <div className="card-head"><div><h2>API tokens</h2><div className="hint">Personal tokens for scripts and imports; a token acts as its owner</div></div></div>
      <div className="card-body stack">
        {secret && <ShownOnce title="New API token" secret={secret} onDone={() => setSecret(null)} />}
        {rowError && <div className="form-error" role="alert">{rowError}</div>}
        {tokens.data && tokens.data.data.length === 0 && <div className="small muted">No tokens yet.</div>}
        {tokens.data && tokens.data.data.length > 0 && (
          <div className="table-wrap">
            {/* Wide enough for its buttons: on a phone the table scrolls inside its card, not the page. */}
            <table style={{ minWidth: 600 }}>
              <thead><tr><th>Token</th><th>Owner</th><th>Scope</th><th>Expires</th><th>Last used</th><th>State</th><th /></tr></thead>
              <tbody>
                {tokens.data.data.map((t) => (
                  <tr key={t.id}>
                    <td><strong>{t.name}</strong><div className="small muted mono">{t.prefix}…</div></td>
                    <td>{owner(t.userId)}</td>
                    <td>{t.scope}</td>
                    <td className="small">{t.expiresAt ? formatDateTime(t.expiresAt) : 'never'}</td>
                    <td className="small">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : '—'}</td>
                    <td className="small">{state(t)}</td>
                    <td>{!t.revokedAt && <button type="button" className="small danger" onClick={() => void revoke(t)}>Revoke</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="stack" style={{ gap: 10 }} onSubmit={(e) => void create(e)} aria-label="Create an API token" noValidate>
          <h3 style={{ margin: 0 }}>Create a token for yourself</h3>
          <div className="grid cols-2">
            <TextField label="Token name" {...f.bind('name')} error={fieldError(f.error, 'name')} help="What it is for, e.g. nightly export" />
            <SelectField label="Scope" {...f.bind('scope')} error={fieldError(f.error, 'scope')} options={[{ value: 'read', label: 'Read only' }, { value: 'read-write', label: 'Read and write' }]} />
          </div>
          <TextField label="Expires after" type="date" {...f.bind('expiresOn')} error={fieldError(f.error, 'expiresAt')} help="Last day it works (UTC); empty: until revoked" />
          <FormError messages={otherErrors(f.error, ['name', 'scope', 'expiresAt'])} />
          <div><button type="submit" className="primary" disabled={f.busy}>{f.busy ? 'Creating…' : 'Create token'}</button></div>
        </form>
      </div>
    </section>
  );
}

function SignIns() {
  const [before, setBefore] = useState<number | undefined>(undefined);
  const page = useGet<{ data: SignIn[]; nextBeforeSeq: number | null }>('/api/sign-ins', { limit: 50, beforeSeq: before });
  return (
    <section className="card" aria-label="Sign-in history">
      <div className="card-head"><div><h2>Sign-in history</h2><div className="hint">Every sign-in and sign-out, newest first, from the audit log</div></div></div>
      <div className="card-body flush">
        {page.loading && !page.data && <Loading lines={3} label="Loading sign-ins" />}
        {page.data && page.data.data.length === 0 && <Empty title="No sign-ins recorded yet." />}
        {page.data && page.data.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead><tr><th>When</th><th>Account</th><th>Event</th></tr></thead>
              <tbody>
                {page.data.data.map((s) => (
                  <tr key={s.seq}>
                    <td className="small">{formatDateTime(s.at)}</td>
                    <td>{s.username ?? 'deleted account'}{s.displayName && <span className="small muted"> · {s.displayName}</span>}</td>
                    <td className="small">{s.action === 'login' ? `signed in${s.via ? ` (${s.via})` : ''}` : 'signed out'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="row" style={{ padding: '8px 16px' }}>
          {before !== undefined && <button type="button" className="small" onClick={() => setBefore(undefined)}>Newest</button>}
          {page.data?.nextBeforeSeq && <button type="button" className="small" onClick={() => setBefore(page.data!.nextBeforeSeq!)}>Older</button>}
        </div>
      </div>
    </section>
  );
}

export default function Admin() {
  const { session } = useSession();
  const canAdmin = useCanAdmin();
  if (!session) return <Loading />;
  if (!canAdmin) {
    return (
      <>
        <PageHead title="Administration" />
        <div className="card"><Empty title="Only administrators manage accounts and tokens.">Sign in as an admin to use this page.</Empty></div>
      </>
    );
  }
  return (
    <>
      <PageHead title="Administration" lede="Accounts, API tokens and who signed in when." />
      <div className="stack">
        <Accounts />
        <Tokens />
        <SignIns />
        <ImportBundle />
      </div>
    </>
  );
}
