package org.amtsgang.identity.internal;

import javax.servlet.http.HttpServletRequest;

/** The address a request came from, for throttling and the security log. */
final class ClientAddress {

    private ClientAddress() {}

    static String of(HttpServletRequest request) {
        // Behind the city's reverse proxy this becomes the proxy's address; trusting
        // X-Forwarded-For from configured proxies comes with the multi-node setup.
        return request == null ? "unknown" : request.getRemoteAddr();
    }
}
