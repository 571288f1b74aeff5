// Options objects are checked against the keys a function takes: a misspelt key is an error, never silently ignored
// (Python raises TypeError for an unexpected keyword argument, and so does wasmgrad).
export function checkOptionKeys<T extends object>(fn: string, options: T, keys: readonly string[]): T {
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new TypeError(`${fn}() got an unexpected keyword argument '${key}' (expected one of: ${keys.join(', ')})`);
    }
  }
  return options;
}
