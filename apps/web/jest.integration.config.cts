module.exports = require('../../jest.project')('web', 'integration');
