import type { ReactNode } from 'react';
import { TableWrap } from './TableWrap.tsx';

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The cell that names its row, read out with every other cell (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

/**
 * A table of rows by column definitions, in a keyboard-scrollable wrap. `false` columns are left
 * out (e.g. the tenant column when one tenant is chosen); `children` are extra body rows (totals).
 */
export function DataTable<T>({
  caption,
  showCaption = false,
  compact = false,
  rows,
  rowKey,
  columns,
  children,
}: {
  caption: string;
  showCaption?: boolean;
  compact?: boolean;
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  columns: readonly (Column<T> | false)[];
  children?: ReactNode;
}) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  const classOf = (c: Column<T>) => [c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined;
  return (
    <TableWrap>
      <table className={compact ? 'data-table compact' : 'data-table'}>
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {shown.map((c) =>
                c.rowHeader ? (
                  <th key={c.id} scope="row" className={classOf(c)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.id} className={classOf(c)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
          {children}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A column header only screen readers need (the buttons in the column say what they do). */
export function HiddenHeader({ children }: { children: string }) {
  return <span className="visually-hidden">{children}</span>;
}
