CREATE TABLE "audience_counts" (
	"topic" text NOT NULL,
	"village_id" integer NOT NULL,
	"language" text NOT NULL,
	"population_status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "audience_counts_topic_village_id_language_population_status_pk" PRIMARY KEY("topic","village_id","language","population_status")
);
--> statement-breakpoint
-- The live audience count (core/campaigns/count-audience.ts) reads these cells instead of counting
-- people: one row per topic × village (0 = none) × language × population status, holding how many
-- subscribed, unblocked people it has. Every change that can move a person in or out of a cell is
-- counted here, in the same transaction as the change.
CREATE FUNCTION audience_count_add(p_topic text, p_village integer, p_language text, p_status text, p_delta integer)
RETURNS void AS $$
BEGIN
	INSERT INTO "audience_counts" AS c ("topic", "village_id", "language", "population_status", "n")
	VALUES (p_topic, coalesce(p_village, 0), p_language, p_status, p_delta)
	ON CONFLICT ("topic", "village_id", "language", "population_status") DO UPDATE SET "n" = c."n" + p_delta;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- A person's every subscription, in or out of the cell their file puts them in.
CREATE FUNCTION audience_count_person(p_user uuid, p_village integer, p_language text, p_status text, p_sign integer)
RETURNS void AS $$
BEGIN
	INSERT INTO "audience_counts" AS c ("topic", "village_id", "language", "population_status", "n")
	SELECT s."topic", coalesce(p_village, 0), p_language, p_status, p_sign * count(*)::int
	FROM "subscriptions" s WHERE s."user_id" = p_user GROUP BY s."topic"
	ON CONFLICT ("topic", "village_id", "language", "population_status") DO UPDATE SET "n" = c."n" + excluded."n";
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE FUNCTION subscriptions_audience_count() RETURNS trigger AS $$
DECLARE
	u record;
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		-- Not found when the person is being deleted: their delete took them out already.
		SELECT "village_id", "language", "population_status", "broadcast_blocked_at" INTO u FROM "users" WHERE "id" = OLD."user_id";
		IF FOUND AND u."broadcast_blocked_at" IS NULL THEN
			PERFORM audience_count_add(OLD."topic", u."village_id", u."language", u."population_status", -1);
		END IF;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		SELECT "village_id", "language", "population_status", "broadcast_blocked_at" INTO u FROM "users" WHERE "id" = NEW."user_id";
		IF FOUND AND u."broadcast_blocked_at" IS NULL THEN
			PERFORM audience_count_add(NEW."topic", u."village_id", u."language", u."population_status", 1);
		END IF;
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER subscriptions_audience_count AFTER INSERT OR UPDATE OR DELETE ON "subscriptions"
	FOR EACH ROW EXECUTE FUNCTION subscriptions_audience_count();--> statement-breakpoint
CREATE FUNCTION users_audience_count_update() RETURNS trigger AS $$
BEGIN
	IF (OLD."village_id", OLD."language", OLD."population_status", OLD."broadcast_blocked_at" IS NULL)
		IS NOT DISTINCT FROM (NEW."village_id", NEW."language", NEW."population_status", NEW."broadcast_blocked_at" IS NULL) THEN
		RETURN NULL;
	END IF;
	IF OLD."broadcast_blocked_at" IS NULL THEN
		PERFORM audience_count_person(OLD."id", OLD."village_id", OLD."language", OLD."population_status", -1);
	END IF;
	IF NEW."broadcast_blocked_at" IS NULL THEN
		PERFORM audience_count_person(NEW."id", NEW."village_id", NEW."language", NEW."population_status", 1);
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER users_audience_count_update
	AFTER UPDATE OF "village_id", "language", "population_status", "broadcast_blocked_at" ON "users"
	FOR EACH ROW EXECUTE FUNCTION users_audience_count_update();--> statement-breakpoint
-- Before the row goes (and with it, by cascade, the subscriptions, whose trigger then finds no person).
CREATE FUNCTION users_audience_count_delete() RETURNS trigger AS $$
BEGIN
	IF OLD."broadcast_blocked_at" IS NULL THEN
		PERFORM audience_count_person(OLD."id", OLD."village_id", OLD."language", OLD."population_status", -1);
	END IF;
	RETURN OLD;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER users_audience_count_delete BEFORE DELETE ON "users"
	FOR EACH ROW EXECUTE FUNCTION users_audience_count_delete();--> statement-breakpoint
INSERT INTO "audience_counts" ("topic", "village_id", "language", "population_status", "n")
SELECT s."topic", coalesce(u."village_id", 0), u."language", u."population_status", count(*)::int
FROM "users" u JOIN "subscriptions" s ON s."user_id" = u."id"
WHERE u."broadcast_blocked_at" IS NULL
GROUP BY 1, 2, 3, 4;
