module.exports = require('../../jest.project')('messaging', 'unit');
