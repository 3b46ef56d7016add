package org.privacygateway.partner;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;

/**
 * How partners from files present themselves to members: their logo (checked, held in memory, served by the gateway
 * itself) and their own words per language. Loaded from the partner files at start on every replica, as the files
 * are; partners onboarded through the admin API have neither, and are shown with their initials and in English.
 */
@ApplicationScoped
public class PartnerPresentation {

    /** A logo as served: under a name that changes with its content, so browsers may cache it for a year. */
    public record ServedLogo(String partnerId, String fileName, String contentType, byte[] bytes) {
        public String path() {
            return "/logos/" + fileName;
        }
    }

    private volatile Map<String, ServedLogo> logosByPartner = Map.of();
    private volatile Map<String, ServedLogo> logosByFile = Map.of();
    private volatile Map<String, PartnerFile> files = Map.of();

    /** Takes the logos and texts of the files (already validated by {@link PartnerFiles#readFolder}). */
    public void load(Path dir, List<PartnerFile> partnerFiles) {
        Map<String, ServedLogo> byPartner = new HashMap<>();
        Map<String, ServedLogo> byFile = new HashMap<>();
        Map<String, PartnerFile> texts = new HashMap<>();
        for (PartnerFile f : partnerFiles) {
            texts.put(f.id(), f);
            if (f.logo() != null) {
                PartnerLogos.Logo logo = PartnerLogos.read(dir, f.logo());
                String ext = logo.contentType().equals("image/png") ? "png" : "svg";
                ServedLogo served = new ServedLogo(f.id(), f.id() + "-" + digest(logo.bytes()) + "." + ext,
                        logo.contentType(), logo.bytes());
                byPartner.put(f.id(), served);
                byFile.put(served.fileName(), served);
            }
        }
        logosByPartner = Map.copyOf(byPartner);
        logosByFile = Map.copyOf(byFile);
        files = Map.copyOf(texts);
    }

    public Optional<ServedLogo> logo(String partnerId) {
        return Optional.ofNullable(logosByPartner.get(partnerId));
    }

    public Optional<ServedLogo> logoFile(String fileName) {
        return Optional.ofNullable(logosByFile.get(fileName));
    }

    /** The partner's name in the language, else its display name. */
    public String displayName(Partner p, String language) {
        PartnerFile.Texts t = texts(p.id, language);
        return t != null && t.displayName() != null ? t.displayName() : p.displayName;
    }

    /** The partner's own words for a purpose in the language, or null (the consent center's words then). */
    public String purpose(String partnerId, Purpose purpose, String language) {
        PartnerFile.Texts t = texts(partnerId, language);
        return t == null || t.purposes() == null ? null : t.purposes().get(purpose);
    }

    /** A request's justification in the language, else the declared (English) one. */
    public String justification(String partnerId, DataCategory category, Purpose purpose, String language,
            String declared) {
        PartnerFile f = files.get(partnerId);
        if (f == null) {
            return declared;
        }
        for (PartnerFile.Request r : f.requests()) {
            if (r.category() == category && r.purpose() == purpose && r.translations() != null
                    && r.translations().get(language) != null) {
                return r.translations().get(language).justification();
            }
        }
        return declared;
    }

    private PartnerFile.Texts texts(String partnerId, String language) {
        PartnerFile f = files.get(partnerId);
        return f == null || f.translations() == null ? null : f.translations().get(language);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
