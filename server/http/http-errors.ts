/** Rejects a request with a status and a message that says what is wrong; never retried. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class InvalidPayloadError extends HttpError {
  override name = 'InvalidPayloadError';
  constructor(message: string) {
    super(400, message);
  }
}
