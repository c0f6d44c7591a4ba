package org.maecenas.billing;

import java.util.List;
import org.maecenas.billing.BillingProblems.CardStillNeeded;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Pledges;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patron's cards as billing needs them: the default card is the one renewals and retries charge,
 * so making a card the default moves the memberships to it, and the last card cannot be removed
 * while memberships still need paying (the payments module knows nothing of memberships).
 */
@Service
public class Wallet {

    private final PaymentMethods methods;
    private final Pledges pledges;

    Wallet(PaymentMethods methods, Pledges pledges) {
        this.methods = methods;
        this.pledges = pledges;
    }

    @Transactional
    public void makeDefault(long patron, long methodId) {
        methods.makeDefault(patron, methodId);
        pledges.useCard(patron, methodId);
    }

    /** Removes a card; another card becomes the default (and pays the memberships) if this one was. */
    @Transactional
    public void remove(long patron, long methodId) {
        PaymentMethod card = methods.require(patron, methodId);
        List<PaymentMethod> others =
                methods.of(patron).stream().filter(m -> m.id() != methodId).toList();
        boolean needed = pledges.ofPatron(patron).stream().anyMatch(p -> p.paid() && p.live());
        if (others.isEmpty() && needed) {
            throw new CardStillNeeded();
        }
        methods.remove(patron, methodId);
        if (card.isDefault() && !others.isEmpty()) {
            makeDefault(patron, others.getFirst().id());
        }
    }
}
