ALTER TABLE "cases" ADD COLUMN "breach_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "measured_stages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "on_time_stages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "policy_id" text;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "case_raised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "on_time" boolean;--> statement-breakpoint
-- the stages already stored: their case's policy and raise, and the on-time measure as the
-- reports worked it out from each stage's JSON (`stageOnTime` keeps it from now on)
UPDATE "stages" SET "policy_id" = "cases"."policy_id", "case_raised_at" = "cases"."raised_at",
  "breached" = jsonb_array_length("stages"."breaches") > 0,
  "on_time" = CASE
    WHEN "stages"."due_at" IS NULL
      OR ("stages"."completed_at" IS NULL AND jsonb_array_length("stages"."breaches") = 0) THEN NULL
    ELSE ("stages"."completed_at" IS NOT NULL AND "stages"."completed_at" <= "stages"."due_at"
      AND jsonb_array_length("stages"."breaches") = 0) END
FROM "cases" WHERE "cases"."id" = "stages"."case_id";--> statement-breakpoint
ALTER TABLE "stages" ALTER COLUMN "policy_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ALTER COLUMN "case_raised_at" SET NOT NULL;--> statement-breakpoint
-- and each case's figures, summed from its stages as the reports summed them
UPDATE "cases" SET "breach_count" = "figures"."breaches", "measured_stages" = "figures"."measured",
  "on_time_stages" = "figures"."on_time"
FROM (
  SELECT "case_id", sum(jsonb_array_length("breaches"))::int AS "breaches",
    (count(*) FILTER (WHERE "on_time" IS NOT NULL))::int AS "measured",
    (count(*) FILTER (WHERE "on_time"))::int AS "on_time"
  FROM "stages" GROUP BY "case_id"
) AS "figures"
WHERE "figures"."case_id" = "cases"."id";--> statement-breakpoint
CREATE INDEX "cases_report_idx" ON "cases" USING btree ("raised_at","policy_id","status","category","agency","breach_count","measured_stages","on_time_stages","working_days_to_close");--> statement-breakpoint
CREATE INDEX "stages_report_idx" ON "stages" USING btree ("policy_id","case_raised_at","number","outcome","breached","on_time","completed_at","working_days_taken","due_date");
