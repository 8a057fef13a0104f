/** Reading from the API inside a component: the data, the error, and a way to read again. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** The longest wait between reads while the API keeps failing. */
const MAX_RETRY_MS = 60_000;

/**
 * Reads on mount and whenever `deps` change; `every` (ms) reads again while `keepPolling(data)` holds.
 * A failed read keeps the last data beside the error and is tried again, waiting twice as long after
 * each failure in a row (up to a minute), so one 503 does not stop the page refreshing for good.
 */
export function useLoad<T>(read: () => Promise<T>, deps: unknown[], poll?: { every: number; while: (data: T) => boolean }): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: { data: T } | undefined;
    let retryMs = 0;
    const run = () => {
      read().then(
        (data) => {
          if (!live) return;
          last = { data };
          retryMs = 0;
          setState({ data, loading: false });
          const p = pollRef.current;
          if (p?.while(data)) timer = setTimeout(run, p.every);
        },
        (error: unknown) => {
          if (!live) return;
          setState((s) => ({ ...s, error, loading: false }));
          const p = pollRef.current;
          if (!p || (last && !p.while(last.data))) return;
          retryMs = Math.min((retryMs || p.every) * 2, MAX_RETRY_MS);
          timer = setTimeout(run, retryMs);
        },
      );
    };
    setState((s) => ({ ...s, loading: true }));
    run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The caller names what the read depends on.
  }, [...deps, round]);
  return { ...state, reload };
}

/** Calls `work` after `ms` of no change in `deps` (the live recipient count while the officer picks). */
export function useDebounced<T>(work: () => Promise<T>, deps: unknown[], ms = 300): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      work().then(
        (data) => live && setState({ data, loading: false }),
        (error: unknown) => live && setState({ error, loading: false }),
      );
    }, ms);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, deps);
  return { ...state, reload: () => undefined };
}
