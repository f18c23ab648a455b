ALTER TABLE "cases" ADD COLUMN "working_days_to_close" integer;--> statement-breakpoint
-- the cases already closed: their stages' working days, summed as the overview summed them
UPDATE "cases" SET "working_days_to_close" = "taken"."days"
FROM (SELECT "case_id", sum("working_days_taken")::int AS "days" FROM "stages" GROUP BY "case_id") AS "taken"
WHERE "taken"."case_id" = "cases"."id" AND "cases"."closed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_policy_resolved_idx" ON "cases" USING btree ("policy_id","closed_at","working_days_to_close") WHERE "cases"."status" in ('resolved', 'decided');--> statement-breakpoint
CREATE INDEX "stages_breached_idx" ON "stages" USING btree ("case_id") WHERE jsonb_array_length("stages"."breaches") > 0;