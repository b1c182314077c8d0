// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Several builds of one checkout (parallel work, tests) can each have their own output folder.
  distDir: process.env.WARDEN_DIST_DIR || '.next',
  poweredByHeader: false,
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/client'],
  typedRoutes: false,
};

module.exports = nextConfig;
