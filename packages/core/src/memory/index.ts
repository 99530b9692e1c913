export { MemoryManager, type MemoryQuery } from './memory-manager';
