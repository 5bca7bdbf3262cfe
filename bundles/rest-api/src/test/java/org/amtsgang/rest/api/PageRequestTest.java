package org.amtsgang.rest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class PageRequestTest {

    @Test
    public void missingParametersTakeTheirDefaults() {
        assertThat(PageRequest.of(null, "", 20, 100)).isEqualTo(new PageRequest(0, 20));
        assertThat(PageRequest.of(" 3 ", "50", 20, 100)).isEqualTo(new PageRequest(3, 50));
    }

    @Test
    public void malformedOrOutOfRangeParametersAreBadRequests() {
        assertBadRequest("x", null, "Query parameter 'page' must be a whole number, was 'x'.");
        assertBadRequest("-1", null, "Query parameter 'page' must be between 0 and 100000, was -1.");
        assertBadRequest(null, "0", "Query parameter 'size' must be between 1 and 100, was 0.");
        assertBadRequest(null, "101", "Query parameter 'size' must be between 1 and 100, was 101.");
        assertBadRequest(null, "99999999999", "Query parameter 'size' must be a whole number, was '99999999999'.");
    }

    private static void assertBadRequest(String page, String size, String detail) {
        assertThatThrownBy(() -> PageRequest.of(page, size, 20, 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).isEqualTo(detail);
                });
    }
}
