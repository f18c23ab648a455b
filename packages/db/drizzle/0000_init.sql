CREATE TYPE "public"."api_key_role" AS ENUM('admin', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'resolved', 'withdrawn', 'decided');--> statement-breakpoint
CREATE TYPE "public"."message_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('raiser', 'manager', 'other-practitioner', 'next-contact', 'copied', 'contact');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('standard', 'immediate');--> statement-breakpoint
CREATE TYPE "public"."stage_entry" AS ENUM('raise', 'escalation', 'breach');--> statement-breakpoint
CREATE TYPE "public"."stage_outcome" AS ENUM('resolved', 'escalated', 'withdrawn', 'decided');--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"policy_id" text NOT NULL,
	"status" "case_status" NOT NULL,
	"version" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"case_name" text NOT NULL,
	"agency" text NOT NULL,
	"other_agency" text NOT NULL,
	"disagreement" text NOT NULL,
	"category" text NOT NULL,
	"risk" "risk_level" NOT NULL,
	"outcome_sought" text,
	"attempts_so_far" text,
	"current_stage" integer NOT NULL,
	"current_due_date" date,
	"current_due_at" timestamp with time zone,
	"overall_due_date" date,
	"overall_due_at" timestamp with time zone,
	"overall_breached_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closing_text" text,
	"outstanding" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"agency" text,
	"role" "participant_role" NOT NULL,
	"joined_at_stage" integer NOT NULL,
	"position" integer NOT NULL,
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participants_case_email_key" UNIQUE("case_id","email")
);
--> statement-breakpoint
CREATE TABLE "stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"entered_by" "stage_entry" NOT NULL,
	"start_date" date,
	"policy_due_date" date,
	"due_date" date,
	"due_at" timestamp with time zone,
	"extensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"breaches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reminded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"outcome" "stage_outcome",
	"working_days_taken" integer,
	CONSTRAINT "stages_case_number_key" UNIQUE("case_id","number")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"stage" integer NOT NULL,
	"actor" text NOT NULL,
	"verified" boolean NOT NULL,
	"data" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_case_seq_key" UNIQUE("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"stage" integer NOT NULL,
	"recipients" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	CONSTRAINT "notices_case_key_key" UNIQUE("case_id","key")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" "message_direction" NOT NULL,
	"message_id" text,
	"sha256" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"case_id" uuid,
	"from_address" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "messages_direction_message_id_key" UNIQUE("direction","message_id"),
	CONSTRAINT "messages_direction_sha256_key" UNIQUE("direction","sha256")
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_policy_name_key" UNIQUE("policy_id","name")
);
--> statement-breakpoint
CREATE TABLE "agency_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_contacts_key" UNIQUE("agency_id","stage","email")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"role" "api_key_role" NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"api_key_id" uuid NOT NULL,
	"case_id" uuid,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_references" (
	"policy_id" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_references_policy_id_year_pk" PRIMARY KEY("policy_id","year")
);
--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_contacts" ADD CONSTRAINT "agency_contacts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_policy_raised_idx" ON "cases" USING btree ("policy_id","raised_at");--> statement-breakpoint
CREATE INDEX "cases_status_raised_idx" ON "cases" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree ("current_due_at") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_agency_idx" ON "cases" USING btree ("agency");--> statement-breakpoint
CREATE INDEX "stages_open_due_idx" ON "stages" USING btree ("due_at") WHERE "stages"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "events_type_at_idx" ON "events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "notices_unqueued_idx" ON "notices" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_case_idx" ON "messages" USING btree ("case_id","received_at");--> statement-breakpoint
CREATE INDEX "messages_status_idx" ON "messages" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "access_log_case_idx" ON "access_log" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "access_log_key_idx" ON "access_log" USING btree ("api_key_id","at");