package org.amtsgang.notification.internal.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.notification.api.PostfachMessage;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The resource's own part: whose messages, which parameters; access rules are rest-core's. */
public class PostfachResourceTest {

    private final DerbyJpa jpa = new DerbyJpa("notification", "/db/notification/V1__postfach.sql");
    private final PostfachComponent postfach =
            new PostfachComponent(jpa, PostfachComponentTest.clock(new AtomicLong(1_000_000)));
    private final PostfachResource resource = new PostfachResource(postfach);
    private final SecurityContext anna = citizen("anna");
    private final SecurityContext bert = citizen("bert");

    @Before
    public void messages() {
        postfach.deliver(PostfachComponentTest.message("a-1", "anna", 1));
        postfach.deliver(PostfachComponentTest.message("a-2", "anna", 2));
        postfach.deliver(PostfachComponentTest.message("b-1", "bert", 3));
    }

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aCitizenListsTheirOwnMessages() {
        assertThat(resource.inbox(null, null, null, anna).items())
                .extracting(PostfachMessage::id)
                .containsExactly("a-2", "a-1");
        assertThat(resource.inbox("0", "1", "false", anna).hasMore()).isTrue();

        resource.markRead("a-2", anna);
        assertThat(resource.inbox(null, null, "true", anna).items())
                .extracting(PostfachMessage::id)
                .containsExactly("a-1");
    }

    @Test
    public void anotherOnesMessageIsNotFoundLikeAnUnknownOne() {
        assertThat(resource.message("a-1", anna).id()).isEqualTo("a-1");

        assertStatus(() -> resource.message("b-1", anna), 404);
        assertStatus(() -> resource.message("nothing", anna), 404);
        assertStatus(() -> resource.markRead("a-1", bert), 404);
        assertThat(resource.message("a-1", anna).readAt())
                .as("bert marked nothing")
                .isNull();
    }

    @Test
    public void markingReadAnswersWithTheMessage() {
        assertThat(resource.markRead("a-1", anna).readAt()).isNotNull();
    }

    @Test
    public void malformedParametersAreBadRequests() {
        assertStatus(() -> resource.inbox(null, null, "yes", anna), 400);
        assertStatus(() -> resource.inbox(null, null, "TRUE", anna), 400);
        assertStatus(() -> resource.inbox(null, "1000", null, anna), 400);
        assertStatus(() -> resource.inbox("-1", null, null, anna), 400);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(
                        e.problem().status())
                .isEqualTo(status));
    }

    private static SecurityContext citizen(String subject) {
        Caller caller = new Caller(
                subject, PrincipalKind.CITIZEN, subject, subject + "@example.org", TrustLevel.BASIS, Set.of());
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }
}
