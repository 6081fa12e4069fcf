import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import { useCanAdmin, useSession } from '../api/session';
import { PageHead } from '../components/Layout';
import { ImportBundle } from '../components/EvidenceTransfer';
import { FormError, SelectField, TextField } from '../components/Field';
import { useForm } from '../components/useForm';
import { fieldError, otherErrors } from '../components/RecordForm';
import { Empty, Loading } from '../components/State';
import { formatDateTime, humanise } from '../lib/format';

/**
 * Administration (admins): accounts — create, change role, disable, reset password — personal API
 * tokens — create with scope and expiry, revoke — and the sign-in history. Secrets (one-time
 * passwords, tokens) are shown once, as the API returns them, and never again.
 */

interface UserView { id: string; username: string; displayName: string; role: string; disabled: boolean; mustChangePassword?: boolean; hasPassword?: boolean; createdAt?: string }
interface TokenView { id: string; userId: string; name: string; prefix: string; scope: 'read' | 'read-write'; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }
interface SignIn { seq: number; at: string; action: 'login' | 'logout'; userId: string | null; username: string | null; displayName: string | null; via: string | null }

/** The roles, least first; each is described by admin.json `role.<code>`. */
const ROLES = ['viewer', 'field', 'analyst', 'reviewer', 'admin'] as const;

/** A secret the API returns once: shown with a copy button and a plain warning. */
function ShownOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="card" style={{ padding: 12, borderColor: 'var(--amber, #b7791f)', background: 'var(--surface-2)' }}>
      <strong>{title}</strong>
      <div className="small" style={{ margin: '4px 0 8px' }}>{t('once.warning')}</div>
      <div className="row" style={{ flexWrap: 'nowrap' }}>
        <code aria-label={title} data-secret style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', padding: '6px 8px', background: 'var(--surface)', borderRadius: 6 }}>{secret}</code>
        <button type="button" className="small" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => undefined)}>{copied ? t('once.copied') : t('once.copy')}</button>
      </div>
      <button type="button" className="small ghost" style={{ marginTop: 6 }} onClick={onDone}>{t('once.done')}</button>
    </div>
  );
}

