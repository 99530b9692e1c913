import type { Command } from 'commander';

/** A word the shell can complete after a command: a subcommand or an option, with its description. */
export interface CompletionWord {
  /** The word, e.g. `list` or `--json`. */
  word: string;
  /** One-line description (empty when the command has none). */
  description: string;
}

/** One command of the program and what may follow it. */
export interface CommandNode {
  /** Words from the program name to this command, e.g. `['agentry', 'agents', 'run']`. */
  path: string[];
  /** Subcommands, fixed argument values (`bash`, `zsh`) and options (long and short forms, `--help` too). */
  words: CompletionWord[];
}

/** Every command of `program`, depth first, read from its definition (commander's own lists). */
export function commandTree(program: Command): CommandNode[] {
  const nodes: CommandNode[] = [];
  const visit = (command: Command, path: string[]) => {
    const subcommands = command.commands.map((sub) => ({ word: sub.name(), description: sub.description() }));
    const choices = command.registeredArguments.flatMap((argument) =>
      (argument.argChoices ?? []).map((choice) => ({ word: choice, description: argument.description })),
    );
    const options = command.options.flatMap((option) =>
      [option.long, option.short]
        .filter((flag): flag is string => Boolean(flag))
        .map((flag) => ({ word: flag, description: option.description })),
    );
    options.push({ word: '--help', description: 'display help for command' });
    nodes.push({ path, words: [...subcommands, ...choices, ...options] });
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, [program.name()]);
  return nodes;
}
