CREATE TABLE "campaign_delivery_counts" (
	"campaign_id" uuid NOT NULL,
	"status" text NOT NULL,
	"error_code" text NOT NULL,
	"shard" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "campaign_delivery_counts_campaign_id_status_error_code_shard_pk" PRIMARY KEY("campaign_id","status","error_code","shard")
);
--> statement-breakpoint
CREATE TABLE "application_status_counts" (
	"village_id" integer NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "application_status_counts_village_id_status_pk" PRIMARY KEY("village_id","status")
);
--> statement-breakpoint
CREATE TABLE "application_week_counts" (
	"village_id" integer NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "application_week_counts_village_id_week_kind_pk" PRIMARY KEY("village_id","week","kind")
);
--> statement-breakpoint
ALTER TABLE "campaign_delivery_counts" ADD CONSTRAINT "campaign_delivery_counts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;-- The review dashboard's counts by status (core/certificates/get-review-dashboard.ts) and a campaign's
-- live progress (core/campaigns/get-campaign-progress.ts) read these counters instead of counting
-- every application or delivery. Statement-level triggers with transition tables keep them exact in
-- the transaction of every change: one aggregated upsert per statement that moved something between
-- cells (none for a statement that changed no counted column), whatever code ran the statement.
-- Upserts take their rows in key order, so two statements never wait on each other crosswise.
CREATE FUNCTION application_status_counts_change() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		-- A new application has no certificate yet.
		INSERT INTO "application_status_counts" AS c ("village_id", "status", "n")
		SELECT coalesce(n."village_id", 0), n."status", count(*)::int FROM new_rows n
		WHERE n."status" <> 'draft' GROUP BY 1, 2 ORDER BY 1, 2
		ON CONFLICT ("village_id", "status") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO "application_status_counts" AS c ("village_id", "status", "n")
		SELECT d.village_id, d.status, sum(d.delta)::int FROM (
			WITH changed AS (
				SELECT coalesce(o."village_id", 0) AS old_village, o."status" AS old_status,
					coalesce(n."village_id", 0) AS new_village, n."status" AS new_status,
					EXISTS (SELECT 1 FROM "certificates" r WHERE r."application_id" = n."id" AND r."status" = 'revoked') AS revoked
				FROM old_rows o JOIN new_rows n ON n."id" = o."id"
				WHERE (o."village_id", o."status") IS DISTINCT FROM (n."village_id", n."status")
			)
			SELECT old_village AS village_id, old_status AS status, -1 AS delta FROM changed WHERE old_status <> 'draft'
			UNION ALL SELECT new_village, new_status, 1 FROM changed WHERE new_status <> 'draft'
			UNION ALL SELECT old_village, 'revoked', -1 FROM changed WHERE revoked AND old_status <> 'draft'
			UNION ALL SELECT new_village, 'revoked', 1 FROM changed WHERE revoked AND new_status <> 'draft'
		) d GROUP BY 1, 2 HAVING sum(d.delta) <> 0 ORDER BY 1, 2
		ON CONFLICT ("village_id", "status") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSE
		-- A certificate keeps its application (no cascade), so a deleted one had none.
		INSERT INTO "application_status_counts" AS c ("village_id", "status", "n")
		SELECT coalesce(o."village_id", 0), o."status", -count(*)::int FROM old_rows o
		WHERE o."status" <> 'draft' GROUP BY 1, 2 ORDER BY 1, 2
		ON CONFLICT ("village_id", "status") DO UPDATE SET "n" = c."n" + excluded."n";
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER application_status_counts_insert AFTER INSERT ON "certificate_applications"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_status_counts_change();--> statement-breakpoint
CREATE TRIGGER application_status_counts_update AFTER UPDATE ON "certificate_applications"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_status_counts_change();--> statement-breakpoint
CREATE TRIGGER application_status_counts_delete AFTER DELETE ON "certificate_applications"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_status_counts_change();--> statement-breakpoint
-- A revoked certificate counts in its application's village (as the dashboard joins them), and only
-- while that application is not a draft.
CREATE FUNCTION application_revoked_counts_change() RETURNS trigger AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		INSERT INTO "application_status_counts" AS c ("village_id", "status", "n")
		SELECT coalesce(a."village_id", 0), 'revoked', -count(*)::int
		FROM old_rows o JOIN "certificate_applications" a ON a."id" = o."application_id"
		WHERE o."status" = 'revoked' AND a."status" <> 'draft'
		GROUP BY 1 ORDER BY 1
		ON CONFLICT ("village_id", "status") DO UPDATE SET "n" = c."n" + excluded."n";
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		INSERT INTO "application_status_counts" AS c ("village_id", "status", "n")
		SELECT coalesce(a."village_id", 0), 'revoked', count(*)::int
		FROM new_rows r JOIN "certificate_applications" a ON a."id" = r."application_id"
		WHERE r."status" = 'revoked' AND a."status" <> 'draft'
		GROUP BY 1 ORDER BY 1
		ON CONFLICT ("village_id", "status") DO UPDATE SET "n" = c."n" + excluded."n";
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER application_revoked_counts_insert AFTER INSERT ON "certificates"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_revoked_counts_change();--> statement-breakpoint
CREATE TRIGGER application_revoked_counts_update AFTER UPDATE ON "certificates"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_revoked_counts_change();--> statement-breakpoint
CREATE TRIGGER application_revoked_counts_delete AFTER DELETE ON "certificates"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_revoked_counts_change();--> statement-breakpoint
-- The weekly chart: submissions and decisions per village and Shanghai week (Monday), for non-drafts.
CREATE FUNCTION application_week(p_at timestamptz) RETURNS date AS $$
	SELECT date_trunc('week', p_at AT TIME ZONE 'Asia/Shanghai')::date;