function Accounts() {
  const { t } = useTranslation('admin');
  const users = useGet<{ data: UserView[] }>('/api/users');
  const f = useForm({ username: '', displayName: '', role: 'analyst' });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const r = await f.run(() => api.post<{ user: UserView; oneTimePassword: string | null }>('/api/users', { username: v.username.trim(), role: v.role, ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}) }));
    if (!r) return;
    if (r.oneTimePassword) setSecret({ title: t('accounts.otp', { username: r.user.username }), value: r.oneTimePassword });
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
    if (!window.confirm(t('accounts.confirmReset', { username: u.username }))) return;
    setRowError(null);
    try {
      const r = await api.post<{ oneTimePassword: string }>(`/api/users/${u.id}/reset-password`);
      setSecret({ title: t('accounts.otp', { username: u.username }), value: r.oneTimePassword });
    } catch (e) {
      setRowError(`${u.username}: ${e instanceof ApiError ? e.message : String(e)}`);
    }
  };

  return (
    <section className="card" aria-label={t('accounts.title')}>
      <div className="card-head"><div><h2>{t('accounts.title')}</h2><div className="hint">{t('accounts.hint')}</div></div></div>
      <div className="card-body stack">
        {secret && <ShownOnce title={secret.title} secret={secret.value} onDone={() => setSecret(null)} />}
        {rowError && <div className="form-error" role="alert">{rowError}</div>}
        {users.loading && !users.data && <Loading lines={3} label={t('accounts.loading')} />}
        {users.data && (
          <div className="table-wrap">
            {/* Wide enough for its buttons: on a phone the table scrolls inside its card, not the page. */}
            <table style={{ minWidth: 600 }}>
              <thead><tr><th>{t('accounts.account')}</th><th>{t('accounts.role')}</th><th>{t('accounts.state')}</th><th /></tr></thead>
              <tbody>
                {users.data.data.map((u) => (
                  <tr key={u.id}>
                    <td><strong>{u.username}</strong><div className="small muted">{u.displayName}</div></td>
                    <td>
                      <label className="sr-only" htmlFor={`role-${u.id}`}>{t('accounts.roleOf', { username: u.username })}</label>
                      <select id={`role-${u.id}`} value={u.role} onChange={(e) => void change(u, { role: e.target.value })} style={{ width: 'auto' }}>
                        {ROLES.map((r) => <option key={r} value={r}>{humanise(r)}</option>)}
                      </select>
                    </td>
                    <td className="small">{u.disabled ? t('accounts.disabled') : u.mustChangePassword ? t('accounts.mustChoose') : u.hasPassword === false ? t('accounts.noPassword') : t('accounts.active')}</td>
                    <td>
                      <div className="actions">
                        <button type="button" className="small" onClick={() => void change(u, { disabled: !u.disabled })}>{u.disabled ? t('accounts.enable') : t('accounts.disable')}</button>
                        <button type="button" className="small" onClick={() => void reset(u)}>{t('accounts.reset')}</button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="stack" style={{ gap: 10 }} onSubmit={(e) => void create(e)} aria-label={t('accounts.create')} noValidate>
          <h3 style={{ margin: 0 }}>{t('accounts.create')}</h3>
          <div className="grid cols-2">
            <TextField label={t('accounts.username')} {...f.bind('username')} error={fieldError(f.error, 'username')} help={t('accounts.usernameHelp')} autoComplete="off" />
            <TextField label={t('accounts.displayName')} {...f.bind('displayName')} error={fieldError(f.error, 'displayName')} />
          </div>
          <SelectField label={t('accounts.role')} {...f.bind('role')} error={fieldError(f.error, 'role')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <FormError messages={otherErrors(f.error, ['username', 'displayName', 'role'])} />
          <div><button type="submit" className="primary" disabled={f.busy}>{f.busy ? t('accounts.creating') : t('accounts.submit')}</button></div>
        </form>
      </div>
    </section>
  );
}

function Tokens() {
  const { t } = useTranslation('admin');
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
  const revoke = async (tok: TokenView) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: tok.name }))) return;
    setRowError(null);
    try {
      await api.del(`/api/tokens/${tok.id}`);
      tokens.reload();
    } catch (e) {
      setRowError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const state = (tok: TokenView) => (tok.revokedAt ? t('tokens.revokedAt', { when: formatDateTime(tok.revokedAt) }) : tok.expiresAt && tok.expiresAt < new Date().toISOString() ? t('tokens.expired') : t('tokens.active'));

  return (
    <section className="card" aria-label={t('tokens.title')}>
      <div className="card-head"><div><h2>{t('tokens.title')}</h2><div className="hint">{t('tokens.hint')}</div></div></div>
      <div className="card-body stack">
        {secret && <ShownOnce title={t('tokens.new')} secret={secret} onDone={() => setSecret(null)} />}
        {rowError && <div className="form-error" role="alert">{rowError}</div>}
        {tokens.data && tokens.data.data.length === 0 && <div className="small muted">{t('tokens.none')}</div>}
        {tokens.data && tokens.data.data.length > 0 && (
          <div className="table-wrap">
            {/* Wide enough for its buttons: on a phone the table scrolls inside its card, not the page. */}
            <table style={{ minWidth: 600 }}>
              <thead><tr><th>{t('tokens.token')}</th><th>{t('tokens.owner')}</th><th>{t('tokens.scope')}</th><th>{t('tokens.expires')}</th><th>{t('tokens.lastUsed')}</th><th>{t('tokens.state')}</th><th /></tr></thead>
              <tbody>
                {tokens.data.data.map((tok) => (
                  <tr key={tok.id}>
                    <td><strong>{tok.name}</strong><div className="small muted mono">{tok.prefix}…</div></td>
                    <td>{owner(tok.userId)}</td>
                    <td>{tok.scope === 'read' ? t('tokens.read') : t('tokens.readWrite')}</td>
                    <td className="small">{tok.expiresAt ? formatDateTime(tok.expiresAt) : t('tokens.never')}</td>
                    <td className="small">{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : '—'}</td>
                    <td className="small">{state(tok)}</td>
                    <td>{!tok.revokedAt && <button type="button" className="small danger" onClick={() => void revoke(tok)}>{t('tokens.revoke')}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form className="stack" style={{ gap: 10 }} onSubmit={(e) => void create(e)} aria-label={t('tokens.create')} noValidate>
          <h3 style={{ margin: 0 }}>{t('tokens.createHeading')}</h3>
          <div className="grid cols-2">
            <TextField label={t('tokens.name')} {...f.bind('name')} error={fieldError(f.error, 'name')} help={t('tokens.nameHelp')} />
            <SelectField label={t('tokens.scope')} {...f.bind('scope')} error={fieldError(f.error, 'scope')} options={[{ value: 'read', label: t('tokens.read') }, { value: 'read-write', label: t('tokens.readWrite') }]} />
          </div>
          <TextField label={t('tokens.expiresAfter')} type="date" {...f.bind('expiresOn')} error={fieldError(f.error, 'expiresAt')} help={t('tokens.expiresHelp')} />
          <FormError messages={otherErrors(f.error, ['name', 'scope', 'expiresAt'])} />
          <div><button type="submit" className="primary" disabled={f.busy}>{f.busy ? t('tokens.creating') : t('tokens.submit')}</button></div>
        </form>
      </div>
    </section>
  );
}

function SignIns() {
  const { t } = useTranslation('admin');
  const [before, setBefore] = useState<number | undefined>(undefined);
  const page = useGet<{ data: SignIn[]; nextBeforeSeq: number | null }>('/api/sign-ins', { limit: 50, beforeSeq: before });
  return (
    <section className="card" aria-label={t('signIns.title')}>
      <div className="card-head"><div><h2>{t('signIns.title')}</h2><div className="hint">{t('signIns.hint')}</div></div></div>
      <div className="card-body flush">
        {page.loading && !page.data && <Loading lines={3} label={t('signIns.loading')} />}
        {page.data && page.data.data.length === 0 && <Empty title={t('signIns.none')} />}
        {page.data && page.data.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t('signIns.when')}</th><th>{t('signIns.account')}</th><th>{t('signIns.event')}</th></tr></thead>
              <tbody>
                {page.data.data.map((s) => (
                  <tr key={s.seq}>
                    <td className="small">{formatDateTime(s.at)}</td>
                    <td>{s.username ?? t('signIns.deleted')}{s.displayName && <span className="small muted"> · {s.displayName}</span>}</td>
                    <td className="small">{s.action === 'login' ? (s.via ? t('signIns.signedInVia', { via: s.via }) : t('signIns.signedIn')) : t('signIns.signedOut')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="row" style={{ padding: '8px 16px' }}>
          {before !== undefined && <button type="button" className="small" onClick={() => setBefore(undefined)}>{t('signIns.newest')}</button>}
          {page.data?.nextBeforeSeq && <button type="button" className="small" onClick={() => setBefore(page.data!.nextBeforeSeq!)}>{t('signIns.older')}</button>}
        </div>
      </div>
    </section>
  );
}

export default function Admin() {
  const { t } = useTranslation('admin');
  const { session } = useSession();
  const canAdmin = useCanAdmin();
  if (!session) return <Loading />;
  if (!canAdmin) {
    return (
      <>
        <PageHead title={t('title')} />
        <div className="card"><Empty title={t('onlyAdmins')}>{t('signInAsAdmin')}</Empty></div>
      </>
    );
  }
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="stack">
        <Accounts />
        <Tokens />
        <SignIns />
        <ImportBundle />
      </div>
    </>
  );
}
