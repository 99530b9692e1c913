import { basename, extname } from 'node:path';
import type { PluginIsolation } from '../loaded-plugin';
import type { PluginCandidate } from '../plugin-candidates';
import type { PluginWorkerTuning } from './crash-backoff';

/** The settings that decide where third-party plugins run (`plugins.isolation`, `plugins.inProcess`). */
export interface IsolationSettings {
  /** `worker`: each third-party plugin in its own worker thread; `none`: every plugin in process. */
  isolation: 'worker' | 'none';
  /** Third-party plugins allowed in process anyway, by package name (or a single file's name without extension). */
  inProcess: readonly string[];
  /** Heap limit of each plugin worker, in MB (`plugins.workerMaxMemoryMb`). */
  workerMaxMemoryMb: number;
}

/**
 * Where a candidate runs: bundled plugins (given in code) always in process; third-party ones in a worker
 * unless isolation is `none` or `inProcess` names them.
 */
export function isolationOf(candidate: PluginCandidate, settings: IsolationSettings): PluginIsolation {
  if (candidate.source === 'builtin' || settings.isolation === 'none') return 'in-process';
  const file = basename(candidate.location, extname(candidate.location));
  const names = [candidate.manifest?.name, file];
  return names.some((name) => name !== undefined && settings.inProcess.includes(name))
    ? 'in-process'
    : 'worker';
}

/** What the plugin catalog needs to run plugins in workers. */
export interface WorkerPolicy {
  /** The isolation settings in force, read at each refresh. */
  settings(): IsolationSettings;
  /** The output cap applied in the worker (setting `tools.maxOutputBytes`). */
  maxOutputBytes(): number;
  /** Back-off, abort grace and clock; defaults when omitted. */
  tuning?: PluginWorkerTuning;
}
