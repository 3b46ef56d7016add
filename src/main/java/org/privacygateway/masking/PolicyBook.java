package org.privacygateway.masking;

import java.util.HashMap;
import java.util.Map;

/** The policy version in force now and every earlier version a stored value may have been collected under. */
public final class PolicyBook {

    private final PolicyMatrix current;
    private final Map<Integer, PolicyMatrix> byVersion;

    public PolicyBook(PolicyMatrix current, Iterable<PolicyMatrix> all) {
        this.current = current;
        this.byVersion = new HashMap<>();
        for (PolicyMatrix m : all) {
            byVersion.put(m.version(), m);
        }
        byVersion.put(current.version(), current);
    }

    public PolicyMatrix current() {
        return current;
    }

    /** The matrix of a version, or null when the version is unknown (which the decision treats as allowing nothing). */
    public PolicyMatrix version(int version) {
        return byVersion.get(version);
    }
}
