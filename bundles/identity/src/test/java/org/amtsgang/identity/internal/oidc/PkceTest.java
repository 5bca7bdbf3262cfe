package org.amtsgang.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class PkceTest {

    @Test
    public void computesTheRfc7636Example() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
