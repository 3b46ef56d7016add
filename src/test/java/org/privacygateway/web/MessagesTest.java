package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every text of the consent center exists in both languages: no page falls back to English in part. */
class MessagesTest {

    @Test
    void everyEnglishMessageHasAChineseOneAndNoOther() throws Exception {
        Set<String> english = new TreeSet<>();
        for (Method m : Msg.class.getDeclaredMethods()) {
            english.add(m.getName());
        }
        Properties zh = new Properties();
        try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/messages/msg_zh.properties"),
                StandardCharsets.UTF_8)) {
            zh.load(in);
        }
        assertEquals(english, new TreeSet<>(zh.stringPropertyNames()));
        zh.forEach((k, v) -> assertTrue(!v.toString().isBlank(), k + " is blank"));
    }

    @Test
    void theAcceptLanguageHeaderPicksTheBestLanguageWeSpeak() {
        assertEquals("zh", Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals("zh", Language.fromAcceptLanguage("zh-Hans-CN"));
        assertEquals("en", Language.fromAcceptLanguage("en-US,zh;q=0.5"));
        assertEquals("zh", Language.fromAcceptLanguage("fr-FR, zh;q=0.4"));
        assertEquals("en", Language.fromAcceptLanguage("fr-FR"));
        assertEquals("en", Language.fromAcceptLanguage(";;;q=x"));
        assertEquals("en", Language.fromAcceptLanguage(null));
    }
}
