package org.privacygateway.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The CSRF token of the current page, for the templates: {@code {inject:csrf.parameterName}} and
 * {@code {inject:csrf.token}}. Filled by {@link CsrfFilter} before the page renders.
 */
@RequestScoped
@Named("csrf")
public class CsrfToken {

    private String token;
    private boolean fresh;

    public String getParameterName() {
        return CsrfTokens.FIELD;
    }

    public String getToken() {
        return token;
    }

    void use(String token, boolean fresh) {
        this.token = token;
        this.fresh = fresh;
    }

    boolean fresh() {
        return fresh;
    }
}
