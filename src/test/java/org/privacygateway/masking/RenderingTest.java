package org.privacygateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.NONE;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;

import org.junit.jupiter.api.Test;

class RenderingTest {

    static final PostalAddress HOME = new PostalAddress("Storgatan 12", "Uppsala", "Uppsala län", "753 20", "SE");

    @Test
    void namePartialIsGivenNameAndFamilyInitial() {
        PersonName name = new PersonName("Alice", "Lindqvist");
        assertEquals(new PersonName("Alice", "L."), Rendering.name(name, PARTIAL));
        assertEquals(name, Rendering.name(name, FULL));
        assertNull(Rendering.name(name, NONE));
        assertEquals(new PersonName("Alice", null), Rendering.name(new PersonName("Alice", " "), PARTIAL));
    }

    @Test
    void emailPartialIsFirstLetterStarsAndDomain() {
        assertEquals("a***@mail.example", Rendering.email("alice.lindqvist@mail.example", PARTIAL));
        assertEquals("***", Rendering.email("not-an-address", PARTIAL));
        assertNull(Rendering.email("a@b.example", NONE));
    }

    @Test
    void phonePartialIsTheLastFourDigits() {
        assertEquals("***4567", Rendering.phone("+46 70 123 45 67", PARTIAL));
        assertEquals("***12", Rendering.phone("12", PARTIAL));
        assertEquals("+46 70 123 45 67", Rendering.phone("+46 70 123 45 67", FULL));
    }

    @Test
    void addressPartialIsCityRegionAndCountry() {
        assertEquals(new PostalAddress(null, "Uppsala", "Uppsala län", null, "SE"), Rendering.address(HOME, PARTIAL));
        assertEquals(HOME, Rendering.address(HOME, FULL));
        assertNull(Rendering.address(HOME, NONE));
    }

    @Test
    void companyPartialIsTheNameOnly() {
        Company company = new Company("Okafor Joinery Ltd", HOME);
        assertEquals(new Company("Okafor Joinery Ltd", null), Rendering.company(company, PARTIAL));
        assertEquals(company, Rendering.company(company, FULL));
    }

    @Test
    void cardPartialIsBrandLastFourAndExpiryWithoutToken() {
        PaymentCard card = new PaymentCard("tok_123", "VISA", "4242", 9, 2029);
        assertEquals(new PaymentCard(null, "VISA", "4242", 9, 2029), Rendering.card(card, PARTIAL));
        assertEquals(card, Rendering.card(card, FULL));
        assertNull(Rendering.card(card, NONE));
    }

    @Test
    void absentValuesStayAbsentAtEveryLevel() {
        for (DisclosureLevel level : DisclosureLevel.values()) {
            assertNull(Rendering.name(null, level));
            assertNull(Rendering.email(null, level));
            assertNull(Rendering.phone(null, level));
            assertNull(Rendering.address(null, level));
            assertNull(Rendering.company(null, level));
            assertNull(Rendering.card(null, level));
        }
    }
}
