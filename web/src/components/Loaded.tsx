import type { ReactNode } from 'react';
import type { ApiState } from '../hooks/useApi.ts';
import { Empty, ErrorMessage, Loading } from './Status.tsx';

/** What a screen shows for loaded data: its error, a spinner, an empty state, or the data. */
export function Loaded<T>({
  state,
  isEmpty,
  emptyText,
  children,
}: {
  state: Pick<ApiState<T>, 'data' | 'error'>;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorMessage error={state.error} />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return <Empty>{emptyText}</Empty>;
  return <>{children(state.data)}</>;
}
