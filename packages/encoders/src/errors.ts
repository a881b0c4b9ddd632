/**
 * Why a saved encoder could not be loaded: the source (file path, URL or handler name), the field in
 * the model artifacts (`modelTopology.config.hiddenSize`, `weights["gru/0/inputKernel"]`), what was
 * expected and what was found.
 */
export interface EncoderFileError {
  readonly _tag: 'EncoderFileError';
  readonly source: string;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  /** One line for people: `source: field: expected X, found Y`. */
  readonly message: string;
}

export function encoderFileError(
  source: string,
  field: string,
  expected: string,
  found: string,
): EncoderFileError {
  return {
    _tag: 'EncoderFileError',
    source,
    field,
    expected,
    found,
    message: `${source}: ${field}: expected ${expected}, found ${found}`,
  };
}
