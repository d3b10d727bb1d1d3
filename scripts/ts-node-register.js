// Lets `node --import ./scripts/ts-node-register.js scripts/cli.ts` run the TypeScript sources directly.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('ts-node/esm', pathToFileURL('./'));
