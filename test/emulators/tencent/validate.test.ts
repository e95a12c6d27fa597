// Specification: the schema checker reports the first problem with Tencent's code for it — unknown, missing,
// wrong type, out of enum, out of range, too long, malformed — naming the full parameter path.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError } from "./errors";
import { validate, type Schema } from "./validate";

const schema: Schema = {
  Name: { type: "string", required: true, maxBytes: 6 },
  Mode: { type: "string", oneOf: ["MAIN", "AGGRESSIVE"] },
  Size: { type: "integer", min: 1, max: 10 },
  Vpc: { type: "string", id: "vpc" },
  Limit: { type: "string", digits: { min: 1, max: 100 } },
  Spd: { type: "array", maxItems: 2, items: { type: "object", fields: { Local: { type: "string", required: true, format: "cidr" } } } },
};

function codeOf(params: unknown): { code: string; message: string } | undefined {
  try {
    validate(schema, params);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return { code: error.code, message: error.message };
  }
}

describe("validate", () => {
  test("a valid request passes; optional values may be left empty", () => {
    assert.equal(codeOf({ Name: "gw", Mode: "MAIN", Size: 3, Vpc: "vpc-abcd1234", Limit: "20", Spd: [{ Local: "10.0.0.0/16" }] }), undefined);
    assert.equal(codeOf({ Name: "gw", Mode: "", Spd: [] }), undefined);
  });

  const cases: Array<[string, unknown, string, RegExp]> = [
    ["an unknown parameter", { Name: "gw", Nmae: "x" }, "UnknownParameter", /`Nmae`/],
    ["a missing one", {}, "MissingParameter", /`Name`/],
    ["an empty required one", { Name: "" }, "MissingParameter", /`Name`/],
    ["a number for a string", { Name: 5 }, "InvalidParameter", /`Name`/],
    ["a string for an integer", { Name: "gw", Size: "3" }, "InvalidParameter", /`Size`/],
    ["a value off the list", { Name: "gw", Mode: "main" }, "InvalidParameterValue", /MAIN, AGGRESSIVE/],
    ["a value out of range", { Name: "gw", Size: 11 }, "InvalidParameterValue.Range", /\[1, 10\]/],
    ["a name over its byte limit", { Name: "网关网" }, "InvalidParameterValue.TooLong", /6 bytes/],
    ["a malformed id", { Name: "gw", Vpc: "vpc-ABCD1234" }, "InvalidParameterValue.Malformed", /vpc-xxxxxxxx/],
    ["a number string that is no number", { Name: "gw", Limit: "1e2" }, "InvalidParameterValue", /decimal/],
    ["a number string out of range", { Name: "gw", Limit: "0" }, "InvalidParameterValue.Range", /`Limit`/],
    ["too many items", { Name: "gw", Spd: [{ Local: "10.0.0.0/8" }, { Local: "10.0.0.0/8" }, { Local: "10.0.0.0/8" }] }, "InvalidParameterValue.LimitExceeded", /at most 2/],
    ["a nested problem", { Name: "gw", Spd: [{ Local: "10.0.0.0/8" }, { Local: "10.0.0/8" }] }, "InvalidParameterValue.Malformed", /`Spd\.1\.Local`/],
    ["a nested unknown field", { Name: "gw", Spd: [{ Remote: "x" }] }, "UnknownParameter", /`Spd\.0\.Remote`/],
  ];
  for (const [what, params, code, message] of cases) {
    test(`${what} → ${code}`, () => {
      const got = codeOf(params);
      assert.equal(got?.code, code);
      assert.match(got?.message ?? "", message);
    });
  }
});
