package org.maecenas.payments;

import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;

@MaecenasTest
class SandboxGatewayContractTests extends PaymentGatewayContract {

    @Autowired
    PaymentGateway gateway;

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
