import { Command } from 'commander';
import { serverVersion } from '../server-version';
import { registerCompletionCommand } from './completion/completion-command';
import { configGetCommand, configSetCommand } from './config-command';
import { registerDoctorCommand } from './doctor/doctor-command';
import { createKeyCommand, listKeysCommand, revokeKeyCommand } from './keys-command';
import { registerMcpCommand } from './mcp-command';
import { migrateCommand } from './migrate-command';
import { registerRemoteCommands } from './remote/register-remote-commands';
import { serveCommand } from './serve-command';
import { withDatabaseOptions } from './shared-options';

/** Builds the `agentry` command line (documented in docs/cli.md). */
export function buildProgram(): Command {
  const program = new Command('agentry')
    .description('Agentry: define, manage and run AI agents and workflows on a local Ollama.')
    .version(serverVersion)
    .showHelpAfterError()
    .exitOverride();

  withDatabaseOptions(program.command('serve').description('Start the REST API server'))
    .option('--host <host>', 'address to listen on (overrides AGENTRY_HOST)')
    .option('--port <port>', 'port to listen on (overrides AGENTRY_PORT)')
    .option('--demo', 'try Agentry without Ollama: simulated model, demo tools and examples (AGENTRY_DEMO=1)')
    .action(serveCommand);
  withDatabaseOptions(program.command('migrate').description('Bring the database schema up to date')).action(
    migrateCommand,
  );

  const keys = program.command('keys').description('Manage API keys (stored hashed)');
  withDatabaseOptions(keys.command('create <name>').description('Create a key and print it once')).action(
    createKeyCommand,
  );
  withDatabaseOptions(keys.command('list').description('List keys (never their values)')).action(
    listKeysCommand,
  );
  withDatabaseOptions(keys.command('revoke <id>').description('Revoke a key')).action(revokeKeyCommand);

  const config = program.command('config').description('Read and change settings');
  withDatabaseOptions(
    config.command('get [path]').description('Print settings in force, e.g. `config get ollama.model`'),
  ).action(configGetCommand);
  withDatabaseOptions(
    config
      .command('set <path> <value>')
      .description('Store a runtime setting, e.g. `config set ollama.model llama3.2:1b`'),
  ).action(configSetCommand);
  registerRemoteCommands(program);
  registerDoctorCommand(program);
  registerCompletionCommand(program);
  registerMcpCommand(program);
  return program;
}
