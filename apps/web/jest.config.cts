module.exports = require('../../jest.project')('web', 'unit', { environment: 'jsdom' });
