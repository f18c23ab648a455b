CREATE TYPE "public"."case_side" AS ENUM('raising', 'other');--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proposal" jsonb;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "side" "case_side";--> statement-breakpoint
-- Cases raised before sides were recorded: the raise's roles fix the side, a contact's
-- agency fixes theirs, and a next contact takes the side of whoever named them (the actor
-- of the event that added them). Someone copied, or partnership staff, stay of neither side.
UPDATE "participants" SET "side" = 'raising' WHERE "role" IN ('raiser', 'manager');--> statement-breakpoint
UPDATE "participants" SET "side" = 'other' WHERE "role" = 'other-practitioner';--> statement-breakpoint
UPDATE "participants" AS p SET "side" = CASE WHEN p."agency" = c."agency" THEN 'raising'::case_side ELSE 'other'::case_side END
  FROM "cases" AS c
  WHERE p."role" = 'contact' AND c."id" = p."case_id" AND p."agency" IN (c."agency", c."other_agency");--> statement-breakpoint
UPDATE "participants" AS p SET "side" = adder."side"
  FROM "events" AS e, "participants" AS adder
  WHERE p."role" = 'next-contact' AND p."side" IS NULL
    AND e."case_id" = p."case_id" AND e."type" = 'participant-added' AND e."data"->>'email' = p."email"
    AND adder."case_id" = p."case_id" AND adder."email" = lower(e."actor");
