package org.privacygateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;

/** How AccessLog writes one read's decisions: what was served at which level, what was masked and why. */
class AccessLogTest {

    static Map<DataCategory, FieldDecision> decisions(FieldDecision... ds) {
        Map<DataCategory, FieldDecision> m = new LinkedHashMap<>();
        for (FieldDecision d : ds) {
            m.put(d.category(), d);
        }
        return m;
    }

    @Test
    void servedAndMaskedAreSplitAndKeepTheirOrder() {
        var read = decisions(
                new FieldDecision(DataCategory.NAME, DisclosureLevel.FULL, AccessReason.CONSENTED),
                new FieldDecision(DataCategory.EMAIL, DisclosureLevel.NONE, AccessReason.CONSENT_REQUIRED),
                new FieldDecision(DataCategory.PHONE, DisclosureLevel.PARTIAL, AccessReason.PUBLIC),
                new FieldDecision(DataCategory.ADDRESS, DisclosureLevel.NONE, AccessReason.OPTED_OUT));
        assertEquals("NAME:FULL,PHONE:PARTIAL", AccessLog.served(read));
        assertEquals("EMAIL:CONSENT_REQUIRED,ADDRESS:OPTED_OUT", AccessLog.masked(read));
    }

    @Test
    void nothingSelectedIsTwoEmptyLists() {
        assertEquals("", AccessLog.served(Map.of()));
        assertEquals("", AccessLog.masked(Map.of()));
    }
}
