// Jest cannot require() the ESM-only content-disposition 3 that @fastify/static uses. This
// presents the CommonJS 0.5 line (same header logic) under the 3.x export names.
const contentDisposition = require('content-disposition-cjs');

module.exports = { create: contentDisposition, parse: contentDisposition.parse };
