package org.maecenas.payments;

import org.junit.jupiter.api.AfterEach;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@MaecenasTest
class SandboxGatewayContractTests extends PaymentGatewayContract {

    @Autowired
    PaymentGateway gateway;

    @Autowired
    JdbcClient jdbc;

    /**
     * The contract charges the sandbox directly, with no invoice or attempt behind the charges; left
     * in the shared database they would break the ledger invariants other test classes check.
     */
    @AfterEach
    void forgetTheContractsCharges() {
        String ours = "select charge_id from sandbox_charges where idempotency_key like 'contract-%'";
        jdbc.sql("delete from sandbox_disputes where charge_id in (" + ours + ")")
                .update();
        jdbc.sql("delete from sandbox_refunds where charge_id in (" + ours + ")")
                .update();
        jdbc.sql("delete from sandbox_charges where idempotency_key like 'contract-%'")
                .update();
    }

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected String payingCard() {
        return SandboxCards.tokenOf("4242424242424242");
    }

    @Override
    protected String poorCard() {
        return SandboxCards.tokenOf("4000000000009995");
    }

    @Override
    protected String authenticatingCard() {
        return SandboxCards.tokenOf("4000002500003155");
    }
}
