import { checkInteger, checkOptions } from '../core/index.js';
import { DEFAULT_MAX_METADATA_BYTES, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_TENSORS } from './modelFormat.js';
import type { ModelLimits } from './modelFormat.js';
import { DEFAULT_MAX_ELEMENTS } from './tensorFormat.js';

/** Caps of the model readers: every count and length in a container is checked against them before allocation. */
export interface ReadModelOptions {
  /** Largest element count of one tensor (default 2^27). */
  maxElements?: number;
  /** Largest number of tensors (default 2^20). */
  maxTensors?: number;
  /** Largest metadata JSON in bytes (default 64 MiB). */
  maxMetadataBytes?: number;
  /** Largest tensor record in bytes (default 2 GiB). */
  maxRecordBytes?: number;
}

export function modelLimits(fn: string, options: ReadModelOptions): ModelLimits {
  const o = checkOptions(fn, options);
  const cap = (name: keyof ReadModelOptions, fallback: number): number => (o[name] === undefined ? fallback : checkInteger(fn, name, o[name], 0, 2 ** 32));
  return {
    maxElements: cap('maxElements', DEFAULT_MAX_ELEMENTS),
    maxTensors: cap('maxTensors', DEFAULT_MAX_TENSORS),
    maxMetadataBytes: cap('maxMetadataBytes', DEFAULT_MAX_METADATA_BYTES),
    maxRecordBytes: cap('maxRecordBytes', DEFAULT_MAX_RECORD_BYTES),
  };
}
