module.exports = require('../../jest.project')('auth-gateway', 'unit', { esmPackages: ['@garmin/fitsdk'] });
