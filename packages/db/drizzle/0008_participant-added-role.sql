ALTER TYPE "public"."participant_role" ADD VALUE 'added';--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "role_title" text;