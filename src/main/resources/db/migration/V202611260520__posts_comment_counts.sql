-- A post's count of live comments, kept with each comment written or deleted, so a creation page
-- costs the same with ten thousand comments as with none.
alter table posts add column comment_count int not null default 0 check (comment_count >= 0);
update posts p set comment_count = (select count(*) from comments c where c.post_id = p.id and c.deleted_at is null);
