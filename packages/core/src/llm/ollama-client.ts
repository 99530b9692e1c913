import type { ChatResponse, GenerateResponse } from 'ollama';
import { type Logger, silentLogger } from '../logging/logger';
import {
  type ChatChunk,
  type ChatRequest,
  type ChatResult,
  DEFAULT_OLLAMA_MAX_CONNECTIONS,
  type GenerateChunk,
  type GenerateRequest,
  type GenerateResult,
  type ModelInfo,
  type ModelSummary,
  type OllamaClientOptions,
  type OllamaClientSettings,
} from './llm-types';
import { type RequestTarget, runWithRetries, streamWithRetries } from './run-with-retries';
import {
  toChatChunk,
  toChatResult,
  toGenerateChunk,
  toGenerateResult,
  toModelInfo,
  toModelSummary,
  toWireMessages,
  toWireTools,
} from './wire-format';

type ResolvedSettings = Required<Omit<OllamaClientSettings, 'keepAlive'>> &
  Pick<OllamaClientSettings, 'keepAlive'>;

/**
 * Talks to an Ollama server through the `ollama` package, adding what agents need: a time limit and
 * abort signal per request, retries with backoff on connection errors and HTTP 5xx, typed errors
 * (`OllamaUnreachableError`, `ModelNotFoundError`, `ContextTooLongError`, `OllamaTimeoutError`,
 * `OllamaResponseError`) and a per-model cache of `/api/show`.
 *
 * @example
 * const llm = new OllamaClient({ url: 'http://127.0.0.1:11434', defaultModel: 'llama3' });
 * const result = await llm.chat({ messages: [{ role: 'user', content: 'Hi' }], options: { num_ctx: 8192 } });
 */
export class OllamaClient {
  private settings: ResolvedSettings;
  private readonly logger: Logger;
  private readonly modelCache = new Map<string, ModelInfo>();

  /** Creates a client; nothing is sent until the first call. */
  constructor(options: OllamaClientOptions) {
    this.settings = {
      url: options.url,
      defaultModel: options.defaultModel,
      timeoutMs: options.timeoutMs ?? 120_000,
      retries: options.retries ?? 2,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      maxConnections: options.maxConnections ?? DEFAULT_OLLAMA_MAX_CONNECTIONS,
      keepAlive: options.keepAlive,
    };
    this.logger = (options.logger ?? silentLogger).child({ component: 'ollama' });
  }

  /** Current settings (URL, default model, timeouts, retries). */
  get config(): Readonly<OllamaClientSettings> {
    return { ...this.settings };
  }

  /** Changes settings live; later requests use them (requests in flight keep the old ones). */
  configure(partial: Partial<OllamaClientSettings>): void {
    const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
    this.settings = { ...this.settings, ...defined };
  }

  /** Sends a conversation and waits for the whole answer. */
  async chat(request: ChatRequest): Promise<ChatResult> {
    const startedAt = Date.now();
    const body = this.chatBody(request);
    const response = await runWithRetries(this.target(body.model, request.signal), ({ ollama }) =>
      ollama.chat({ ...body, stream: false }),
    );
    return toChatResult(response, startedAt);
  }

  /** Sends a conversation and yields the answer as it is generated; the last chunk has the statistics. */
  async *chatStream(request: ChatRequest): AsyncGenerator<ChatChunk> {
    const startedAt = Date.now();
    const body = this.chatBody(request);
    const parts = streamWithRetries<ChatResponse>(this.target(body.model, request.signal), ({ ollama }) =>
      ollama.chat({ ...body, stream: true }),
    );
    for await (const part of parts) yield toChatChunk(part, startedAt);
  }

  /** Completes a single prompt and waits for the whole answer. */
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const startedAt = Date.now();
    const body = this.generateBody(request);
    const response = await runWithRetries(this.target(body.model, request.signal), ({ ollama }) =>
      ollama.generate({ ...body, stream: false }),
    );
    return toGenerateResult(response, startedAt);
  }

  /** Completes a single prompt, yielding text as it is generated; the last chunk has the statistics. */
  async *generateStream(request: GenerateRequest): AsyncGenerator<GenerateChunk> {
    const startedAt = Date.now();
    const body = this.generateBody(request);
    const parts = streamWithRetries<GenerateResponse>(this.target(body.model, request.signal), ({ ollama }) =>
      ollama.generate({ ...body, stream: true }),
    );
    for await (const part of parts) yield toGenerateChunk(part, startedAt);
  }

  /** Models pulled on the server (`/api/tags`). `retries` overrides the client's (0 for health probes). */
  async listModels(options: { signal?: AbortSignal; retries?: number } = {}): Promise<ModelSummary[]> {
    const target = {
      ...this.target(undefined, options.signal),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    };
    const list = await runWithRetries(target, ({ ollama }) => ollama.list());
    return list.models.map(toModelSummary);
  }

  /** Capabilities and context length of `name` (`/api/show`), cached per URL and model. */
  async showModel(name: string, options: { signal?: AbortSignal } = {}): Promise<ModelInfo> {
    const key = `${this.settings.url}\n${name}`;
    const cached = this.modelCache.get(key);
    if (cached) return cached;
    const show = await runWithRetries(this.target(name, options.signal), ({ ollama }) =>
      ollama.show({ model: name }),
    );
    const info = toModelInfo(name, show);
    this.modelCache.set(key, info);
    return info;
  }

  /** Forgets cached `showModel` answers (after pulling or replacing a model). */
  clearModelCache(): void {
    this.modelCache.clear();
  }

  /** Version of the Ollama server (`/api/version`). */
  async version(options: { signal?: AbortSignal } = {}): Promise<string> {
    const answer = await runWithRetries(this.target(undefined, options.signal), ({ ollama }) =>
      ollama.version(),
    );
    return answer.version;
  }

  private target(model: string | undefined, signal: AbortSignal | undefined): RequestTarget {
    const { url, timeoutMs, retries, retryBaseDelayMs, maxConnections } = this.settings;
    return {
      url,
      maxConnections,
      model,
      timeoutMs,
      retries,
      baseDelayMs: retryBaseDelayMs,
      signal,
      logger: this.logger,
    };
  }

  private common(request: ChatRequest | GenerateRequest) {
    const keepAlive = request.keepAlive ?? this.settings.keepAlive;
    return {
      model: request.model ?? this.settings.defaultModel,
      ...(request.format === undefined ? {} : { format: request.format }),
      ...(request.options === undefined ? {} : { options: request.options }),
      ...(keepAlive === undefined ? {} : { keep_alive: keepAlive }),
      ...(request.think === undefined ? {} : { think: request.think }),
    };
  }

  private chatBody(request: ChatRequest) {
    const tools = toWireTools(request.tools);
    return {
      ...this.common(request),
      messages: toWireMessages(request.messages),
      ...(tools ? { tools } : {}),
    };
  }

  private generateBody(request: GenerateRequest) {
    return {
      ...this.common(request),
      prompt: request.prompt,
      ...(request.system === undefined ? {} : { system: request.system }),
    };
  }
}
