package org.maecenas.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read-only questions about the journal: balances as of a moment, movements by kind over a period. */
@Service
public class LedgerReports {

    private final JdbcClient jdbc;

    LedgerReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a creator may be paid now, per currency: earnings count once they are older than the
     * holding period; everything taken from the balance (payouts, refunds, held disputes) counts at
     * once, and so do what a failed payout returns (it was available when it left) and a won
     * dispute's release (it only undoes its hold, and the earnings it held still wait for their own
     * holding period). Never negative.
     */
    public Map<String, Long> available(long campaignId, Instant heldUntil) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.currency,
                               greatest(0, -sum(case when l.amount_minor < 0
                                                          and (e.posted_at <= :cutoff
                                                               or e.kind in ('PAYOUT_FAILED', 'DISPUTE_RELEASED'))
                                                     then l.amount_minor
                                                     when l.amount_minor > 0 then l.amount_minor else 0 end))
                          from journal_legs l join journal_entries e on e.id = l.entry_id
                         where l.account = :account
                         group by l.currency order by l.currency
                        """)
                .param("cutoff", Timestamp.from(heldUntil))
                .param("account", LedgerAccounts.creatorBalance(campaignId))
                .query((rs, n) -> result.put(rs.getString(1), rs.getLong(2)))
                .list();
        return result;
    }

    /**
     * How an account moved between two moments, by kind of entry (SETTLEMENT, PAYOUT, REFUND …), as
     * debits minus credits per currency.
     */
    public Map<String, Map<String, Long>> movements(String account, Instant from, Instant to) {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select e.kind, l.currency, sum(l.amount_minor)
                          from journal_legs l join journal_entries e on e.id = l.entry_id
                         where l.account = :account and e.posted_at >= :from and e.posted_at < :to
                         group by e.kind, l.currency order by e.kind, l.currency
                        """)
                .param("account", account)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        return result;
    }

    /** An account's balance (debits minus credits) per currency at a moment. */
    public Map<String, Long> balanceAt(String account, Instant at) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.currency, sum(l.amount_minor)
                          from journal_legs l join journal_entries e on e.id = l.entry_id
                         where l.account = :account and e.posted_at < :at
                         group by l.currency order by l.currency
                        """)
                .param("account", account)
                .param("at", Timestamp.from(at))
                .query((rs, n) -> result.put(rs.getString(1), rs.getLong(2)))
                .list();
        return result;
    }
}
