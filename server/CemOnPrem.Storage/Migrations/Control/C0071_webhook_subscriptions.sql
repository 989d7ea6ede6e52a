-- Cases: webhook subscriptions (docs/cases.md "Notifications: webhooks and e-mail"). Deployment-wide like the rest of
-- the control database; the signing secret is stored protected by ASP.NET Core Data Protection (keys in identity),
-- never in clear and never returned after creation.
create table webhook_subscriptions (
    subscription_id  uuid primary key,
    name             text not null,
    url              text not null,
    -- empty = every case event / every region
    events           text[] not null default '{}',
    regions          text[] not null default '{}',
    enabled          boolean not null default true,
    secret_protected text not null,
    created_at       timestamptz not null,
    created_by       text not null
);
