-- A billing day updates every renewing membership twice (moved on to its next period, then paid
-- through it), columns no index covers. With room left on each page PostgreSQL writes those as
-- heap-only updates, without a new entry in each of the table's five indexes.
alter table memberships set (fillfactor = 85);
