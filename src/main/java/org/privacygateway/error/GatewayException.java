package org.privacygateway.error;

/**
 * An error the caller is meant to see: its message is written for the caller and names nothing they may not see.
 * Every other exception reaches the caller only as a generic {@link ErrorCode#INTERNAL} error.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;

    public GatewayException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static GatewayException validation(String message) {
        return new GatewayException(ErrorCode.VALIDATION, message);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCode.FORBIDDEN, message);
    }
}
