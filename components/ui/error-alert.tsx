import type { ReactNode } from 'react';

/** A failed load: what could not be loaded and the server's own message. */
export function ErrorAlert({ what, message, children }: { what: string; message: string; children?: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p>
        <span className="font-medium">{what} could not be loaded:</span> <span className="break-words">{message}</span>
      </p>
      {children}
    </div>
  );
}
