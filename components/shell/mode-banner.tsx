// Demo data must never be mistaken for an account's real posture. The layout says which mode runs.
export function ModeBanner({ demo }: { demo: boolean }) {
  if (!demo) return null;
  return (
    <div role="status" className="no-print border-b border-amber-300 bg-amber-50 px-8 py-2 text-sm text-amber-900">
      <strong className="font-semibold">Demo mode.</strong> Everything shown comes from Warden&apos;s built-in sandbox, a
      generated demo organisation, not from AWS. Configure AWS credentials (or set WARDEN_MODE=aws) to read your
      accounts.
    </div>
  );
}
