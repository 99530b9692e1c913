import { Argument, type Command } from 'commander';
import { bashCompletion } from './bash-completion';
import { commandTree } from './command-tree';
import { zshCompletion } from './zsh-completion';

/**
 * Registers `agentry completion bash|zsh`: prints a completion script generated from the program's own
 * command definitions, so every command, subcommand and option added later is covered too.
 */
export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script: source <(agentry completion bash)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      const tree = commandTree(program);
      process.stdout.write(shell === 'bash' ? bashCompletion(tree) : zshCompletion(tree));
    });
}
