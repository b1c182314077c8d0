export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading sync runs…</span>
      <div className="h-7 w-32 rounded bg-slate-200" />
      <div className="h-4 w-96 rounded bg-slate-200" />
      <div className="h-16 rounded-lg bg-slate-200" />
      <div className="h-16 rounded-lg bg-slate-200" />
      <div className="h-16 rounded-lg bg-slate-200" />
    </div>
  );
}
