package org.maecenas.ops.requests;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Spring's request timer ({@code http.server.requests}) already tags the route pattern
 * ({@code uri}), the method and the status; this adds the status class ({@code 2xx} … {@code 5xx})
 * so dashboards can chart error rates per route without a regex.
 */
@Component
class RouteTimingConvention extends DefaultServerRequestObservationConvention {

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(statusClass(context));
    }

    private static KeyValue statusClass(ServerRequestObservationContext context) {
        int status = context.getResponse() != null ? context.getResponse().getStatus() : 0;
        if (context.getError() != null && status < 400) {
            status = 500;
        }
        String value = status >= 100 && status < 600 ? (status / 100) + "xx" : "UNKNOWN";
        return KeyValue.of("status_class", value);
    }
}
