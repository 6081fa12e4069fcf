import { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerMigrate } from './migrate.js';
import { registerTrace } from './trace.js';
import { registerFindings } from './findings.js';
import { registerSynth } from './synth.js';
import { registerUsers } from './users.js';
import { registerAudit } from './audit.js';
import { registerLists } from './lists.js';
import { registerScreen } from './screen.js';
import { registerIdentify } from './identify.js';
import { registerTransfer } from './transfer.js';
import { registerClaims } from './claims.js';
import { registerBundle } from './bundle.js';
import { registerPackage } from './package.js';
import { reportError } from './context.js';
import { documentExitStatus, endQuietlyOnClosedPipe, exitWithStatus } from './exit.js';

/** The `remnant` command. Each command group registers itself from its own file. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('remnant')
    .description('Remnant: trace weapons used in armed conflict to the components, companies, countries and supply chains behind them')
    .version('0.1.0')
    .showHelpAfterError();
  registerServe(program);
  registerMigrate(program);
  registerTrace(program);
  registerFindings(program);
  registerSynth(program);
  registerUsers(program);
  registerAudit(program);
  registerLists(program);
  registerScreen(program);
  registerIdentify(program);
  registerTransfer(program);
  registerClaims(program);
  registerBundle(program);
  registerPackage(program);
  documentExitStatus(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    reportError(err);
  }
}

/**
 * The process entry (`bin/remnant.js`): runs one command, then ends the process with its status.
 * `serve` settles only when it is stopped, so a running server is never cut short here.
 */
export async function run(argv: string[]): Promise<never> {
  endQuietlyOnClosedPipe();
  await main(argv);
  return exitWithStatus();
}
