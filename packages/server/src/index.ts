export { buildProgram } from './cli/program.js';
