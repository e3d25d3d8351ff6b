CREATE TABLE "health_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "livelihood_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"village_id" integer,
	"topic" text NOT NULL,
	"question" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_agreement_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"texts" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "service_digests" (
	"officer_user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"waiting" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_digests_officer_user_id_day_pk" PRIMARY KEY("officer_user_id","day")
);
--> statement-breakpoint
CREATE TABLE "service_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"village_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"departed_at" timestamp with time zone NOT NULL,
	"moved_back_at" timestamp with time zone,
	"contact_phone" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_files_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "service_files_status_check" CHECK ("service_files"."status" in ('active', 'moved_back'))
);
--> statement-breakpoint
CREATE TABLE "service_item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" uuid,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"village_id" integer,
	"kind" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"last_met_on" date,
	"due_on" date,
	"met_ref" text,
	"current_submission_id" uuid,
	"submitted_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"owner_officer_id" uuid,
	"owned_since" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"return_items" jsonb,
	"reminder_key" text,
	"next_remind_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_items_status_check" CHECK ("service_items"."status" in ('not_started', 'submitted', 'verified', 'returned', 'due_again', 'expired', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "service_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"items" jsonb NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"details" jsonb,
	"file_id" uuid,
	"file_deleted_at" timestamp with time zone,
	"health_erased_at" timestamp with time zone,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"return_items" jsonb,
	"receipt" text
);
--> statement-breakpoint
ALTER TABLE "health_consents" ADD CONSTRAINT "health_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livelihood_requests" ADD CONSTRAINT "livelihood_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livelihood_requests" ADD CONSTRAINT "livelihood_requests_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "livelihood_requests" ADD CONSTRAINT "livelihood_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreement_versions" ADD CONSTRAINT "service_agreement_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_digests" ADD CONSTRAINT "service_digests_officer_user_id_users_id_fk" FOREIGN KEY ("officer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_files" ADD CONSTRAINT "service_files_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_files" ADD CONSTRAINT "service_files_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_events" ADD CONSTRAINT "service_item_events_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_events" ADD CONSTRAINT "service_item_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_file_id_service_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."service_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_items" ADD CONSTRAINT "service_items_owner_officer_id_users_id_fk" FOREIGN KEY ("owner_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reminders" ADD CONSTRAINT "service_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_submissions" ADD CONSTRAINT "service_submissions_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_submissions" ADD CONSTRAINT "service_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_submissions" ADD CONSTRAINT "service_submissions_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_submissions" ADD CONSTRAINT "service_submissions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_consents_one_active" ON "health_consents" USING btree ("user_id") WHERE "health_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "livelihood_requests_user_idx" ON "livelihood_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "livelihood_requests_open_idx" ON "livelihood_requests" USING btree ("village_id","created_at") WHERE "livelihood_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "service_files_village_idx" ON "service_files" USING btree ("village_id","status");--> statement-breakpoint
CREATE INDEX "service_item_events_item_idx" ON "service_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_items_file_kind_key" ON "service_items" USING btree ("file_id","kind");--> statement-breakpoint
CREATE INDEX "service_items_village_kind_idx" ON "service_items" USING btree ("village_id","kind","status","due_on");--> statement-breakpoint
CREATE INDEX "service_items_queue_idx" ON "service_items" USING btree ("village_id","deadline_at") WHERE "service_items"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "service_items_remind_idx" ON "service_items" USING btree ("next_remind_on") WHERE "service_items"."next_remind_on" is not null;--> statement-breakpoint
CREATE INDEX "service_items_user_idx" ON "service_items" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "service_reminders_user_idx" ON "service_reminders" USING btree ("user_id","planned_at");--> statement-breakpoint
CREATE INDEX "service_reminders_planned_idx" ON "service_reminders" USING btree ("planned_at") WHERE "service_reminders"."status" = 'planned';--> statement-breakpoint
CREATE INDEX "service_submissions_item_idx" ON "service_submissions" USING btree ("item_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_submissions_user_idx" ON "service_submissions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "service_submissions_purge_idx" ON "service_submissions" USING btree ("decided_at") WHERE "service_submissions"."file_id" is not null and "service_submissions"."status" = 'verified';