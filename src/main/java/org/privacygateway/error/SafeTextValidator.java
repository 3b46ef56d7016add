package org.privacygateway.error;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link SafeText} through {@link Inputs#problem}, with the problem as the message (never the value). */
public class SafeTextValidator implements ConstraintValidator<SafeText, String> {

    private int max;
    private boolean multiLine;

    @Override
    public void initialize(SafeText annotation) {
        max = annotation.max();
        multiLine = annotation.multiLine();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String problem = Inputs.problem(value, max, multiLine);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // The problem is fixed wording from Inputs, free of '{', '}' and '$': safe as a message template.
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
