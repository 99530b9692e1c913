import type { Command } from 'commander';
import { printJson } from '../remote/output';
import { withDatabaseOptions } from '../shared-options';
import type { DoctorOptions } from './doctor-context';
import { formatReport } from './print-report';
import { runDoctor } from './run-doctor';

/** Registers `agentry doctor` (docs/cli.md): checks the set-up and says how to fix what is wrong. */
export function registerDoctorCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('doctor')
      .description('Check Ollama, the model, the database, the secret key, the port, tools and plugins'),
  )
    .option('--host <host>', 'address serve would listen on (overrides AGENTRY_HOST)')
    .option('--port <port>', 'port serve would listen on (overrides AGENTRY_PORT)')
    .option('--url <url>', 'a running server to ask (default: AGENTRY_URL, else the configured address)')
    .option('--api-key <key>', 'API key for the running server (default: AGENTRY_API_KEY)')
    .option('--json', 'print the report as JSON for scripts')
    .action(doctorCommand);
}

/** `agentry doctor`: prints one line per check (or JSON); exit code 1 when any check failed. */
async function doctorCommand(flags: DoctorOptions): Promise<void> {
  const report = await runDoctor(flags);
  if (flags.json) printJson(report);
  else process.stdout.write(formatReport(report));
  if (!report.ok) process.exitCode = 1;
}
