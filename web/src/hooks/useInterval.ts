import { useEffect, useRef } from 'react';

/** Call `fn` every `ms` milliseconds while mounted. */
export function useInterval(fn: () => void, ms: number): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    const id = window.setInterval(() => latest.current(), ms);
    return () => window.clearInterval(id);
  }, [ms]);
}
