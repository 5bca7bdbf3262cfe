package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.amtsgang.rest.api.ProblemException;
import org.apache.cxf.jaxrs.impl.ContainerRequestContextImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.Test;

public class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(10);

    @Test
    public void refusesADeclaredLengthAboveTheLimitBeforeReading() {
        assertThatThrownBy(() -> filter.filter(request("11", new byte[0])))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    public void refusesANonNumericLength() {
        assertThatThrownBy(() -> filter.filter(request("zehn", new byte[0])))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    public void cutsOffAnUndeclaredBodyOnceItGrowsTooLarge() throws Exception {
        ContainerRequestContextImpl request = request(null, new byte[11]);
        filter.filter(request);
        InputStream body = request.getEntityStream();

        assertThat(body.read(new byte[10])).isEqualTo(10);
        assertThatThrownBy(body::read).isInstanceOf(ProblemException.class);
    }

    @Test
    public void letsABodyWithinTheLimitThrough() throws Exception {
        ContainerRequestContextImpl request = request("10", new byte[10]);
        filter.filter(request);

        assertThat(request.getEntityStream().readAllBytes()).hasSize(10);
    }

    private static ContainerRequestContextImpl request(String contentLength, byte[] body) {
        Message message = new MessageImpl();
        org.apache.cxf.message.Exchange exchange = new org.apache.cxf.message.ExchangeImpl();
        exchange.setInMessage(message);
        message.setExchange(exchange);
        java.util.Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (contentLength != null) {
            headers.put("Content-Length", java.util.List.of(contentLength));
        } else {
            headers.put("Transfer-Encoding", java.util.List.of("chunked"));
        }
        headers.put("Content-Type", java.util.List.of("application/json"));
        message.put(Message.PROTOCOL_HEADERS, headers);
        message.put(Message.HTTP_REQUEST_METHOD, "POST");
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
        return new ContainerRequestContextImpl(message, true, false);
    }
}
