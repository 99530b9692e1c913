import { Command } from 'commander';
import { serverVersion } from '../server-version';
import { configGetCommand, configSetCommand } from './config-command';
import { createKeyCommand, listKeysCommand, revokeKeyCommand } from './keys-command';
import { registerMcpCommand } from './mcp-command';
import { migrateCommand } from './migrate-command';
import { registerRemoteCommands } from './remote/register-remote-commands';
import { serveCommand } from './serve-command';

/** Builds the `agentry` command line (documented in docs/cli.md). */
export function buildProgram(): Command {
  const program = new Command('agentry')
    .description('Agentry: define, manage and run AI agents and workflows on a local Ollama.')
    .version(serverVersion)
    .showHelpAfterError()
    .exitOverride();
  const withDatabase = (command: Command) =>
    command
      .option('--database <url>', 'SQLite file path or postgres:// URL (overrides AGENTRY_DATABASE)')
      .option('--config <file>', 'JSON settings file (default: ./agentry.config.json if present)');

  withDatabase(program.command('serve').description('Start the REST API server'))
    .option('--host <host>', 'address to listen on (overrides AGENTRY_HOST)')
    .option('--port <port>', 'port to listen on (overrides AGENTRY_PORT)')
    .action(serveCommand);
  withDatabase(program.command('migrate').description('Bring the database schema up to date')).action(
    migrateCommand,
  );

  const keys = program.command('keys').description('Manage API keys (stored hashed)');
  withDatabase(keys.command('create <name>').description('Create a key and print it once')).action(
    createKeyCommand,
  );
  withDatabase(keys.command('list').description('List keys (never their values)')).action(listKeysCommand);
  withDatabase(keys.command('revoke <id>').description('Revoke a key')).action(revokeKeyCommand);

  const config = program.command('config').description('Read and change settings');
  withDatabase(
    config.command('get [path]').description('Print settings in force, e.g. `config get ollama.model`'),
  ).action(configGetCommand);
  withDatabase(
    config
      .command('set <path> <value>')
      .description('Store a runtime setting, e.g. `config set ollama.model llama3.2:1b`'),
  ).action(configSetCommand);
  registerRemoteCommands(program);
  registerMcpCommand(program);
  return program;
}
