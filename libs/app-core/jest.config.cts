module.exports = require('../../jest.project')('app-core', 'unit');
