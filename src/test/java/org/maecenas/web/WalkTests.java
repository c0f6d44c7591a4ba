package org.maecenas.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.WalkFixtures;
import org.maecenas.testing.WalkProfile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Visits every GET route the application has, as every kind of user, and fails on any 5xx. Routes
 * are discovered from Spring MVC's handler mappings; a route with path variables must have example
 * paths in {@link WalkFixtures}, so a new route cannot slip past this test.
 */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Autowired
    WalkFixtures fixtures;

    private Map<String, List<String>> pathsByRoute;

    @BeforeAll
    void discoverRoutes() {
        fixtures.seed();
        pathsByRoute = new LinkedHashMap<>();
        for (String route : getRoutes()) {
            pathsByRoute.put(route, fixtures.pathsFor(route));
        }
    }

    @Test
    void everyRouteWithVariablesHasExamplePaths() {
        List<String> missing = pathsByRoute.entrySet().stream()
                .filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(missing)
                .as(
                        "GET routes without example paths: add them to WalkFixtures.EXAMPLES (discovered: %s)",
                        pathsByRoute.keySet())
                .isEmpty();
    }

    @Test
    void theWalkCoversTheFoundationRoutes() {
        assertThat(pathsByRoute.keySet())
                .contains(
                        "/",
                        "/about",
                        "/login",
                        "/signup",
                        "/password-reset",
                        "/settings/account",
                        "/admin/errors",
                        "/admin/errors/{fingerprint}",
                        "/dev/mailbox");
    }

    @TestFactory
    Stream<DynamicTest> noRouteAnswersWithAServerError() {
        List<DynamicTest> tests = new ArrayList<>();
        for (WalkProfile profile : WalkProfile.values()) {
            for (Map.Entry<String, List<String>> route : pathsByRoute.entrySet()) {
                for (String path : route.getValue()) {
                    tests.add(DynamicTest.dynamicTest(profile + " GET " + path, () -> visit(profile, path)));
                }
            }
        }
        return tests.stream();
    }

    private void visit(WalkProfile profile, String path) throws Exception {
        MockHttpServletRequestBuilder request = get(path).accept("text/html,application/xhtml+xml,*/*;q=0.8");
        if (profile != WalkProfile.ANONYMOUS) {
            request = request.with(user(fixtures.principal(profile)));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus())
                .as("%s GET %s answered %s", profile, path, response.getStatus())
                .isLessThan(500);
        assertThat(response.getHeader("X-Request-Id"))
                .as("request id on %s", path)
                .isNotBlank();
    }

    private Collection<String> getRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                var methods = info.getMethodsCondition().getMethods();
                if (!methods.isEmpty() && methods.stream().noneMatch(m -> m.asHttpMethod() == HttpMethod.GET)) {
                    continue;
                }
                routes.addAll(info.getPatternValues());
            }
        }
        return routes;
    }
}
