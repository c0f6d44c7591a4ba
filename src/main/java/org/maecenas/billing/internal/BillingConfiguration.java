package org.maecenas.billing.internal;

import org.maecenas.billing.BillingProperties;
import org.maecenas.billing.CrashPoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

    @Bean
    @ConditionalOnMissingBean(CrashPoints.class)
    CrashPoints crashPoints() {
        return CrashPoints.NONE;
    }
}
