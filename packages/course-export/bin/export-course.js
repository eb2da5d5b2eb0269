#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); no build step.
import { main } from '../src/cli.ts';

// npm sets INIT_CWD to the folder the command was typed in (npm run -w runs it from the package folder).
const cwd = process.env.INIT_CWD ?? process.cwd();
process.exitCode = await main(process.argv.slice(2), { cwd });
