package org.maecenas.ledger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger.AccountBalance;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class JournalRepository {

    private final JdbcClient jdbc;

    JournalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean insert(JournalEntry entry) {
        return insertAll(List.of(entry)) == 1;
    }

    /**
     * Inserts entries whose references are new (others were posted before and are skipped): their
     * heads in one statement, all their legs in a second one, which the database checks as a whole
     * (every entry it touches balances per currency). Returns how many entries were new.
     */
    public int insertAll(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                        insert into journal_entries (kind, reference, description, posted_at)
                        select * from unnest(cast(:kinds as text[]), cast(:references as text[]),
                                             cast(:descriptions as text[]), cast(:at as timestamptz[]))
                        on conflict (reference) do nothing returning id, reference
                        """)
                .param("kinds", entries.stream().map(JournalEntry::kind).toArray(String[]::new))
                .param(
                        "references",
                        entries.stream().map(JournalEntry::reference).toArray(String[]::new))
                .param(
                        "descriptions",
                        entries.stream().map(JournalEntry::description).toArray(String[]::new))
                .param("at", entries.stream().map(e -> e.postedAt().toString()).toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString(2), rs.getLong(1)))
                .list();
        int inserted = ids.size();
        if (inserted == 0) {
            return 0;
        }
        List<Long> entry = new ArrayList<>();
        List<String> account = new ArrayList<>();
        List<String> currency = new ArrayList<>();
        List<Long> amount = new ArrayList<>();
        for (JournalEntry e : entries) {
            Long id = ids.remove(e.reference());
            if (id == null) {
                continue;
            }
            for (Leg leg : e.legs()) {
                if (leg.amount().minor() != 0) {
                    entry.add(id);
                    account.add(leg.account());
                    currency.add(leg.amount().currency().getCurrencyCode());
                    amount.add(leg.amount().minor());
                }
            }
        }
        jdbc.sql("""
                        insert into journal_legs (entry_id, account, currency, amount_minor)
                        select * from unnest(cast(:entries as bigint[]), cast(:accounts as text[]),
                                             cast(:currencies as char(3)[]), cast(:amounts as bigint[]))
                        """)
                .param("entries", entry.toArray(Long[]::new))
                .param("accounts", account.toArray(String[]::new))
                .param("currencies", currency.toArray(String[]::new))
                .param("amounts", amount.toArray(Long[]::new))
                .update();
        return inserted;
    }

    public Map<String, Long> balance(String account) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql(
                        "select currency, sum(amount_minor) from journal_legs where account = :a group by currency order by currency")
                .param("a", account)
                .query((rs, n) -> result.put(rs.getString(1), rs.getLong(2)))
                .list();
        return result;
    }

    public List<AccountBalance> balances() {
        return jdbc.sql("""
                        select account, currency, sum(amount_minor) from journal_legs
                         group by account, currency order by account, currency
                        """)
                .query((rs, n) -> new AccountBalance(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    public List<JournalEntry> entries(String referencePrefix, int limit) {
        List<JournalEntry> entries = new ArrayList<>();
        Map<Long, List<Leg>> legs = new LinkedHashMap<>();
        List<Object[]> heads = jdbc.sql("""
                        select id, kind, reference, description, posted_at from journal_entries
                         where reference like :prefix order by id desc limit :limit
                        """)
                .param("prefix", referencePrefix.replace("%", "\\\\%") + "%")
                .param("limit", limit)
                .query((rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()
                })
                .list();
        if (heads.isEmpty()) {
            return entries;
        }
        jdbc.sql(
                        "select entry_id, account, currency, amount_minor from journal_legs where entry_id = any(:ids) order by id")
                .param("ids", heads.stream().map(h -> (Long) h[0]).toArray(Long[]::new))
                .query((rs, n) -> legs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Leg(rs.getString(2), Money.of(rs.getLong(4), rs.getString(3)))))
                .list();
        for (Object[] head : heads) {
            entries.add(new JournalEntry(
                    (String) head[1],
                    (String) head[2],
                    (String) head[3],
                    (java.time.Instant) head[4],
                    legs.getOrDefault((Long) head[0], List.of())));
        }
        return entries;
    }
}
