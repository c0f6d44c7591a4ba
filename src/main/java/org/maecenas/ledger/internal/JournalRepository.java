package org.maecenas.ledger.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
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
        Long id = jdbc.sql("""
                        insert into journal_entries (kind, reference, description, posted_at)
                        values (:kind, :reference, :description, :at)
                        on conflict (reference) do nothing returning id
                        """)
                .param("kind", entry.kind())
                .param("reference", entry.reference())
                .param("description", entry.description())
                .param("at", Timestamp.from(entry.postedAt()))
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            return false;
        }
        for (Leg leg : entry.legs()) {
            if (leg.amount().minor() == 0) {
                continue;
            }
            jdbc.sql("insert into journal_legs (entry_id, account, currency, amount_minor) values (:e, :a, :c, :m)")
                    .param("e", id)
                    .param("a", leg.account())
                    .param("c", leg.amount().currency().getCurrencyCode())
                    .param("m", leg.amount().minor())
                    .update();
        }
        return true;
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
