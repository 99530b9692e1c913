/**
 * @packageDocumentation
 * `@agentry/core/testing`: helpers for testing agents and tools, including a scripted
 * Ollama-compatible HTTP server.
 */

export { openTestDatabase, type TestDatabase, type TestDatabaseOptions } from '../storage/test-database';
export { type CreateToolContextOptions, createToolContext } from './create-tool-context';
export * from './scripted-ollama/index';
