import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Icon, Logo, type IconName } from './Icon';
import { humanise } from '../lib/format';
import { useCanAdmin, useSession } from '../api/session';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

// Labels are keys of common.json's `nav`.
const NAV: { section: string; links: { href: string; label: string; icon: IconName }[] }[] = [
  {
    section: 'case',
    links: [
      { href: '/', label: 'dashboard', icon: 'dashboard' },
      { href: '/map', label: 'map', icon: 'map' },
      { href: '/items', label: 'items', icon: 'item' },
      { href: '/capture', label: 'capture', icon: 'upload' },
    ],
  },
  {
    section: 'evidence',
    links: [
      { href: '/claims', label: 'claims', icon: 'claims' },
      { href: '/sources', label: 'sources', icon: 'source' },
      { href: '/ingest', label: 'ingest', icon: 'source' },
      { href: '/organisations', label: 'organisations', icon: 'org' },
      { href: '/tracing', label: 'tracing', icon: 'link' },
      { href: '/screening', label: 'screening', icon: 'warn' },
      { href: '/import', label: 'import', icon: 'upload' },
      { href: '/search', label: 'search', icon: 'search' },
      { href: '/new', label: 'new', icon: 'plus' },
    ],
  },
];

/** Shown to admins only (the API refuses everyone else): accounts, tokens, sign-in history. */
const ADMIN_LINK = { href: '/admin', label: 'administration', icon: 'org' as IconName };

function isCurrent(location: string, href: string): boolean {
  return href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`);
}

function Account() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const [location, navigate] = useLocation();
  if (!session) return null;
  if (!session.user) {
    return (
      <div>
        <div className="small">{t('account.public')}</div>
        <Link href={`/login?next=${encodeURIComponent(location)}`} className="button small" style={{ marginTop: 6, color: '#fff', borderColor: 'rgba(255,255,255,.2)', background: 'transparent' }}>
          {t('account.signIn')}
        </Link>
      </div>
    );
  }
  return (
    <div>
      <div className="who">{session.user.displayName || session.user.username}</div>
      <div className="small">{humanise(session.user.role)}</div>
      <button type="button" className="small" onClick={() => void logout().then(() => navigate('/'))}>
        {t('account.signOut')}
      </button>
    </div>
  );
}

function GlobalSearch() {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const [q, setQ] = useState('');
  // Focus the search box with "/" from anywhere, as in most investigative tools and code hosts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) && !t.isContentEditable) {
        e.preventDefault();
        document.getElementById('global-search')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  if (location === '/search') return <div style={{ flex: 1 }} />;
  return (
    <form role="search" onSubmit={submit}>
      <label htmlFor="global-search" className="sr-only">{t('search.label')}</label>
      <div className="search-input">
        <Icon name="search" />
        <input id="global-search" type="search" placeholder={t('search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
    </form>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const canAdmin = useCanAdmin();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location]);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">{t('nav.skip')}</a>
      <nav className={`nav ${open ? 'open' : ''}`} aria-label={t('nav.main')}>
        <Link href="/" className="brand" style={{ textDecoration: 'none' }}>
          <Logo />
          <span>
            Remnant
            <small>{t('brand.tagline')}</small>
          </span>
        </Link>
        {[...NAV, ...(canAdmin ? [{ section: 'admin', links: [ADMIN_LINK] }] : [])].map((group) => (
          <div key={group.section}>
            <div className="nav-section">{t(`nav.${group.section}`)}</div>
            <ul>
              {group.links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} aria-current={isCurrent(location, l.href) ? 'page' : undefined}>
                    <Icon name={l.icon} /> {t(`nav.${l.label}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="nav-foot">
          <Account />
        </div>
      </nav>
      <div className="main">
        <header className="topbar">
          <button type="button" className="ghost menu-button" aria-label={t('nav.openMenu')} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            <Icon name="menu" size={20} />
          </button>
          <GlobalSearch />
          <a className="small muted" href="/api/docs" style={{ marginLeft: 'auto' }}>{t('nav.api')}</a>
          <LanguageSwitch />
        </header>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

/** The heading block every page starts with; sets the document title too. */
export function PageHead({ title, eyebrow, lede, actions }: { title: string; eyebrow?: ReactNode; lede?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('title', { title });
  }, [title, t]);
  return (
    <div className="page-head">
      <div>
        {eyebrow && <div className="eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
        {lede && <p className="lede">{lede}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
