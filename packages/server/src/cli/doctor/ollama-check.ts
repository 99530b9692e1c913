import { type CheckResult, fail, pass, reasonOf } from './check-result';
import type { DoctorContext } from './doctor-context';

/** Message of the Ollama and model checks when the running server simulates its model. */
export const DEMO_MODE = 'demo mode: simulated model';

/** `ollama`: the configured Ollama answers. */
export async function checkOllama(ctx: DoctorContext): Promise<CheckResult> {
  if (ctx.server?.demo)
    return pass('ollama', `${DEMO_MODE} (the server at ${ctx.server.url} needs no Ollama)`);
  const { url } = ctx.settings.ollama;
  try {
    const models = await ctx.models();
    const version = await ctx.ollama.version().catch(() => undefined);
    return pass(
      'ollama',
      `Ollama${version ? ` ${version}` : ''} answers at ${url} with ${models.length} model(s)`,
    );
  } catch (error) {
    return fail(
      'ollama',
      `Ollama does not answer at ${url} (${reasonOf(error)})`,
      'start Ollama (`ollama serve`), or set AGENTRY_OLLAMA_URL (ollama.url) to where it runs',
    );
  }
}
