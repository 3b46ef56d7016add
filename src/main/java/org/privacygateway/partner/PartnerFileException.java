package org.privacygateway.partner;

/** A partner file that cannot be applied: says which file, which field, and why. */
public class PartnerFileException extends RuntimeException {

    private final String file;
    private final String field;
    private final String reason;

    public PartnerFileException(String file, String field, String reason) {
        super(file + ": field '" + field + "': " + reason);
        this.file = file;
        this.field = field;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
