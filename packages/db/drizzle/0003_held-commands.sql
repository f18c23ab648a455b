CREATE TABLE "held_commands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"case_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"actor" jsonb NOT NULL,
	"command" jsonb NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "held_commands" ADD CONSTRAINT "held_commands_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_commands" ADD CONSTRAINT "held_commands_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_commands" ADD CONSTRAINT "held_commands_confirmed_by_messages_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "held_commands_token_key" ON "held_commands" USING btree ("token");--> statement-breakpoint
CREATE INDEX "held_commands_case_idx" ON "held_commands" USING btree ("case_id");