// Test set-up for sign-in: import right after lib/testing/test-store, before anything reads the
// configuration, to run the app with sign-in enforced (WARDEN_AUTH=required) on the demo data.
process.env.WARDEN_AUTH = 'required';

export {};
