/** Reading from the API inside a component: the data, the error, and a way to read again. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Reads on mount and whenever `deps` change; `every` (ms) reads again while `keepPolling(data)` holds. */
export function useLoad<T>(read: () => Promise<T>, deps: unknown[], poll?: { every: number; while: (data: T) => boolean }): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      read().then(
        (data) => {
          if (!live) return;
          setState({ data, loading: false });
          const p = pollRef.current;
          if (p?.while(data)) timer = setTimeout(run, p.every);
        },
        (error: unknown) => live && setState((s) => ({ ...s, error, loading: false })),
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
