import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, isMissingRoute, setCsrfToken } from './client';
import { hasRoute } from './capabilities';
import type { Session, User } from './types';

/**
 * Who is signed in, from `GET /api/auth/me` (contract in docs/working-together.md). While the accounts
 * API is not deployed the route is missing: the app then says so and the server acts as the system account.
 */
interface SessionState {
  session: Session | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);

  const refresh = useCallback(async () => {
    if (!(await hasRoute('GET', '/api/auth/me'))) {
      setCsrfToken(null);
      setSession({ user: null, csrfToken: null, accountsEnabled: false });
      return;
    }
    try {
      const me = await api.get<{ user: User | null; csrfToken: string | null }>('/api/auth/me');
      setCsrfToken(me.csrfToken);
      setSession({ user: me.user, csrfToken: me.csrfToken, accountsEnabled: true });
    } catch (e) {
      setCsrfToken(null);
      setSession({ user: null, csrfToken: null, accountsEnabled: !isMissingRoute(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
    setCsrfToken(res.csrfToken);
    setSession({ user: res.user, csrfToken: res.csrfToken, accountsEnabled: true });
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setSession({ user: null, csrfToken: null, accountsEnabled: true });
  }, []);

  return <Ctx.Provider value={{ session, login, logout, refresh }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/**
 * Whether to offer entry forms: signed in with a role that writes (viewers only read), or accounts
 * not deployed yet (the server then acts as the system account). The server decides in the end.
 */
export function useCanWrite(): boolean {
  const { session } = useSession();
  if (!session) return false;
  if (!session.accountsEnabled) return true;
  return session.user !== null && session.user.role !== 'viewer';
}

/**
 * Whether to offer forms that create what field investigators may not (trace requests, organisations:
 * FIELD_CREATES in src/access/policy.ts): analysts, reviewers and admins. The server decides in the end.
 */
export function useCanEdit(): boolean {
  const { session } = useSession();
  if (!session) return false;
  if (!session.accountsEnabled) return true;
  return session.user !== null && ['analyst', 'reviewer', 'admin'].includes(session.user.role);
}

/** Whether to offer review controls (rulings, screening decisions): reviewers and admins. The server decides in the end. */
export function useCanReview(): boolean {
  const { session } = useSession();
  if (!session) return false;
  if (!session.accountsEnabled) return true;
  return session.user !== null && (session.user.role === 'reviewer' || session.user.role === 'admin');
}
