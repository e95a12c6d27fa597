// Request parameter checking driven by schemas written as data (one table per action): unknown, missing,
// wrongly typed, out-of-enum, out-of-range, too long and malformed values, each with Tencent's error code.
// Pure: never reads emulator state; checks that need state live in the action handlers.
import { parseCidr, parseIpv4 } from "./cidr";
import { ApiError, say } from "./errors";
import { describeIdFormat, isWellFormedId, type IdKind } from "./ids";

interface Common {
  /** Absent (or an empty string or empty list) → MissingParameter. */
  required?: boolean;
}
export type FieldSpec =
  | (Common & {
      type: "string";
      oneOf?: readonly string[];
      /** UTF-8 bytes (Tencent counts names in bytes) or characters. */
      maxBytes?: number;
      maxChars?: number;
      format?: "ipv4" | "cidr";
      id?: IdKind;
      /** Error code for a malformed value when Tencent uses a resource-specific one (InvalidVpcId.Malformed). */
      malformedCode?: string;
      /** A decimal number carried in a string (DescribeRouteTables Offset/Limit, DpdTimeout). */
      digits?: { min: number; max: number };
    })
  | (Common & { type: "integer"; oneOf?: readonly number[]; min?: number; max?: number; reserved?: readonly number[] })
  | (Common & { type: "boolean" })
  | (Common & { type: "array"; items: FieldSpec; maxItems?: number })
  | (Common & { type: "object"; fields: Schema });
export type Schema = Readonly<Record<string, FieldSpec>>;

const FORMAT_TEXT = { ipv4: "an IPv4 address such as 203.0.113.10", cidr: "an IPv4 CIDR block such as 10.0.0.0/16" };

/** Throws the first problem found, in schema order, as Tencent reports one error per request. */
export function validate(schema: Schema, params: unknown, path = ""): void {
  const record = asRecord(params, path || "(request body)");
  for (const key of Object.keys(record)) {
    if (!(key in schema)) throw new ApiError("UnknownParameter", say.unknown(path + key));
  }
  for (const [key, spec] of Object.entries(schema)) checkField(spec, record[key], path + key);
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError("InvalidParameter", say.type(field, "an object"));
  }
  return value as Record<string, unknown>;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function checkField(spec: FieldSpec, value: unknown, field: string): void {
  if (isEmpty(value)) {
    if (spec.required) throw new ApiError("MissingParameter", say.missing(field));
    return; // an optional value left empty counts as not given
  }
  switch (spec.type) {
    case "string":
      return checkString(spec, value, field);
    case "integer":
      return checkInteger(spec, value, field);
    case "boolean":
      if (typeof value !== "boolean") throw new ApiError("InvalidParameter", say.type(field, "a boolean"));
      return;
    case "array": {
      if (!Array.isArray(value)) throw new ApiError("InvalidParameter", say.type(field, "a list"));
      if (spec.maxItems !== undefined && value.length > spec.maxItems) {
        throw new ApiError("InvalidParameterValue.LimitExceeded", `Parameter \`${field}\` takes at most ${spec.maxItems} items.`);
      }
      value.forEach((item, index) => {
        if (isEmpty(item)) throw new ApiError("MissingParameter", say.missing(`${field}.${index}`));
        checkField(spec.items, item, `${field}.${index}`);
      });
      return;
    }
    case "object":
      asRecord(value, field);
      return validate(spec.fields, value, `${field}.`);
  }
}

function checkString(spec: Extract<FieldSpec, { type: "string" }>, value: unknown, field: string): void {
  if (typeof value !== "string") throw new ApiError("InvalidParameter", say.type(field, "a string"));
  if (spec.maxBytes !== undefined && Buffer.byteLength(value, "utf8") > spec.maxBytes) {
    throw new ApiError("InvalidParameterValue.TooLong", say.tooLong(field, spec.maxBytes, "bytes"));
  }
  if (spec.maxChars !== undefined && [...value].length > spec.maxChars) {
    throw new ApiError("InvalidParameterValue.TooLong", say.tooLong(field, spec.maxChars, "characters"));
  }
  if (spec.oneOf && !spec.oneOf.includes(value)) {
    throw new ApiError("InvalidParameterValue", say.notOneOf(field, value, spec.oneOf));
  }
  const malformed = spec.malformedCode ?? "InvalidParameterValue.Malformed";
  if (spec.format === "ipv4" && parseIpv4(value) === undefined) {
    throw new ApiError(malformed, say.malformed(field, value, FORMAT_TEXT.ipv4));
  }
  if (spec.format === "cidr" && parseCidr(value) === undefined) {
    throw new ApiError(malformed, say.malformed(field, value, FORMAT_TEXT.cidr));
  }
  if (spec.id && !isWellFormedId(spec.id, value)) {
    throw new ApiError(malformed, say.malformed(field, value, describeIdFormat(spec.id)));
  }
  if (spec.digits) {
    if (!/^[0-9]+$/.test(value)) throw new ApiError("InvalidParameterValue", say.malformed(field, value, "a decimal number"));
    const number = Number(value);
    if (number < spec.digits.min || number > spec.digits.max) {
      throw new ApiError("InvalidParameterValue.Range", say.range(field, value, spec.digits.min, spec.digits.max));
    }
  }
}

function checkInteger(spec: Extract<FieldSpec, { type: "integer" }>, value: unknown, field: string): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ApiError("InvalidParameter", say.type(field, "an integer"));
  }
  if (spec.oneOf && !spec.oneOf.includes(value)) {
    throw new ApiError("InvalidParameterValue", say.notOneOf(field, value, spec.oneOf));
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new ApiError("InvalidParameterValue.Range", say.range(field, value, spec.min ?? -Infinity, spec.max ?? Infinity));
  }
  if (spec.reserved?.includes(value)) {
    throw new ApiError("InvalidParameterValue.Reserved", `The value \`${value}\` of parameter \`${field}\` is reserved.`);
  }
}

/** Shared pieces of schemas. */
export const common = {
  tags: { type: "array", maxItems: 50, items: { type: "object", fields: { Key: { type: "string", required: true, maxChars: 127 }, Value: { type: "string", maxChars: 255 } } } },
  filters: (maxValues = 5): FieldSpec => ({
    type: "array",
    items: { type: "object", fields: { Name: { type: "string", required: true }, Values: { type: "array", required: true, maxItems: maxValues, items: { type: "string" } } } },
  }),
  offset: { type: "integer", min: 0 },
  limit: { type: "integer", min: 1, max: 100 },
} satisfies Record<string, FieldSpec | ((n?: number) => FieldSpec)>;
