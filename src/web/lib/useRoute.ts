import { useEffect, useState } from 'react';
import { hasRoute } from '../api/capabilities';

/** Whether the server documents `METHOD path`; `undefined` while asking. */
export function useRoute(method: string, path: string): boolean | undefined {
  const [has, setHas] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void hasRoute(method, path).then((h) => live && setHas(h));
    return () => {
      live = false;
    };
  }, [method, path]);
  return has;
}
