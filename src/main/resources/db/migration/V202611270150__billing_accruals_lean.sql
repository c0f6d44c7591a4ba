-- Accruals are written by one statement per paid post (for every member of the campaign at once) and
-- read by the billing day. Publishing to 100,000 patrons spent 45% of that statement checking foreign
-- keys row by row (1.25 of 2.8 s on the benchmark's data) and another 10% on a text key that said
-- what (membership_id, post_id) already says. What the keys guarded still holds, by other means:
--  * the only insert selects the membership (with its campaign and patron) and the post it names, so
--    it cannot name one that doesn't exist;
--  * memberships and posts are never deleted (cancelled and soft-deleted instead): triggers now refuse
--    it, so nothing can be orphaned later;
--  * `ledger verify` checks that every accrual's membership and post exist and agree.
alter table accruals
    drop constraint accruals_membership_fk,
    drop constraint accruals_post_id_fkey,
    drop column idempotency_key;
drop index memberships_id_campaign_patron;

create function refuse_delete() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never deleted (they are cancelled or marked deleted instead)', tg_table_name
        using errcode = 'restrict_violation';
end $$;
create trigger memberships_never_deleted before delete on memberships
    for each statement execute function refuse_delete();
create trigger posts_never_deleted before delete on posts
    for each statement execute function refuse_delete();
