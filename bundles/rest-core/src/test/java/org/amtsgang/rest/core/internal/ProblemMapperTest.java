package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import javax.ws.rs.BadRequestException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;
import org.junit.Test;

public class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper(() -> false);

    @Test
    public void aProblemExceptionLeavesAsItIs() {
        Response response = mapper.toResponse(ProblemException.notFound("There is no service 'x'."));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(body)
                .containsEntry("type", "about:blank")
                .containsEntry("title", "Not found")
                .containsEntry("status", 404)
                .containsEntry("detail", "There is no service 'x'.")
                .containsKey("instance");
    }

    @Test
    public void whileThePlatformStartsAnAddressNothingAnswersYetIsUnavailableNotMissing() {
        boolean[] starting = {true};
        ProblemMapper booting = new ProblemMapper(() -> starting[0]);
        WebApplicationException noResource = new WebApplicationException(404);

        Response early = booting.toResponse(noResource);
        assertThat(early.getStatus()).isEqualTo(503);
        assertThat(early.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(early.getMediaType().toString()).isEqualTo("application/problem+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) early.getEntity();
        assertThat(body).containsEntry("status", 503).doesNotContainKey(ProblemMapper.RETRY_AFTER);
        // what a resource itself says is missing stays missing
        assertThat(booting.toResponse(ProblemException.notFound("There is no payment 'x'."))
                        .getStatus())
                .isEqualTo(404);

        starting[0] = false;
        Response later = booting.toResponse(noResource);
        assertThat(later.getStatus()).isEqualTo(404);
        assertThat(later.getHeaderString("Retry-After")).isNull();
    }

    @Test
    public void malformedJsonIsABadRequestSayingWhere() {
        Exception parse = null;
        try {
            new ObjectMapper().readTree("{\"a\": }");
        } catch (Exception e) {
            parse = e;
        }

        Problem problem = mapper.toProblem(new BadRequestException(parse));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Malformed JSON");
        assertThat(problem.detail()).contains("line 1, column 7").doesNotContain("Source:");
    }

    @Test
    public void routingFailuresAreNamedByStatus() {
        assertThat(mapper.toProblem(new WebApplicationException(404)).title()).isEqualTo("Not found");
        assertThat(mapper.toProblem(new WebApplicationException(
                                Response.status(405).header("Allow", "GET,HEAD").build()))
                        .detail())
                .isEqualTo("This resource allows only GET,HEAD.");
        assertThat(mapper.toProblem(new WebApplicationException(415)).status()).isEqualTo(415);
        assertThat(mapper.toProblem(new WebApplicationException(409)).title()).isEqualTo("Conflict");
    }

    @Test
    public void unexpectedErrorsHideTheirMessageAndGiveAReference() {
        Problem problem = mapper.toProblem(new IllegalStateException("secret internals"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail())
                .doesNotContain("secret")
                .contains(problem.extensions().get("reference").toString());
    }

    @Test
    public void recognisesAClientThatWentAway() {
        assertThat(ProblemMapper.clientGone(new RuntimeException(new java.io.IOException("Broken pipe"))))
                .isTrue();
        assertThat(ProblemMapper.clientGone(new RuntimeException(new java.io.IOException("disk full"))))
                .isFalse();
        // an upload broken off: CXF drains the request body before the error answer, and Jetty says no
        assertThat(ProblemMapper.clientGone(new RuntimeException(
                        new IllegalStateException("Parser is terminated: HttpParser{s=CLOSED,3932160 of 500037008}"))))
                .isTrue();
        assertThat(ProblemMapper.clientGone(new IllegalStateException("secret internals")))
                .isFalse();
    }
}
