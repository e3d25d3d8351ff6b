CREATE TABLE "bot_conversations" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"step" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bot_conversations_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "bot_conversations_kind_check" CHECK ("bot_conversations"."kind" in ('tip_report', 'service_file'))
);
--> statement-breakpoint
ALTER TABLE "bot_conversations" ADD CONSTRAINT "bot_conversations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_conversations_expires_idx" ON "bot_conversations" USING btree ("expires_at");