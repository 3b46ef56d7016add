package org.privacygateway.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text the database can hold: at most {@code max} characters (its column size, see {@link Inputs}) and no control
 * characters, unpaired surrogates or non-characters. The rule itself is {@link Inputs#problem}; this annotation lets
 * an input field or argument say it in place. Null passes: whether a value is required is another constraint.
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

    /** The most characters (code points) allowed. */
    int max();

    /** Free text over several lines: tab, line feed and carriage return allowed. */
    boolean multiLine() default false;

    String message() default "is not valid text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
