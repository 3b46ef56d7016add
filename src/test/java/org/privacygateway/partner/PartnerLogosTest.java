package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.privacygateway.masking.Purpose;

/** A partner file names its logo file beside it; the folder check refuses any logo that is not a small, plain picture. */
class PartnerLogosTest {

    @TempDir
    Path dir;

    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\" fill=\"#123\"/></svg>";

    void partner(String logo) throws IOException {
        Files.writeString(dir.resolve("alpha.yaml"), PartnerFilesTest.VALID.formatted("alpha", "travel", "alpha", "alpha",
                "alpha", "alpha") + "logo: " + logo + "\n");
    }

    String refusal(String logo, byte[] content) throws IOException {
        partner(logo);
        if (content != null) {
            Files.write(dir.resolve(logo), content);
        }
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("logo", e.problems().get(0).field(), e.getMessage());
        assertTrue(e.problems().get(0).line() > 0, "the problem names the line");
        return e.problems().get(0).reason();
    }

    @Test
    void aPlainSvgOrPngIsTakenAndServedUnderANameThatChangesWithItsContent() throws IOException {
        partner("alpha.svg");
        Files.writeString(dir.resolve("alpha.svg"), SVG);
        List<PartnerFile> files = PartnerFiles.readFolder(dir);
        PartnerPresentation presentation = new PartnerPresentation();
        presentation.load(dir, files);
        PartnerPresentation.ServedLogo logo = presentation.logo("alpha").orElseThrow();
        assertEquals("image/svg+xml", logo.contentType());
        assertTrue(logo.path().matches("/logos/alpha-[0-9a-f]{16}\\.svg"), logo.path());
        assertEquals(logo, presentation.logoFile(logo.fileName()).orElseThrow());

        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
        assertEquals("image/png", PartnerLogos.check("a.png", png).contentType());
    }

    @Test
    void activeOrOutsideContentTooLargeFilesAndFakesAreRefused() throws IOException {
        assertTrue(refusal("alpha.svg", "<svg><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8))
                .contains("plain picture"));
        assertTrue(refusal("alpha.svg", "<svg onload=\"x()\"></svg>".getBytes(StandardCharsets.UTF_8)).contains("plain picture"));
        assertTrue(refusal("alpha.svg", "<svg><image href=\"https://tracker.example/p.png\"/></svg>"
                .getBytes(StandardCharsets.UTF_8)).contains("plain picture"));
        assertTrue(refusal("alpha.svg", "<svg><rect style=\"fill:url(https://x.example/a)\"/></svg>"
                .getBytes(StandardCharsets.UTF_8)).contains("plain picture"));
        assertTrue(refusal("alpha.png", "GIF89a not a png".getBytes(StandardCharsets.UTF_8)).contains("not a PNG"));
        byte[] big = new byte[PartnerLogos.MAX_BYTES + 1];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, 0, big, 0, 8);
        assertTrue(refusal("alpha.png", big).contains("larger than"));
        assertTrue(refusal("missing.svg", null).contains("not a file in the partners folder"));
    }

    @Test
    void aLogoNameThatLeavesTheFolderOrIsNoPictureBreaksTheSchema() throws IOException {
        partner("../secret.svg");
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertEquals("logo", e.problems().get(0).field());
        partner("alpha.gif");
        e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertEquals("logo", e.problems().get(0).field());
    }

    @Test
    void translationsFallBackToEnglish() throws IOException {
        Files.writeString(dir.resolve("alpha.yaml"), """
                id: alpha
                displayName: Alpha Travel
                kind: travel
                clientId: alpha
                hosts: [alpha.marketplace.example]
                policyUrl: https://alpha.example/privacy
                privacyContact: privacy@alpha.example
                rateLimitPerMinute: 60
                translations:
                  zh:
                    displayName: 阿尔法旅行
                    purposes:
                      ORDER_FULFILLMENT: 为您出票
                requests:
                  - category: EMAIL
                    purpose: ORDER_FULFILLMENT
                    level: FULL
                    justification: Booking confirmations.
                    translations:
                      zh:
                        justification: 预订确认。
                  - category: NAME
                    purpose: ORDER_FULFILLMENT
                    level: FULL
                    justification: Tickets carry your name.
                """);
        PartnerPresentation presentation = new PartnerPresentation();
        presentation.load(dir, PartnerFiles.readFolder(dir));
        Partner p = new Partner();
        p.id = "alpha";
        p.displayName = "Alpha Travel";
        assertEquals("阿尔法旅行", presentation.displayName(p, "zh"));
        assertEquals("Alpha Travel", presentation.displayName(p, "en"));
        assertEquals("为您出票", presentation.purpose("alpha", Purpose.ORDER_FULFILLMENT, "zh"));
        assertEquals(null, presentation.purpose("alpha", Purpose.ORDER_FULFILLMENT, "en"));
        assertEquals("预订确认。", presentation.justification("alpha", org.privacygateway.masking.DataCategory.EMAIL,
                Purpose.ORDER_FULFILLMENT, "zh", "Booking confirmations."));
        assertEquals("Tickets carry your name.", presentation.justification("alpha",
                org.privacygateway.masking.DataCategory.NAME, Purpose.ORDER_FULFILLMENT, "zh", "Tickets carry your name."));

        Files.writeString(dir.resolve("alpha.yaml"), Files.readString(dir.resolve("alpha.yaml")).replace("  zh:\n    displayName", "  sv:\n    displayName"));
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertTrue(e.problems().get(0).field().startsWith("translations"), e.getMessage());
    }
}
