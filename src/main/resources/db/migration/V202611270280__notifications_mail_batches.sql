-- A billing day pays hundreds of patrons in one transaction. Their receipts, notices and requests to
-- confirm are now queued as one row holding what happened (batch_kind and batch_payload); the drain
-- writes each mail when it sends it and keeps how far it got (batch_sent), so a drain that dies
-- part-way resumes there. A row per mail cost the day an insert with three index entries per patron
-- and the drain two updates per mail.
alter table mail_outbox
    add column batch_kind    text,
    add column batch_payload text,
    add column batch_sent    int not null default 0,
    alter column recipient drop not null,
    add constraint mail_outbox_batch_whole check ((batch_kind is null) = (batch_payload is null)),
    add constraint mail_outbox_has_recipient check (recipient is not null or batch_kind is not null);
alter table mail_outbox drop constraint mail_outbox_has_text;
alter table mail_outbox add constraint mail_outbox_has_text
    check (content_id is not null or (subject is not null and body is not null) or batch_kind is not null);
