import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { STREAM_URL } from '../api/endpoints.ts';

/** The server-sent event types of /api/v1/stream. */
export type StreamType = 'stats' | 'alert' | 'sensor';
export type StreamStatus = 'connecting' | 'live' | 'reconnecting';
type Listener = (data: unknown) => void;

interface StreamValue {
  status: StreamStatus;
  subscribe(type: StreamType, listener: Listener): () => void;
}

const StreamContext = createContext<StreamValue | null>(null);
const TYPES: StreamType[] = ['stats', 'alert', 'sensor'];

/** One EventSource for the whole console; screens subscribe to the types they show. */
export function StreamProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Map<StreamType, Set<Listener>>());
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    const source = new EventSource(STREAM_URL, { withCredentials: true });
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus('reconnecting');
    for (const type of TYPES) {
      source.addEventListener(type, (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.current.get(type) ?? []) listener(data);
      });
    }
    return () => source.close();
  }, []);

  const subscribe = useCallback((type: StreamType, listener: Listener) => {
    const set = listeners.current.get(type) ?? new Set<Listener>();
    listeners.current.set(type, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);

  return <StreamContext.Provider value={value}>{children}</StreamContext.Provider>;
}

function useStreamContext(): StreamValue {
  const value = useContext(StreamContext);
  if (value === null) throw new Error('stream hooks outside StreamProvider');
  return value;
}

export function useStreamStatus(): StreamStatus {
  return useStreamContext().status;
}

/** Call `listener` for every server-sent event of `type` while the component is mounted. */
export function useStream(type: StreamType, listener: Listener): void {
  const { subscribe } = useStreamContext();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe(type, (data) => latest.current(data)), [subscribe, type]);
}
