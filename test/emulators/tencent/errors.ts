// Tencent Cloud API errors as the emulator raises them: a code from Tencent's catalogue and a message naming
// the field, the value and what was expected. Pure data and one error class; no I/O.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Messages worded the way Tencent words its generic parameter errors. */
export const say = {
  missing: (field: string) => `The request is missing a required parameter \`${field}\`.`,
  unknown: (field: string) => `The parameter \`${field}\` is not recognized.`,
  type: (field: string, expected: string) => `The value type of parameter \`${field}\` is not valid: expected ${expected}.`,
  notOneOf: (field: string, value: unknown, allowed: readonly unknown[]) =>
    `The value \`${String(value)}\` of parameter \`${field}\` is not valid; expected one of ${allowed.join(", ")}.`,
  range: (field: string, value: unknown, min: number, max: number) =>
    `The value \`${String(value)}\` of parameter \`${field}\` is out of range [${min}, ${max}].`,
  tooLong: (field: string, limit: number, unit: string) =>
    `The value of parameter \`${field}\` is too long: at most ${limit} ${unit}.`,
  malformed: (field: string, value: unknown, expected: string) =>
    `The value \`${String(value)}\` of parameter \`${field}\` is malformed; expected ${expected}.`,
  notFound: (kind: string, id: string) => `The ${kind} \`${id}\` does not exist.`,
};

export const fail = (code: string, message: string): never => {
  throw new ApiError(code, message);
};
