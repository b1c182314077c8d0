// Import before '@/lib/testing/test-store' in a test file that needs SQLite whatever the pass (the
// source of `npm run db:copy` is a SQLite file): the PostgreSQL pass of `npm test` leaves it out.
process.env.WARDEN_TEST_DATABASE = 'sqlite';
