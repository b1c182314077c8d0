'use client';

// Shown when a screen fails to render: says what failed instead of a blank page.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This screen could not be loaded</h1>
      <p className="mt-2 text-sm text-red-800">{error.message || 'An unexpected error occurred.'}</p>
      {error.digest ? <p className="mt-1 font-mono text-xs text-red-700">Reference: {error.digest}</p> : null}
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
      >
        Try again
      </button>
    </div>
  );
}
