-- A post's comments by post: the creation page counts them (post_id = ? and deleted_at is null) in
-- an index-only scan instead of reading the whole comments table, and deleting a post (on delete
-- cascade) finds its comments without a scan. Measured in docs/benchmarks.md.
create index comments_by_post on comments (post_id, deleted_at);
