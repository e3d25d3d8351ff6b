-- Clicks count once per recipient: presses by people who were not sent the campaign (no delivery) are
-- dropped, and of repeated presses only the first is kept, before the constraints are added.
DELETE FROM "campaign_clicks" WHERE "delivery_id" IS NULL
  OR "delivery_id" NOT IN (SELECT "id" FROM "campaign_deliveries");--> statement-breakpoint
DELETE FROM "campaign_clicks" c USING "campaign_clicks" earlier
  WHERE earlier."delivery_id" = c."delivery_id" AND earlier."id" < c."id";--> statement-breakpoint
ALTER TABLE "campaign_clicks" ALTER COLUMN "delivery_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_clicks" ADD CONSTRAINT "campaign_clicks_delivery_id_campaign_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."campaign_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_clicks_delivery_key" ON "campaign_clicks" USING btree ("delivery_id");