// Test set-up: import right after lib/testing/test-store, before anything reads the configuration,
// to run the app with WARDEN_EXCLUDE_OUS set — the environment pinning an organization setting.
export const pinnedExcludedOu = 'ou-ab12-cd34ef56';
process.env.WARDEN_EXCLUDE_OUS = pinnedExcludedOu;
