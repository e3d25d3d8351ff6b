CREATE INDEX "cert_app_submitted_idx" ON "certificate_applications" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "cert_app_decided_idx" ON "certificate_applications" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "certificates_revoked_idx" ON "certificates" USING btree ("application_id") WHERE "certificates"."status" = 'revoked';