import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { setCsrfToken } from './client';
import { typed, unwrap, type Answer } from './typed';
import type { Session, User } from './types';

/**
 * Who is signed in and what they may do, from `GET /api/auth/me` (contract in
 * docs/working-together.md). The permissions are the server's (src/access/policy.ts): the app offers
 * a control only when the server would allow it, and never guesses when it cannot ask — until the
 * answer arrives, and if it fails, nothing beyond reading is offered.
 */
interface SessionState {
  session: Session | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

const SIGNED_OUT: Session = { user: null, csrfToken: null, permissions: ['public'] };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);

  const refresh = useCallback(async () => {
    try {
      const me: Answer<'me'> = unwrap(await typed.GET('/api/auth/me'));
      setCsrfToken(me.csrfToken);
      setSession({ user: me.user, csrfToken: me.csrfToken, permissions: me.permissions });
    } catch {
      setCsrfToken(null);
      setSession(SIGNED_OUT);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const res = unwrap(await typed.POST('/api/auth/login', { body: { username, password } }));
    setCsrfToken(res.csrfToken);
    // The permissions come with the session: ask once more rather than work them out from the role.
    await refresh();
    return res.user;
  }, [refresh]);

  const logout = useCallback(async () => {
    await typed.POST('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setSession(SIGNED_OUT);
  }, []);

  return <Ctx.Provider value={{ session, login, logout, refresh }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

function usePermission(p: Session['permissions'][number]): boolean {
  const { session } = useSession();
  return !!session?.permissions.includes(p);
}

/** Whether to offer entry forms: the server grants "write" (field investigators and above). */
export function useCanWrite(): boolean {
  return usePermission('write');
}

/** Whether to offer forms for shared records (trace requests, organisations): the server grants "edit" (analysts and above). */
export function useCanEdit(): boolean {
  return usePermission('edit');
}

/** Whether to offer review controls (rulings, screening decisions): the server grants "review". */
export function useCanReview(): boolean {
  return usePermission('review');
}

/** Whether to offer administration (accounts, tokens, sign-in history): the server grants "admin". */
export function useCanAdmin(): boolean {
  return usePermission('admin');
}
