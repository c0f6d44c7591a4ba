package org.maecenas.payments;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether Stripe is turned on ({@code STRIPE_SECRET_KEY} set and not blank), for beans that exist
 * only with it or only without it. A condition rather than bean ordering, so the sandbox and Stripe
 * never both register whatever order configuration classes are read in.
 */
public final class StripeConditions {

    private StripeConditions() {}

    static boolean configured(ConditionContext context) {
        String key = context.getEnvironment().getProperty(StripeProperties.SECRET_KEY);
        return key != null && !key.isBlank();
    }

    public static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    public static final class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
