module.exports = require('../../jest.project')('garmin-sim', 'integration', { esmPackages: ['@garmin/fitsdk'] });
