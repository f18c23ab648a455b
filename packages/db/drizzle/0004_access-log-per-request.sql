ALTER TABLE "access_log" DROP CONSTRAINT "access_log_case_id_cases_id_fk";
--> statement-breakpoint
DROP INDEX "access_log_case_idx";--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "case_refs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "access_log_case_refs_idx" ON "access_log" USING gin ("case_refs");--> statement-breakpoint
-- Rows written before this migration keep the case they named, as its reference.
UPDATE "access_log" SET "case_refs" = ARRAY["cases"."ref"] FROM "cases" WHERE "cases"."id" = "access_log"."case_id";--> statement-breakpoint
ALTER TABLE "access_log" DROP COLUMN "case_id";