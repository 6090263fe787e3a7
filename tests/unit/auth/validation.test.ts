import { describe, expect, it } from "vitest";
import { fieldErrorsFrom, formDataToObject } from "@/lib/validation/common";
import { auditFilterSchema } from "@/lib/validation/audit";
import { createDepartmentSchema } from "@/lib/validation/departments";
import { changeOwnPasswordSchema, createUserSchema } from "@/lib/validation/users";

describe("user schemas", () => {
  it("normalises email and blank department", () => {
    const parsed = createUserSchema.parse({ email: "  Ada@Example.TEST ", name: " Ada ", role: "ANALYST", departmentId: "" });
    expect(parsed).toEqual({ email: "ada@example.test", name: "Ada", role: "ANALYST", departmentId: null });
  });

  it("reports each bad field by name, in words", () => {
    const result = createUserSchema.safeParse({ email: "not-an-email", name: "", role: "GOD" });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFrom(result.error!);
    expect(errors.email).toEqual(["Enter an email address such as name@example.com."]);
    expect(errors.name).toEqual(["Name is required."]);
    expect(errors.role).toEqual(["Choose a role."]);
  });

  it("wants a long new password, typed twice, different from the current one", () => {
    const errors = (input: object) => {
      const r = changeOwnPasswordSchema.safeParse(input);
      return r.success ? {} : fieldErrorsFrom(r.error);
    };
    expect(errors({ currentPassword: "old", newPassword: "short", confirmPassword: "short" }).newPassword).toEqual(["Use at least 12 characters."]);
    expect(errors({ currentPassword: "old", newPassword: "long enough pass", confirmPassword: "long enough pasS" }).confirmPassword).toEqual([
      "The two new passwords are not the same.",
    ]);
    expect(errors({ currentPassword: "same password!", newPassword: "same password!", confirmPassword: "same password!" }).newPassword).toEqual([
      "Choose a password different from your current one.",
    ]);
    expect(errors({ currentPassword: "old", newPassword: "a good new one", confirmPassword: "a good new one" })).toEqual({});
  });
});

describe("department schema", () => {
  it("makes a blank description null", () => {
    expect(createDepartmentSchema.parse({ name: "Sales", description: "  " })).toEqual({ name: "Sales", description: null });
  });
});

describe("audit filter", () => {
  it("drops malformed filters instead of failing the page", () => {
    expect(auditFilterSchema.parse({ actor: "x'; drop", entity: ["a", "b"], from: "yesterday", page: "-3" })).toEqual({
      actor: undefined,
      entity: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    });
  });
  it("swaps a reversed date range", () => {
    expect(auditFilterSchema.parse({ from: "2026-02-01", to: "2026-01-01", page: "2" })).toMatchObject({ from: "2026-01-01", to: "2026-02-01", page: 2 });
  });
});

describe("formDataToObject", () => {
  it("keeps strings, repeats become arrays, drops files and action ids", () => {
    const data = new FormData();
    data.append("a", "1");
    data.append("b", "x");
    data.append("b", "y");
    data.append("$ACTION_ID_123", "");
    data.append("file", new Blob(["z"]));
    expect(formDataToObject(data)).toEqual({ a: "1", b: ["x", "y"] });
  });
});
