/** The outcome of the last change, for a polite status region that is always in the page. */
export function StatusNotice({ message }: { message: string }) {
  return (
    <p role="status" className={message ? 'notice' : 'visually-hidden'}>
      {message}
    </p>
  );
}

/** A secret the server returns once (API token, sender token), with what to do with it. */
export function SecretNotice({ intro, secret }: { intro: string; secret: string | undefined }) {
  if (!secret) return null;
  return (
    <div className="notice">
      <p>{intro}</p>
      <p className="secret mono">{secret}</p>
    </div>
  );
}
