module.exports = require('../../jest.base')();
