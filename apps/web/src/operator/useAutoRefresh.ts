import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` every `everyMs` while the page is visible, and at once when it becomes visible again (what it
 * shows may be minutes old by then). A hidden tab asks the gateway nothing.
 */
export function useAutoRefresh(refresh: () => void, everyMs: number, enabled: boolean): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);

  useEffect(() => {
    if (!enabled) return undefined;
    const ifVisible = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    const timer = window.setInterval(ifVisible, everyMs);
    document.addEventListener('visibilitychange', ifVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', ifVisible);
    };
  }, [everyMs, enabled]);
}
