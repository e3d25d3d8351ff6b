CREATE TABLE "reward_tiers" (
	"category" text PRIMARY KEY NOT NULL,
	"min_yuan" integer NOT NULL,
	"max_yuan" integer NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" uuid,
	CONSTRAINT "reward_tiers_range_check" CHECK ("reward_tiers"."min_yuan" >= 0 and "reward_tiers"."max_yuan" >= "reward_tiers"."min_yuan")
);
--> statement-breakpoint
CREATE TABLE "tip_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tip_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kept_metadata" boolean DEFAULT false NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_counters" (
	"township_id" integer PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tip_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tip_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone,
	"day" date NOT NULL,
	"actor_officer_id" uuid,
	"note" text,
	"visible" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tip_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tip_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone,
	"day" date NOT NULL,
	"author_officer_id" uuid,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_notification_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tip_id" uuid NOT NULL,
	"chat_id" bigint NOT NULL,
	"language" text DEFAULT 'zh-CN' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tip_id" uuid NOT NULL,
	"matter_tip_id" uuid NOT NULL,
	"amount_yuan" integer NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"second_approved_by" uuid,
	"second_approved_at" timestamp with time zone,
	"claim_deadline" timestamp with time zone,
	"claim_method" text,
	"claimed_day" date,
	"bank_details_sealed" text,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"declined_by" uuid,
	"decline_reason" text,
	CONSTRAINT "tip_rewards_amount_check" CHECK ("tip_rewards"."amount_yuan" > 0)
);
--> statement-breakpoint
CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"township_id" integer NOT NULL,
	"number" integer NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"village_id" integer,
	"place" text,
	"what" text,
	"period" text,
	"provider" text,
	"content_hash" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"triage" text,
	"out_of_scope_reason" text,
	"finding" text,
	"duplicate_of_tip_id" uuid,
	"matter_tip_id" uuid NOT NULL,
	"owner_officer_id" uuid,
	"ack_due_at" timestamp with time zone NOT NULL,
	"triage_due_at" timestamp with time zone NOT NULL,
	"outcome_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"triaged_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closing_summary" text,
	"overdue_stage" text,
	"overdue_count" integer DEFAULT 0 NOT NULL,
	"content_purged_at" timestamp with time zone,
	CONSTRAINT "tips_status_check" CHECK ("tips"."status" in ('received', 'acknowledged', 'accepted', 'out_of_scope', 'duplicate', 'investigating', 'substantiated', 'unsubstantiated', 'closed')),
	CONSTRAINT "tips_category_check" CHECK ("tips"."category" in ('two_non_sex_determination', 'two_non_sex_selective_abortion', 'abortion_drug_sales', 'illegal_fees', 'misconduct'))
);
--> statement-breakpoint
ALTER TABLE "stored_files" ALTER COLUMN "owner_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reward_tiers" ADD CONSTRAINT "reward_tiers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_attachments" ADD CONSTRAINT "tip_attachments_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_attachments" ADD CONSTRAINT "tip_attachments_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_counters" ADD CONSTRAINT "tip_counters_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_events" ADD CONSTRAINT "tip_events_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_events" ADD CONSTRAINT "tip_events_actor_officer_id_users_id_fk" FOREIGN KEY ("actor_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_messages" ADD CONSTRAINT "tip_messages_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_messages" ADD CONSTRAINT "tip_messages_author_officer_id_users_id_fk" FOREIGN KEY ("author_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_notification_links" ADD CONSTRAINT "tip_notification_links_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_second_approved_by_users_id_fk" FOREIGN KEY ("second_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_declined_by_users_id_fk" FOREIGN KEY ("declined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_owner_officer_id_users_id_fk" FOREIGN KEY ("owner_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tip_attachments_tip_idx" ON "tip_attachments" USING btree ("tip_id");--> statement-breakpoint
CREATE INDEX "tip_events_tip_idx" ON "tip_events" USING btree ("tip_id","id");--> statement-breakpoint
CREATE INDEX "tip_messages_tip_idx" ON "tip_messages" USING btree ("tip_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tip_notification_links_tip_chat_key" ON "tip_notification_links" USING btree ("tip_id","chat_id");--> statement-breakpoint
CREATE INDEX "tip_rewards_tip_idx" ON "tip_rewards" USING btree ("tip_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tip_rewards_one_per_matter" ON "tip_rewards" USING btree ("matter_tip_id") WHERE "tip_rewards"."status" not in ('declined', 'lapsed');--> statement-breakpoint
CREATE INDEX "tip_rewards_status_idx" ON "tip_rewards" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "tips_receipt_hash_key" ON "tips" USING btree ("receipt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "tips_township_number_key" ON "tips" USING btree ("township_id","number");--> statement-breakpoint
CREATE INDEX "tips_status_idx" ON "tips" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tips_matter_idx" ON "tips" USING btree ("matter_tip_id");