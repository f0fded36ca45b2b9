/** Entry point of `bin/source-kroll`. */
import { main } from '../protocol/cli.js';
import { sourceProgram } from './program.js';

main(sourceProgram);
