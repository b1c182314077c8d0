// Runs once when the server starts: refuse an exposed demo, offer the first-admin setup, then the
// sync schedule (and, in demo mode, the built-in sandbox).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The demo sandbox's plan is registered before anything can ask for a sync (the sync itself never
  // imports the sandbox); it starts on first use, and only in demo mode.
  const { registerDemoRuntime } = await import('@/lib/demo/runtime');
  registerDemoRuntime();
  const { prepareSignIn } = await import('@/lib/auth/startup');
  await prepareSignIn();
  const { startScheduler } = await import('@/lib/sync/scheduler');
  await startScheduler();
}
