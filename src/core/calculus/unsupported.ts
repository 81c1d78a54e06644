/** Raised inside the engines for an operator they cannot differentiate; turned into a Diagnostic by the service. */
export class UnsupportedDerivative extends Error {
  constructor(readonly what: string) {
    super(`cannot differentiate ${what}`);
  }
}
