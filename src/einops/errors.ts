/** Raised for every einops-level mistake: a malformed pattern, axes that do not match, a shape that cannot be split. */
export class EinopsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EinopsError';
  }
}
