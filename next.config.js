// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Several builds of one checkout (parallel work, tests) can each have their own output folder.
  distDir: process.env.WARDEN_DIST_DIR || '.next',
  poweredByHeader: false,
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', 'pg-boss', '@prisma/client'],
  typedRoutes: false,
  // Several instances behind one load balancer must serve the same build ID, or each client-side
  // navigation that reaches another instance reloads the whole page: `npm start` and `npm run
  // build` name the build after a hash of its sources (scripts/lib/setup.mjs), the same on every
  // instance of one version. Without it, Next.js picks a random ID per build.
  generateBuildId: async () => process.env.WARDEN_BUILD_ID || null,
};

module.exports = nextConfig;
