ALTER TABLE "sender_answers" ADD COLUMN "kind" text DEFAULT 'answer' NOT NULL;--> statement-breakpoint
ALTER TABLE "sender_answers" ADD COLUMN "digest" text;