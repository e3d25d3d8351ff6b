CREATE TABLE "service_completeness" (
	"village_key" integer PRIMARY KEY NOT NULL,
	"village_id" integer,
	"figures" jsonb NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
