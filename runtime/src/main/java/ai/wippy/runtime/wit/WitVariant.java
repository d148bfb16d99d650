package ai.wippy.runtime.wit;

import java.util.Objects;

/** A variant value: the case name and its payload ({@code null} for a case without payload). */
public record WitVariant(String caseName, Object value) {

    public WitVariant {
        Objects.requireNonNull(caseName, "caseName");
    }
}
