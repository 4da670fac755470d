module.exports = require('../../jest.project')('garmin', 'integration');
