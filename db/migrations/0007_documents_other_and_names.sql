ALTER TABLE "application_documents" DROP CONSTRAINT "app_docs_kind_check";--> statement-breakpoint
ALTER TABLE "application_documents" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD COLUMN "return_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "stored_files" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "app_docs_label_check" CHECK (("application_documents"."kind" = 'other') = ("application_documents"."label" is not null) and char_length(coalesce("application_documents"."label", '')) <= 40);--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "app_docs_kind_check" CHECK ("application_documents"."kind" in ('id_card', 'hukou_page', 'marriage_certificate', 'other'));