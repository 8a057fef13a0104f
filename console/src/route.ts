/** The page in the address: `#/tickets/T-000012` → {page: 'tickets', id: 'T-000012'}. */
import { useEffect, useState } from 'preact/hooks';
import { safeDecode } from './safe-decode';

export interface Route {
  page: string;
  id?: string;
}

function current(): Route {
  const [page = '', id] = location.hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  return id ? { page, id } : { page };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const changed = () => setRoute(current());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const href = (page: string, id?: string) => `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}`;

export function go(page: string, id?: string): void {
  location.hash = href(page, id);
}
