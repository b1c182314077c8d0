// Import before '@/lib/testing/test-store' in a test file that needs PostgreSQL whatever the pass
// (the sync queue exists only there): the file then always runs on a throwaway PostgreSQL of its own, and the PostgreSQL pass of
// `npm test` leaves it out (it would only run it again).
process.env.WARDEN_TEST_DATABASE = 'postgresql';
// The sync queue's job timeout, short: a retried job (a locked account) comes back within seconds.
process.env.WARDEN_SYNC_JOB_TIMEOUT_SECONDS ??= '20';
