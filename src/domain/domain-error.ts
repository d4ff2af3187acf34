/**
 * Errors raised by domain code carry a stable, machine-readable code. The HTTP layer maps
 * codes to problem+json responses in one place; the domain never knows about HTTP.
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
