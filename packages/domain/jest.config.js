module.exports = require('../../jest.base')({ roots: ['<rootDir>/src', '<rootDir>/test'] });
