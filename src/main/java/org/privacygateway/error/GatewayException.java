package org.privacygateway.error;

/**
 * An error the caller is meant to see: its message is written for the caller and names nothing they may not see.
 * Every other exception reaches the caller only as a generic {@link ErrorCode#INTERNAL} error.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;

    /** The input field the error is about (as named in the message, e.g. {@code address.country}), or null. */
    private final String field;

    public GatewayException(ErrorCode code, String message) {
        this(code, null, message);
    }

    /** An error of any code about one input field (see {@link #field()}). */
    public GatewayException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The input field the error is about, for forms that show an error beside its field; null when not one field. */
    public String field() {
        return field;
    }

    public static GatewayException validation(String message) {
        return new GatewayException(ErrorCode.VALIDATION, message);
    }

    /** A validation error about one input field, which callers can read from {@link #field()}. */
    public static GatewayException invalidField(String field, String message) {
        return new GatewayException(ErrorCode.VALIDATION, field, message);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCode.FORBIDDEN, message);
    }
}
