module.exports = require('../../jest.project')('cli', 'unit');
