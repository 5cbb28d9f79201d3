package io.millrace.schemas.registry;

import java.util.List;

/**
 * The registry's answer to "could this schema be registered under that subject?": whether it is
 * compatible, and the registry's explanations when it gives any (Confluent does with
 * {@code verbose=true}; Apicurio 3.0 answers with the verdict only).
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {
    public CompatibilityCheck {
        messages = List.copyOf(messages);
    }
}
