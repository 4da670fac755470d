module.exports = require('../../jest.project')('garmin-sim', 'unit', { esmPackages: ['@garmin/fitsdk'] });
