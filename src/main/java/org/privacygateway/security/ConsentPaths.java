package org.privacygateway.security;

/** Which paths belong to the consent center: one definition for the OIDC tenant, the CSRF filter and the tests. */
public final class ConsentPaths {

    private ConsentPaths() {
    }

    public static boolean isConsentCenter(String path) {
        return path != null && (path.equals("/consent") || path.startsWith("/consent/"));
    }
}
