// Runs once when the server starts: refuse an exposed demo, offer the first-admin setup, then the
// sync schedule (and, in demo mode, the built-in sandbox).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareSignIn } = await import('@/lib/auth/startup');
  await prepareSignIn();
  const { startScheduler } = await import('@/lib/sync/scheduler');
  await startScheduler();
}
