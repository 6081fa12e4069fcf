import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError } from '../api/client';
import { useSession } from '../api/session';
import { TextField, FormError } from '../components/Field';
import { Logo } from '../components/Icon';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

export default function Login() {
  const { login, session } = useSession();
  const { t } = useTranslation('login');
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next') || '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = t('common:title', { title: t('title') });
  }, [t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await login(username, password);
      // With a one-time password the page re-renders as the change-password form instead.
      if (!user.mustChangePassword) navigate(safeNext(next));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (session?.user?.mustChangePassword) return <ChangePassword next={next} />;

  const general = error ? [...error.unclaimed(['username', 'password']).map((x) => `${x.field}: ${x.message}`), ...(error.errors.length ? [] : [error.status === 401 ? t('wrong') : error.message])] : [];

  return (
    <div className="login">
      <main className="card">
        <div className="row"><Logo size={36} /><span className="spacer" /><LanguageSwitch /></div>
        <h1>{t('heading')}</h1>
        <p className="muted" style={{ marginBottom: 18 }}>{t('intro')}</p>
        <form onSubmit={submit} className="stack" noValidate>
          <TextField label={t('username')} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} error={error?.forField('username')} autoFocus />
          <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={error?.forField('password')} />
          <FormError messages={general} />
          <button type="submit" className="primary" disabled={busy || !username || !password}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
          <Link href="/" className="small">{t('continue')}</Link>
        </form>
      </main>
    </div>
  );
}

/** Only same-site paths: `next` comes from the address bar and must not send anyone elsewhere. */
function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function ChangePassword({ next }: { next: string }) {
  const { refresh } = useSession();
  const { t } = useTranslation('login');
  const [, navigate] = useLocation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      await refresh();
      navigate(safeNext(next));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    }
  };
  return (
    <div className="login">
      <main className="card">
        <Logo size={36} />
        <h1>{t('newTitle')}</h1>
        <p className="muted" style={{ marginBottom: 18 }}>{t('newIntro')}</p>
        <form onSubmit={submit} className="stack" noValidate>
          <TextField label={t('oneTime')} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={error?.forField('currentPassword')} />
          <TextField label={t('newPassword')} type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} error={error?.forField('newPassword')} />
          <FormError messages={error ? (error.errors.length ? error.unclaimed(['currentPassword', 'newPassword']).map((x) => x.message) : [error.message]) : []} />
          <button type="submit" className="primary" disabled={!currentPassword || !newPassword}>{t('save')}</button>
        </form>
      </main>
    </div>
  );
}
