package org.privacygateway.dev;

import java.time.Instant;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.privacygateway.masking.MemberValues;
import org.privacygateway.member.Member;

/** A member as the member service's contract writes it (MemberRecord), for the stub's data. */
public final class MemberRecords {

    private MemberRecords() {
    }

    /**
     * The record of a member: its values, birth date, and per stamped category the time the value was collected,
     * which is when the version it was stamped under took effect ({@code effectiveAt}).
     */
    public static ObjectNode of(ObjectMapper json, Member m, IntFunction<Instant> effectiveAt) {
        ObjectNode r = json.createObjectNode();
        r.put("id", m.subject);
        MemberValues v = m.values();
        if (v.name() != null) {
            r.putObject("name").put("given", v.name().given()).put("family", v.name().family());
        }
        r.put("email", v.email());
        r.put("phone", v.phone());
        if (v.address() != null) {
            address(r.putObject("address"), v.address());
        }
        if (v.company() != null) {
            ObjectNode c = r.putObject("company").put("name", v.company().name());
            if (v.company().address() != null) {
                address(c.putObject("address"), v.company().address());
            }
        }
        if (v.card() != null) {
            r.putObject("paymentCard").put("processorToken", v.card().processorToken()).put("brand", v.card().brand())
                    .put("last4", v.card().last4()).put("expiryMonth", v.card().expiryMonth())
                    .put("expiryYear", v.card().expiryYear());
        }
        r.put("birthDate", m.birthDate == null ? null : m.birthDate.toString());
        ObjectNode collected = r.putObject("collectedAt");
        m.collectedUnder().forEach((category, version) -> collected.put(category.name(),
                effectiveAt.apply(version).toString()));
        return r;
    }

    private static void address(ObjectNode into, org.privacygateway.masking.PostalAddress a) {
        into.put("street", a.street()).put("city", a.city()).put("region", a.region())
                .put("postalCode", a.postalCode()).put("country", a.country());
    }
}
