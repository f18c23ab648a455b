ALTER TABLE "stages" ADD COLUMN "steps" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "step_check_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stages_step_check_idx" ON "stages" USING btree ("step_check_at") WHERE "stages"."step_check_at" is not null;