module.exports = require('../../jest.project')('persistence', 'integration');
