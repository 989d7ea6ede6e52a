namespace CemOnPrem.Storage.Events;

public sealed partial class EventLogWriter
{
    /// <summary>The writer's statements; positional parameters, so Npgsql sends them without rewriting.</summary>
    internal static class Sql
    {
        // The fingerprint travels with the receipt (no extra round trip): a replay with other content is a conflict.
        // LATERAL ... LIMIT 1 keeps these as one unique-index probe per key. A plain join with unnest lets the
        // planner, which knows how many keys the array holds, pick a hash join over a sequential scan of the
        // whole log: 140 ms per 1,000-event batch on a 300k-row log, growing with the log.
        public const string ReadReceipts =
            """
            select e.source, e.event_id, e.seq, e.customer_id, e.received_at, e.fingerprint
            from unnest($1::text[], $2::text[]) as k(source, event_id)
            cross join lateral (
                select source, event_id, seq, customer_id, received_at, fingerprint from events
                where source = k.source and event_id = k.event_id limit 1) e
            """;

        // With each owner its active key row (the writer needs it to encrypt, and a separate read on key-cache misses
        // cost a round trip per group). The join sits inside the lateral so it stays one index probe per identity.
        public const string ReadOwners =
            """
            select ci.id_type, ci.id_index, ci.customer_id, ci.key_id, ci.kek_version, ci.wrapped
            from unnest($1::text[], $2::bytea[]) as k(id_type, id_index)
            cross join lateral (
                select i.id_type, i.id_index, i.customer_id, ck.key_id, ck.kek_version, ck.wrapped
                from customer_identities i left join customer_keys ck on ck.origin_customer_id = i.customer_id
                where i.id_type = k.id_type and i.id_index = k.id_index limit 1) ci
            """;

        // The writer's statements are prepared (see DataSources.CreateForEventWriter), so each runs one generic plan per
        // connection: "customer_id = any($1) order by customer_id" planned while the table was small scanned it (8-73 ms
        // per call instead of ~0.2, WriterStatementPlansTests). One index probe per key in the array's order instead:
        // callers pass the keys sorted (ordinal), which is the order rows are locked in, so two writers lock alike.
        public const string LockSurvivorCandidates =
            """
            select c.customer_id, c.created_at
            from unnest($1::text[]) as u(id)
            cross join lateral (select customer_id, created_at from customers where customer_id = u.id for update) c
            """;

        public const string InsertCustomers =
            "insert into customers (customer_id, region, created_at) select unnest($1::text[]), $2, $3";

        // No ON CONFLICT: an identity another writer claimed since our read fails the statement (unique violation), the
        // rest of the round trip including its COMMIT is skipped, and the append is retried from a fresh read.
        public const string InsertIdentities =
            """
            insert into customer_identities (id_type, id_index, id_value, customer_id, region, first_seen_at)
            select t, x, v, c, $5, $6 from unnest($1::text[], $2::bytea[], $3::bytea[], $4::text[]) as u(t, x, v, c)
            """;

        public const string InsertCustomerKeys =
            """
            insert into customer_keys (key_id, customer_id, origin_customer_id, region, kek_version, wrapped)
            select k, c, c, $5, v, w from unnest($1::uuid[], $2::text[], $3::integer[], $4::bytea[]) as u(k, c, v, w)
            """;

        // The loser's keys follow its rows: the survivor's reader needs them, and erasing the survivor must destroy them.
        public const string MergeKeys = "update customer_keys set customer_id = $2 where customer_id = $1";

        public const string MergeIdentities = "update customer_identities set customer_id = $2 where customer_id = $1";

        // tx is re-stamped so the analytics projector, which follows the log by transaction id, sees moved rows again.
        public const string MergeEvents = "update events set customer_id = $2, tx = pg_current_xact_id() where customer_id = $1";

        public const string MergeCustomers =
            "update customers set merged_into = $2, tx = pg_current_xact_id() where customer_id = $1 or merged_into = $1";

        public const string BumpEpoch = "update customers set epoch = epoch + 1 where customer_id = $1";

        public const string LockCustomers =
            "select 1 from unnest($1::text[]) as u(id) cross join lateral (select 1 from customers where customer_id = u.id for update) c";

        public const string InsertEvents =
            """
            insert into events (source, event_id, region, customer_id, kind, touchpoint, org_unit, occurred_at, received_at,
                                pii, attributes, scores, has_text, fingerprint)
            select s, e, $1, c, k, t, o, oc, $2, p, a::jsonb, sc::jsonb, ht, f
            from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                        $10::bytea[], $11::text[], $12::text[], $13::boolean[], $14::bytea[]) as u(s, e, c, k, t, o, oc, p, a, sc, ht, f)
            on conflict (source, event_id) do nothing
            returning source, event_id, seq, customer_id, received_at
            """;

        public const string Commit = "commit";
    }
}
