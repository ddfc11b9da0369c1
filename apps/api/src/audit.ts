/**
 * The audit helper: one append-only record per security-relevant action (sign-in, CSRF refusals, downloads,
 * emails, configuration changes) naming who, what, the scope and the outcome; never secrets or report contents.
 */
import type { Store } from "@vcr/store"
import type { Caller } from "./auth.ts"

/** The scope an audited action touched, and any detail worth keeping (stored as JSON). */
export interface AuditScope {
  readonly organisation_id?: string | null
  readonly clinic_id?: string | null
  readonly report?: string | null
  readonly detail?: unknown
}

/** Records an action by a caller, a user id, or nobody known (a refused sign-in). */
export type Audit = (who: Caller | string | undefined, action: string, outcome: string, scope?: AuditScope) => Promise<void>

/** An audit function writing to the store at the app's clock. */
export const createAudit = (store: Store, now: () => number): Audit => async (who, action, outcome, scope = {}) => {
  await store.access.audit({
    at: now(), user_id: typeof who === "string" ? who : (who?.actor.userId ?? null), action, outcome,
    organisation_id: scope.organisation_id ?? null, clinic_id: scope.clinic_id ?? null, report: scope.report ?? null,
    detail: scope.detail === undefined ? null : JSON.stringify(scope.detail)
  })
}
