package org.privacygateway.masking;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** One gateway policy version: which (category, purpose) pairs partners may receive under it. */
public final class PolicyMatrix {

    private final int version;
    private final EnumMap<DataCategory, EnumSet<Purpose>> allowed;

    public PolicyMatrix(int version, Map<DataCategory, ? extends Set<Purpose>> allowed) {
        this.version = version;
        this.allowed = new EnumMap<>(DataCategory.class);
        for (Map.Entry<DataCategory, ? extends Set<Purpose>> e : allowed.entrySet()) {
            this.allowed.put(e.getKey(), e.getValue().isEmpty() ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(e.getValue()));
        }
    }

    public int version() {
        return version;
    }

    public boolean allows(DataCategory category, Purpose purpose) {
        EnumSet<Purpose> purposes = allowed.get(category);
        return purposes != null && purposes.contains(purpose);
    }

    /** A copy of the matrix, for rendering and storage. */
    public Map<DataCategory, Set<Purpose>> asMap() {
        EnumMap<DataCategory, Set<Purpose>> copy = new EnumMap<>(DataCategory.class);
        allowed.forEach((c, p) -> copy.put(c, EnumSet.copyOf(p.isEmpty() ? EnumSet.noneOf(Purpose.class) : p)));
        return copy;
    }
}
