package org.maecenas.ops.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.maecenas.accounts.User;
import org.maecenas.testing.TestClockConfiguration;
import org.maecenas.testing.TestUsers;
import org.maecenas.testing.Visitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Real HTTP against a running server with a route that fails on purpose. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, ErrorCaptureTests.FailingRoutes.class})
@ExtendWith(OutputCaptureExtension.class)
class ErrorCaptureTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Test
    void anUnhandledExceptionIsStoredWithItsRequestAndTheVisitorGetsTheDesignedPage(CapturedOutput output) {
        User patron = users.patron();
        Visitor visitor = visitor();
        visitor.signIn(patron.email(), TestUsers.PASSWORD);

        HttpResponse<String> response = visitor.get(
                "/test/fail/42?token=s3cret&page=2",
                Map.of("Authorization", "Bearer abc", "X-Request-Id", "trace-0123456789", "X-Custom", "kept"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-0123456789");
        assertThat(response.body())
                .contains("Something went wrong on our side")
                .contains("trace-0123456789")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at org.maecenas");

        var occurrence = jdbc.sql("""
                        select o.fingerprint, o.exception_type, o.message, o.method, o.route, o.path, o.query,
                               o.headers, o.user_id, o.request_id, o.stack_trace, g.occurrences
                          from error_occurrences o join error_groups g using (fingerprint)
                         where o.request_id = 'trace-0123456789'
                        """).query().singleRow();
        assertThat(occurrence.get("exception_type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(occurrence.get("message")).isEqualTo("the ledger is on fire (item 42)");
        assertThat(occurrence.get("method")).isEqualTo("GET");
        assertThat(occurrence.get("route")).isEqualTo("/test/fail/{id}");
        assertThat(occurrence.get("path")).isEqualTo("/test/fail/42");
        assertThat(occurrence.get("query")).isEqualTo("token=[redacted]&page=2");
        assertThat((String) occurrence.get("headers"))
                .contains("Authorization: [redacted]")
                .contains("Cookie: [redacted]")
                .contains("X-Custom: kept")
                .doesNotContain("Bearer abc")
                .doesNotContain("SESSION=");
        assertThat(occurrence.get("user_id")).isEqualTo(patron.id().value());
        assertThat((String) occurrence.get("stack_trace")).contains("FailingRoutes.fail");
        assertThat(output.getOut()).contains("[trace-0123456789]").contains("Unhandled IllegalStateException");
    }

    @Test
    void occurrencesOfTheSameFaultAreGroupedAndOtherFaultsAreNot() {
        Visitor visitor = visitor();
        visitor.get("/test/fail/1");
        visitor.get("/test/fail/2");
        visitor.get("/test/other");

        long failGroups = jdbc.sql("select count(*) from error_groups where route = '/test/fail/{id}'")
                .query(Long.class)
                .single();
        long failCount = jdbc.sql("select occurrences from error_groups where route = '/test/fail/{id}'")
                .query(Long.class)
                .single();
        String otherType = jdbc.sql("select exception_type from error_groups where route = '/test/other'")
                .query(String.class)
                .single();
        assertThat(failGroups).isEqualTo(1);
        assertThat(failCount).isGreaterThanOrEqualTo(2);
        assertThat(otherType).isEqualTo(ArithmeticException.class.getName());
    }

    @Test
    void adminsSeeTheErrorGroupsAndOthersDoNot() {
        visitor().get("/test/other");
        String fingerprint = jdbc.sql("select fingerprint from error_groups where route = '/test/other'")
                .query(String.class)
                .single();

        Visitor admin = visitor();
        admin.signIn(users.admin().email(), TestUsers.PASSWORD);
        HttpResponse<String> list = admin.get("/admin/errors");
        HttpResponse<String> detail = admin.get("/admin/errors/" + fingerprint);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("ArithmeticException").contains("/admin/errors/" + fingerprint);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("java.lang.ArithmeticException").contains("FailingRoutes.other");

        Visitor patron = visitor();
        patron.signIn(users.patron().email(), TestUsers.PASSWORD);
        assertThat(patron.get("/admin/errors").statusCode()).isEqualTo(403);
        assertThat(visitor().get("/admin/errors").statusCode()).isEqualTo(302);
    }

    @Test
    void anApiClientGetsAProblemDocumentNotAStackTrace() {
        HttpResponse<String> response = visitor().get("/test/other", Map.of("Accept", "application/json"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":500")
                .contains("requestId")
                .doesNotContain("Arithmetic");
    }

    private Visitor visitor() {
        return new Visitor("http://localhost:" + port);
    }

    /** Routes that fail on purpose; only this test's context has them (the walk test never sees them). */
    @RestController
    static class FailingRoutes {

        @GetMapping("/test/fail/{id}")
        String fail(@PathVariable long id) {
            throw new IllegalStateException("the ledger is on fire (item " + id + ")");
        }

        @GetMapping("/test/other")
        String other() {
            return Integer.toString(1 / zero());
        }

        private static int zero() {
            return 0;
        }
    }
}
