-- An accrual is a membership's bill for a post: (post, membership) is its key, and the surrogate id
-- goes. Nothing pointed at it (an accrual names its invoice line, not the other way round), and its
-- index cost an entry for every accrual written and again for every accrual invoiced.
alter table accruals drop constraint accruals_one_per_post_and_membership;
alter table accruals drop constraint accruals_pkey;
alter table accruals drop column id;
alter table accruals add primary key (post_id, membership_id);