$$ LANGUAGE sql IMMUTABLE;--> statement-breakpoint
CREATE FUNCTION application_week_counts_change() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO "application_week_counts" AS c ("village_id", "week", "kind", "n")
		SELECT d.village_id, d.week, d.kind, count(*)::int FROM (
			SELECT coalesce(n."village_id", 0) AS village_id, application_week(n."submitted_at") AS week, 'submitted' AS kind
			FROM new_rows n WHERE n."status" <> 'draft' AND n."submitted_at" IS NOT NULL
			UNION ALL
			SELECT coalesce(n."village_id", 0), application_week(n."decided_at"), 'decided'
			FROM new_rows n WHERE n."status" <> 'draft' AND n."decided_at" IS NOT NULL
		) d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ("village_id", "week", "kind") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO "application_week_counts" AS c ("village_id", "week", "kind", "n")
		SELECT d.village_id, d.week, d.kind, sum(d.delta)::int FROM (
			WITH changed AS (
				SELECT o."village_id" AS ov, o."status" <> 'draft' AS ocounted, o."submitted_at" AS os, o."decided_at" AS od,
					n."village_id" AS nv, n."status" <> 'draft' AS ncounted, n."submitted_at" AS ns, n."decided_at" AS nd
				FROM old_rows o JOIN new_rows n ON n."id" = o."id"
				WHERE (o."village_id", o."status" <> 'draft', o."submitted_at", o."decided_at")
					IS DISTINCT FROM (n."village_id", n."status" <> 'draft', n."submitted_at", n."decided_at")
			)
			SELECT coalesce(ov, 0) AS village_id, application_week(os) AS week, 'submitted' AS kind, -1 AS delta FROM changed WHERE ocounted AND os IS NOT NULL
			UNION ALL SELECT coalesce(ov, 0), application_week(od), 'decided', -1 FROM changed WHERE ocounted AND od IS NOT NULL
			UNION ALL SELECT coalesce(nv, 0), application_week(ns), 'submitted', 1 FROM changed WHERE ncounted AND ns IS NOT NULL
			UNION ALL SELECT coalesce(nv, 0), application_week(nd), 'decided', 1 FROM changed WHERE ncounted AND nd IS NOT NULL
		) d GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT ("village_id", "week", "kind") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSE
		INSERT INTO "application_week_counts" AS c ("village_id", "week", "kind", "n")
		SELECT d.village_id, d.week, d.kind, -count(*)::int FROM (
			SELECT coalesce(o."village_id", 0) AS village_id, application_week(o."submitted_at") AS week, 'submitted' AS kind
			FROM old_rows o WHERE o."status" <> 'draft' AND o."submitted_at" IS NOT NULL
			UNION ALL
			SELECT coalesce(o."village_id", 0), application_week(o."decided_at"), 'decided'
			FROM old_rows o WHERE o."status" <> 'draft' AND o."decided_at" IS NOT NULL
		) d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ("village_id", "week", "kind") DO UPDATE SET "n" = c."n" + excluded."n";
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER application_week_counts_insert AFTER INSERT ON "certificate_applications"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_week_counts_change();--> statement-breakpoint
CREATE TRIGGER application_week_counts_update AFTER UPDATE ON "certificate_applications"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_week_counts_change();--> statement-breakpoint
CREATE TRIGGER application_week_counts_delete AFTER DELETE ON "certificate_applications"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_week_counts_change();--> statement-breakpoint
-- Repair: rebuilds every cell of both tables from the rows (after a bulk load with triggers off, or a
-- suspected drift). Writers of applications and certificates wait while it counts (SHARE locks, one pass).
CREATE FUNCTION application_status_counts_recount() RETURNS void AS $$
BEGIN
	LOCK TABLE "certificate_applications", "certificates" IN SHARE MODE;
	DELETE FROM "application_status_counts";
	INSERT INTO "application_status_counts" ("village_id", "status", "n")
	SELECT coalesce("village_id", 0), "status", count(*)::int FROM "certificate_applications"
	WHERE "status" <> 'draft' GROUP BY 1, 2;
	INSERT INTO "application_status_counts" ("village_id", "status", "n")
	SELECT coalesce(a."village_id", 0), 'revoked', count(*)::int
	FROM "certificates" r JOIN "certificate_applications" a ON a."id" = r."application_id"
	WHERE r."status" = 'revoked' AND a."status" <> 'draft' GROUP BY 1;
	DELETE FROM "application_week_counts";
	INSERT INTO "application_week_counts" ("village_id", "week", "kind", "n")
	SELECT d.village_id, d.week, d.kind, count(*)::int FROM (
		SELECT coalesce("village_id", 0) AS village_id, application_week("submitted_at") AS week, 'submitted' AS kind
		FROM "certificate_applications" WHERE "status" <> 'draft' AND "submitted_at" IS NOT NULL
		UNION ALL
		SELECT coalesce("village_id", 0), application_week("decided_at"), 'decided'
		FROM "certificate_applications" WHERE "status" <> 'draft' AND "decided_at" IS NOT NULL
	) d GROUP BY 1, 2, 3;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- Deliveries: the shard is the backend's, so concurrent consumers (each on its own connection) add
