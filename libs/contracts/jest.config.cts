module.exports = require('../../jest.project')('contracts', 'unit');
