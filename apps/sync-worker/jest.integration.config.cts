module.exports = require('../../jest.project')('sync-worker', 'integration');
