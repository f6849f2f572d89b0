/** The Standard Schema interface (standardschema.dev), which zod, valibot, arktype and others implement. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    /** Checks a value: its output, or the issues found. */
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
    /** Standard JSON Schema, where the library offers it (zod 4 does). */
    readonly jsonSchema?:
      | {
          /** The input as JSON Schema, in the draft `target` names. */
          readonly input?: (options: { target: string }) => Record<string, unknown>
        }
      | undefined
  }
}

/** What a Standard Schema answers: the value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> }

/** One problem a Standard Schema found: its message and where. */
export interface StandardIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** The type a Standard Schema accepts. */
export type InferSchemaInput<S> = S extends StandardSchemaV1<infer Input, unknown> ? Input : {}

/** "properties.rows: Expected a number" for each issue. */
export function describeIssues(issues: ReadonlyArray<StandardIssue>): string[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part))
    return `${['properties', ...path].join('.')}: ${issue.message}`
  })
}
