const nodeAppConfig = require('../../tools/webpack/node-app.config');

module.exports = nodeAppConfig(__dirname, 'dist/apps/auth-gateway', [nodeAppConfig.bundleEsmOnly(['@garmin/fitsdk'])]);
