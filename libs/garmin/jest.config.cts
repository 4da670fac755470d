module.exports = require('../../jest.project')('garmin', 'unit');
