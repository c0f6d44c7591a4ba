-- A patron's saved methods by patron: a billing day looks up hundreds of patrons' cards at once, and
-- the only index leading with the user was the partial one over default cards.
create index payment_methods_by_user on payment_methods (user_id) where removed_at is null;
