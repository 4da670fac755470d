module.exports = require('../../jest.project')('testing', 'unit');
