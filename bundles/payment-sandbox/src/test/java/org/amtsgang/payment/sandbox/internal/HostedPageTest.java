package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/** The servlet adapter: what it reads from the request and writes to the response. */
public class HostedPageTest {

    private final DerbyJpa jpa = new DerbyJpa("payment-sandbox", SessionStoreTest.SCRIPT);
    private final SessionStore store = new SessionStore(jpa, Clock.systemUTC());
    private final HostedPage servlet =
            new HostedPage(new SessionPages(store, () -> TestConfigs.sandbox(Map.of()), plan -> {}, new Random()));
    private final Session session = store.open(
            new ProviderRequest("pay-1", 1250, "Gebühr", null, null, "card", "https://portal.example/r"),
            References.next());

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aBrowserGetsThePageWithHeadersThatKeepItFresh() throws Exception {
        Response response = new Response();

        servlet.doGet(request("/sessions/" + session.reference(), "text/html,*/*", null, null), response.proxy());

        assertThat(response.status).isEqualTo(200);
        assertThat(response.headers)
                .containsEntry("Content-Type", "text/html;charset=UTF-8")
                .containsEntry("Cache-Control", "no-store")
                .containsKey("Content-Security-Policy");
        assertThat(response.text()).contains("12,50 €");
    }

    @Test
    public void acceptJsonGetsTheSessionTruth() throws Exception {
        Response response = new Response();

        servlet.doGet(request("/sessions/" + session.reference(), "application/json", null, null), response.proxy());

        assertThat(response.headers).containsEntry("Content-Type", "application/json");
        assertThat(response.text()).contains("\"outcome\":\"OPEN\"");
    }

    @Test
    public void aDecisionRedirectsWithSeeOther() throws Exception {
        Response response = new Response();

        servlet.doPost(
                request(
                        "/sessions/" + session.reference(),
                        null,
                        "application/x-www-form-urlencoded",
                        "outcome=success"),
                response.proxy());

        assertThat(response.status).isEqualTo(303);
        assertThat(response.headers).containsEntry("Location", "https://portal.example/r?payment=pay-1");
    }

    @Test
    public void aBodyAnnouncedTooLargeIsRefusedUnread() throws Exception {
        Response response = new Response();
        AtomicBoolean read = new AtomicBoolean();
        HttpServletRequest large = (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getContentLengthLong":
                            return 17_000L;
                        case "getInputStream":
                            read.set(true);
                            return null;
                        default:
                            return null;
                    }
                });

        servlet.doPost(large, response.proxy());

        assertThat(response.status).isEqualTo(413);
        assertThat(response.headers).containsEntry("Content-Type", "application/problem+json");
        assertThat(read).isFalse();
    }

    private static HttpServletRequest request(String path, String accept, String contentType, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getPathInfo":
                            return path;
                        case "getHeader":
                            return "Accept".equals(a[0]) ? accept : null;
                        case "getContentType":
                            return contentType;
                        case "getContentLengthLong":
                            return (long) bytes.length;
                        case "getInputStream":
                            return stream;
                        default:
                            return null;
                    }
                });
    }

    /** A response that remembers what was set on it. */
    private static final class Response {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
            return (HttpServletResponse) Proxy.newProxyInstance(
                    HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class},
                    (p, m, a) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) a[0];
                            case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                            case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> {}
                        }
                        return null;
                    });
        }
    }
}