-- to different rows instead of queueing on one; a reader sums a campaign's few rows.
CREATE FUNCTION campaign_delivery_counts_change() RETURNS trigger AS $$
DECLARE
	v_shard integer := pg_backend_pid() % 4;
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO "campaign_delivery_counts" AS c ("campaign_id", "status", "error_code", "shard", "n")
		SELECT n."campaign_id", n."status", coalesce(n."error_code", ''), v_shard, count(*)::int FROM new_rows n
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ("campaign_id", "status", "error_code", "shard") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSIF TG_OP = 'UPDATE' THEN
		-- Claims, outcomes, releases, retries, cancellation: only the cells a status or error code
		-- moved between are written; an outcome written twice (same status) nets to nothing.
		INSERT INTO "campaign_delivery_counts" AS c ("campaign_id", "status", "error_code", "shard", "n")
		SELECT d.campaign_id, d.status, d.error_code, v_shard, sum(d.delta)::int FROM (
			SELECT o."campaign_id", o."status", coalesce(o."error_code", '') AS error_code, -1 AS delta FROM old_rows o
			UNION ALL
			SELECT n."campaign_id", n."status", coalesce(n."error_code", ''), 1 FROM new_rows n
		) d GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT ("campaign_id", "status", "error_code", "shard") DO UPDATE SET "n" = c."n" + excluded."n";
	ELSE
		-- Not for a campaign being deleted: its counters go with it (cascade).
		INSERT INTO "campaign_delivery_counts" AS c ("campaign_id", "status", "error_code", "shard", "n")
		SELECT o."campaign_id", o."status", coalesce(o."error_code", ''), v_shard, -count(*)::int FROM old_rows o
		WHERE EXISTS (SELECT 1 FROM "campaigns" k WHERE k."id" = o."campaign_id")
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ("campaign_id", "status", "error_code", "shard") DO UPDATE SET "n" = c."n" + excluded."n";
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER campaign_delivery_counts_insert AFTER INSERT ON "campaign_deliveries"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_delivery_counts_change();--> statement-breakpoint
CREATE TRIGGER campaign_delivery_counts_update AFTER UPDATE ON "campaign_deliveries"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_delivery_counts_change();--> statement-breakpoint
CREATE TRIGGER campaign_delivery_counts_delete AFTER DELETE ON "campaign_deliveries"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_delivery_counts_change();--> statement-breakpoint
-- Repair for one campaign: writers of deliveries wait while its rows are counted (one index range).
CREATE FUNCTION campaign_delivery_counts_recount(p_campaign uuid) RETURNS void AS $$
BEGIN
	LOCK TABLE "campaign_deliveries" IN SHARE MODE;
	DELETE FROM "campaign_delivery_counts" WHERE "campaign_id" = p_campaign;
	INSERT INTO "campaign_delivery_counts" ("campaign_id", "status", "error_code", "shard", "n")
	SELECT "campaign_id", "status", coalesce("error_code", ''), 0, count(*)::int FROM "campaign_deliveries"
	WHERE "campaign_id" = p_campaign GROUP BY 1, 2, 3;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
SELECT application_status_counts_recount();--> statement-breakpoint
INSERT INTO "campaign_delivery_counts" ("campaign_id", "status", "error_code", "shard", "n")
SELECT "campaign_id", "status", coalesce("error_code", ''), 0, count(*)::int FROM "campaign_deliveries" GROUP BY 1, 2, 3;
