/** A model the scripted server pretends to have pulled. */
export interface ScriptedModel {
  /** Model name, e.g. `llama3` or `qwen3:8b`; a name without a tag also answers to `:latest`. */
  name: string;
  /** Whether `/api/show` lists the `tools` capability and chat accepts `tools`; default true. */
  tools?: boolean;
  /** Context length reported by `/api/show` in `model_info`; default 8192. */
  contextLength?: number;
}

/** Models served when `startScriptedOllama` gets none: `llama3` (8192) and `llama3.2:1b` (131072). */
export const defaultScriptedModels: readonly ScriptedModel[] = [
  { name: 'llama3', tools: true, contextLength: 8192 },
  { name: 'llama3.2:1b', tools: true, contextLength: 131072 },
];

const modifiedAt = '2026-01-01T00:00:00.000Z';
const architecture = 'llama';

/** The full `name:tag` form Ollama uses in listings (`llama3` → `llama3:latest`). */
export function fullModelName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

/** Finds the model a request names, accepting the name with or without `:latest`. */
export function findScriptedModel(
  models: readonly ScriptedModel[],
  requested: string,
): ScriptedModel | undefined {
  const wanted = fullModelName(requested);
  return models.find((model) => fullModelName(model.name) === wanted);
}

/** Ollama's answer for a model that is not pulled (HTTP 404). */
export function modelNotFoundMessage(requested: string): string {
  return `model "${requested}" not found, try pulling it first`;
}

function details() {
  return {
    parent_model: '',
    format: 'gguf',
    family: architecture,
    families: [architecture],
    parameter_size: '8.0B',
    quantization_level: 'Q4_0',
  };
}

function fakeDigest(name: string): string {
  return Buffer.from(fullModelName(name)).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** Body of `GET /api/tags`. */
export function tagsBody(models: readonly ScriptedModel[]) {
  return {
    models: models.map((model) => ({
      name: fullModelName(model.name),
      model: fullModelName(model.name),
      modified_at: modifiedAt,
      size: 4_661_224_676,
      digest: fakeDigest(model.name),
      details: details(),
    })),
  };
}

/** Body of `POST /api/show` for one model, with `capabilities` and `<arch>.context_length`. */
export function showBody(model: ScriptedModel) {
  const capabilities = model.tools === false ? ['completion'] : ['completion', 'tools'];
  return {
    license: 'scripted',
    modelfile: `FROM ${fullModelName(model.name)}`,
    parameters: 'stop "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details: details(),
    model_info: {
      'general.architecture': architecture,
      'general.parameter_count': 8_030_261_248,
      [`${architecture}.context_length`]: model.contextLength ?? 8192,
      [`${architecture}.embedding_length`]: 4096,
    },
    capabilities,
    modified_at: modifiedAt,
  };
}
