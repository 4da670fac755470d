module.exports = require('../../jest.project')('auth-gateway', 'integration', { esmPackages: ['@garmin/fitsdk'] });
