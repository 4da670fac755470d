import { useEffect, useState } from 'react';

/**
 * Pages are addressed by the URL's hash (`/#/sync`), so the gateway serves one page and no route of the API can
 * ever be shadowed by a page's path; links and reloads keep their place.
 */
export function useHashRoute(fallback: string): string {
  const read = () => (window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : fallback);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  });
  return route;
}
