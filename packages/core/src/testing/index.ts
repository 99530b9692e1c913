/**
 * @packageDocumentation
 * `@agentry/core/testing`: helpers for testing agents and tools, including a scripted
 * Ollama-compatible HTTP server.
 */
export {};
