module.exports = require('../../jest.project')('persistence', 'unit');
