'use client';

import { useCallback, useState } from 'react';

/**
 * A request started from a form or a button: whether it is running, and the server's own message
 * when it was refused. `run` resolves true when the request succeeded.
 */
export function useAction(fallback = 'The request failed.') {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (request: () => Promise<unknown>): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        await request();
        return true;
      } catch (e) {
        setError(e instanceof Error ? e.message : fallback);
        return false;
      } finally {
        setPending(false);
      }
    },
    [fallback],
  );
  return { pending, error, setError, run };
}

/** The one error line under a form or in a dialog. */
export function ActionError({ message, className = 'text-sm' }: { message: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`${className} text-red-700`}>
      {message}
    </p>
  );
}
