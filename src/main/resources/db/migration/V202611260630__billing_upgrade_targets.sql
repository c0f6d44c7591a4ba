-- An upgrade line carries what the membership becomes once it is paid, so an upgrade whose payment
-- is confirmed later (by the janitor) is applied then, wherever it is confirmed.
alter table invoice_lines
    add column upgrade_to_minor   bigint check (upgrade_to_minor is null or upgrade_to_minor > 0),
    add column upgrade_to_tier_id bigint,
    add constraint invoice_lines_upgrade_target check (upgrade_to_minor is null or kind = 'UPGRADE');
