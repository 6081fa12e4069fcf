import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Icon, Logo, type IconName } from './Icon';
import { useCanAdmin, useSession } from '../api/session';

const NAV: { section: string; links: { href: string; label: string; icon: IconName }[] }[] = [
  {
    section: 'Case',
    links: [
      { href: '/', label: 'Dashboard', icon: 'dashboard' },
      { href: '/map', label: 'Map', icon: 'map' },
      { href: '/items', label: 'Items', icon: 'item' },
    ],
  },
  {
    section: 'Evidence',
    links: [
      { href: '/claims', label: 'Claims ledger', icon: 'claims' },
      { href: '/sources', label: 'Sources', icon: 'source' },
      { href: '/ingest', label: 'Read a report', icon: 'source' },
      { href: '/organisations', label: 'Organisations', icon: 'org' },
      { href: '/tracing', label: 'Tracing', icon: 'link' },
      { href: '/screening', label: 'Screening', icon: 'warn' },
      { href: '/import', label: 'Import', icon: 'upload' },
      { href: '/search', label: 'Search', icon: 'search' },
      { href: '/new', label: 'Record or correct', icon: 'plus' },
    ],
  },
];

/** Shown to admins only (the API refuses everyone else): accounts, tokens, sign-in history. */
const ADMIN_LINK = { href: '/admin', label: 'Administration', icon: 'org' as IconName };

function isCurrent(location: string, href: string): boolean {
  return href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`);
}

function Account() {
  const { session, logout } = useSession();
  const [location, navigate] = useLocation();
  if (!session) return null;
  if (!session.user) {
    return (
      <div>
        <div className="small">Viewing public records</div>
        <Link href={`/login?next=${encodeURIComponent(location)}`} className="button small" style={{ marginTop: 6, color: '#fff', borderColor: 'rgba(255,255,255,.2)', background: 'transparent' }}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div>
      <div className="who">{session.user.displayName || session.user.username}</div>
      <div className="small">{session.user.role}</div>
      <button type="button" className="small" onClick={() => void logout().then(() => navigate('/'))}>
        Sign out
      </button>
    </div>
  );
}

function GlobalSearch() {
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
      <label htmlFor="global-search" className="sr-only">Search everything</label>
      <div className="search-input">
        <Icon name="search" />
        <input id="global-search" type="search" placeholder="Search markings, makers, items, claims…  ( / )" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
    </form>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const canAdmin = useCanAdmin();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location]);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">Skip to content</a>
      <nav className={`nav ${open ? 'open' : ''}`} aria-label="Main">
        <Link href="/" className="brand" style={{ textDecoration: 'none' }}>
          <Logo />
          <span>
            Remnant
            <small>Weapons component tracing</small>
          </span>
        </Link>
        {[...NAV, ...(canAdmin ? [{ section: 'Admin', links: [ADMIN_LINK] }] : [])].map((group) => (
          <div key={group.section}>
            <div className="nav-section">{group.section}</div>
            <ul>
              {group.links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} aria-current={isCurrent(location, l.href) ? 'page' : undefined}>
                    <Icon name={l.icon} /> {l.label}
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
          <button type="button" className="ghost menu-button" aria-label="Open menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            <Icon name="menu" size={20} />
          </button>
          <GlobalSearch />
          <a className="small muted" href="/api/docs" style={{ marginLeft: 'auto' }}>API</a>
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
  useEffect(() => {
    document.title = `${title} · Remnant`;
  }, [title]);
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
