ALTER TABLE "cases" ADD COLUMN "overall_beyond_calendar" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "calendar_id" text;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "beyond_calendar" jsonb;