import { colourWanted, type Paint, painter } from '../remote/terminal-style';
import type { CheckResult } from './check-result';
import type { DoctorReport } from './run-doctor';

const MARKS: Record<CheckResult['status'], [string, Parameters<Paint>[0]]> = {
  pass: ['ok  ', 'green'],
  warn: ['warn', 'yellow'],
  fail: ['FAIL', 'red'],
};

/**
 * The report as text, one line per check (`ok   name  message`, and `hint: …` for what to do), then a
 * count line. Coloured on a terminal.
 */
export function formatReport(report: DoctorReport, colour = colourWanted(process.stdout)): string {
  const paint = painter(colour);
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.map((check) => {
    const [mark, style] = MARKS[check.status];
    const hint = check.hint ? ` ${paint('dim', `hint: ${check.hint}`)}` : '';
    return `${paint(style, mark)} ${check.name.padEnd(width)}  ${check.message}${hint}`;
  });
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const summary = `${count('pass')} ok, ${count('warn')} warning(s), ${count('fail')} failed`;
  lines.push(report.ok ? paint('green', summary) : paint('red', summary));
  return `${lines.join('\n')}\n`;
}
