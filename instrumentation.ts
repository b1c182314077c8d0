// Runs once when the server starts: the sync schedule (and, in demo mode, the built-in sandbox).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startScheduler } = await import('@/lib/sync/scheduler');
  await startScheduler();
}
