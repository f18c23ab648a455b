ALTER TABLE "cases" ADD COLUMN "last_breach_at" timestamp with time zone;--> statement-breakpoint
-- the cases with a missed deadline already: the latest of their stages' breaches
UPDATE "cases" SET "last_breach_at" = "breached"."at"
FROM (
  SELECT "stages"."case_id", max(("breach"->>'at')::timestamptz) AS "at"
  FROM "stages" CROSS JOIN jsonb_array_elements("stages"."breaches") AS "breach"
  WHERE jsonb_array_length("stages"."breaches") > 0
  GROUP BY "stages"."case_id"
) AS "breached"
WHERE "breached"."case_id" = "cases"."id";--> statement-breakpoint
CREATE INDEX "cases_policy_breach_idx" ON "cases" USING btree ("policy_id","last_breach_at") WHERE "cases"."last_breach_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_policy_open_idx" ON "cases" USING btree ("policy_id","current_stage","current_due_at","current_due_date") WHERE "cases"."status" = 'open';