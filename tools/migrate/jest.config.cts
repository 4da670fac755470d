module.exports = require('../../jest.project')('migrate', 'unit');
