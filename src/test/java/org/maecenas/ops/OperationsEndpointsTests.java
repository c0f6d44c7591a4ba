package org.maecenas.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@MaecenasTest
class OperationsEndpointsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Test
    void everyRequestIsTimedPerRoutePatternWithMethodAndStatusClass() throws Exception {
        mvc.perform(get("/about")).andReturn();
        mvc.perform(get("/no-such-page-" + System.nanoTime())).andReturn();

        String metrics = prometheusAs(users.admin()).getContentAsString();

        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status_class=\"2xx\"[^}]*uri=\"/about\"[^}]*} [1-9]");
        // unknown paths are not individual series: no cardinality explosion
        assertThat(metrics).doesNotContain("no-such-page-");
        assertThat(metrics).contains("status_class=\"4xx\"");
    }

    @Test
    void metricsAreForAdminsOnly() throws Exception {
        assertThat(prometheusAs(users.patron()).getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/actuator/prometheus"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isIn(302, 401);
    }

    @Test
    void livenessAndReadinessAreOpenToTheLoadBalancer() throws Exception {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            MockHttpServletResponse response =
                    mvc.perform(get(probe)).andReturn().getResponse();
            assertThat(response.getStatus()).as(probe).isEqualTo(200);
            assertThat(response.getContentAsString()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void routeTimingsPageListsTimedRoutes() throws Exception {
        mvc.perform(get("/about")).andReturn();
        var admin = TestUsers.principal(users.admin());
        String page = mvc.perform(get("/admin/routes").with(user(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("GET /about").contains("<svg class=\"bar\"");
    }

    @Test
    void everyResponseCarriesARequestIdAndAWellFormedIncomingOneIsEchoed() throws Exception {
        MockHttpServletResponse generated = mvc.perform(get("/")).andReturn().getResponse();
        MockHttpServletResponse echoed = mvc.perform(get("/").header("X-Request-Id", "edge-1234abcd"))
                .andReturn()
                .getResponse();
        assertThat(generated.getHeader("X-Request-Id")).matches("[0-9a-f]{24}");
        assertThat(echoed.getHeader("X-Request-Id")).isEqualTo("edge-1234abcd");
    }

    private MockHttpServletResponse prometheusAs(org.maecenas.accounts.User account) throws Exception {
        return mvc.perform(get("/actuator/prometheus").with(user(TestUsers.principal(account))))
                .andReturn()
                .getResponse();
    }
}
