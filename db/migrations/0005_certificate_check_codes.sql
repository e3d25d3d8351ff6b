CREATE TABLE "certificate_verification_counts" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"result" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "certificate_verification_counts_day_channel_result_pk" PRIMARY KEY("day","channel","result")
);
--> statement-breakpoint
-- Keep what the per-check rows told (how many checks, which answers), without the serials.
INSERT INTO "certificate_verification_counts" ("day", "channel", "result", "count")
SELECT ("at" AT TIME ZONE 'Asia/Shanghai')::date, "channel", "result", count(*)::int
FROM "certificate_verifications" GROUP BY 1, 2, 3;--> statement-breakpoint
DROP TABLE "certificate_verifications" CASCADE;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "check_code" text;--> statement-breakpoint
-- Certificates issued before check codes existed get a random one: 8 × 5 random bits of a v4 uuid
-- (its version and variant bytes skipped), Crockford base32 as core/certificates/check-code.ts. The
-- uuid is drawn in FROM, once per row (in a scalar subquery the planner may draw it once for all).
UPDATE "certificates" c SET "check_code" = (
	SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (get_byte(r.b, i) & 31) + 1, 1), '' ORDER BY i)
	FROM unnest(ARRAY[0, 1, 2, 3, 4, 5, 10, 11]) AS i
) FROM (SELECT "id", uuid_send(gen_random_uuid()) AS b FROM "certificates") r WHERE r."id" = c."id";--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "check_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_check_code_format" CHECK ("check_code" ~ '^[0-9A-HJKMNP-TV-Z]{8}$');
