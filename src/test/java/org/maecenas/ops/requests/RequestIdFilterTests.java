package org.maecenas.ops.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdFilterTests {

    @Test
    void aWellFormedIncomingIdIsKept() {
        assertThat(RequestIdFilter.idFor("lb-7f3a9c21")).isEqualTo("lb-7f3a9c21");
        assertThat(RequestIdFilter.idFor("0af7651916cd43dd8448eb211c80319c"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void aMissingOrMalformedIdIsReplacedByAGeneratedOne() {
        for (String bad : new String[] {
            null, "", "short", "has space in it", "<script>alert(1)</script>", "x".repeat(65), "line\nbreak-12345"
        }) {
            String id = RequestIdFilter.idFor(bad);
            assertThat(id).as("for %s", bad).matches("[0-9a-f]{24}").isNotEqualTo(bad);
        }
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestIdFilter.idFor(null)).isNotEqualTo(RequestIdFilter.idFor(null));
    }
}
