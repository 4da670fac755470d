module.exports = require('../../jest.project')('cli', 'integration');
