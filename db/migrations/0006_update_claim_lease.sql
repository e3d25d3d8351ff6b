ALTER TABLE "telegram_updates" ADD COLUMN "processing_until" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "telegram_updates_processing_idx" ON "telegram_updates" USING btree ("processing_until") WHERE "telegram_updates"."status" = 'processing';