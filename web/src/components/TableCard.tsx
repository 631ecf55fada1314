import type { ReactNode } from 'react';
import type { ApiState } from '../hooks/useApi.ts';
import { Card } from './Card.tsx';
import { DataTable, type Column } from './DataTable.tsx';
import { Loaded } from './Loaded.tsx';

/**
 * A card that loads a list and shows it as a table titled like the card: the error, a spinner,
 * `emptyText` when there are no rows, else the table. `children` follow the table (notes).
 */
export function TableCard<D, R>({
  title,
  state,
  rows,
  rowKey,
  columns,
  emptyText,
  compact,
  className,
  actions,
  children,
}: {
  title: string;
  state: Pick<ApiState<D>, 'data' | 'error'>;
  rows: (data: D) => readonly R[];
  rowKey: (row: R, index: number) => string;
  columns: readonly (Column<R> | false)[];
  emptyText?: string;
  compact?: boolean;
  className?: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card title={title} className={className} actions={actions}>
      <Loaded state={state} isEmpty={emptyText === undefined ? undefined : (d) => rows(d).length === 0} emptyText={emptyText}>
        {(d) => <DataTable caption={title} compact={compact} rows={rows(d)} rowKey={rowKey} columns={columns} />}
      </Loaded>
      {children}
    </Card>
  );
}
