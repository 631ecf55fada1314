import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A titled region of a screen. `focusTitle` moves focus to the title when the card appears (an
 * editor opened from a table row), so keyboard and screen-reader users land on what they opened.
 */
export function Card({
  title,
  children,
  className,
  actions,
  focusTitle,
}: {
  title: string;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
  focusTitle?: boolean;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle]);
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={id}>
      <div className="card-header">
        <h2 id={id} ref={heading} tabIndex={focusTitle ? -1 : undefined}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
