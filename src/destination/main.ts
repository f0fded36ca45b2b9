/** Entry point of `bin/destination-kroll`. */
import { main } from '../protocol/cli.js';
import { destinationProgram } from './program.js';

main(destinationProgram);
