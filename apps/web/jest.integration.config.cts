module.exports = require('../../jest.project')('web', 'integration', { esmPackages: ['@garmin/fitsdk'] });
