package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.grader.Grading;
import lab.grader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message bundle in both languages: every key in both, the same placeholders, nothing of the
 * Indonesian bundle left in English, and the language chosen the way the README says (-Dlang, else
 * the JVM's default locale), down to the grading JVMs.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class LanguageBundleTest {
    static final String EN = "/lab/grader/messages.properties";
    static final String ID = "/lab/grader/messages_id.properties";

    /**
     * Texts that are the same in both languages on purpose: a bare placeholder, code, a thread dump
     * line, and "total" (an Indonesian word too). Keep it short: anything else is untranslated.
     */
    static final Set<String> SAME_IN_BOTH = Set.of("check.assertion", "console.total", "dump.thread",
            "parallel.call.sequential", "parallel.call.parallel", "parallel.thread-share",
            // the report pages: "total" again, a bare placeholder pair, a thread dump line
            "overview.col.total", "overview.hist.desc", "page.hang.thread");

    /**
     * English words that never belong in an Indonesian sentence, not even in the kit's code snippets
     * ("from", "to", "of", "in" are left out: they are identifiers and method names here).
     */
    static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "should", "was", "were", "with", "your", "but",
            "when", "which", "than", "before", "after", "every", "each", "only", "have", "has", "its", "that",
            "this", "did", "does", "is", "are", "not", "could", "would", "there", "their", "they", "it");

    private String savedLang;
    private Locale savedLocale;

    @BeforeEach
    void save() {
        savedLang = System.getProperty("lang");
        savedLocale = Locale.getDefault();
    }

    @AfterEach
    void restore() {
        if (savedLang == null) {
            System.clearProperty("lang");
        } else {
            System.setProperty("lang", savedLang);
        }
        Locale.setDefault(savedLocale);
    }

    static Map<String, String> load(String resource) throws Exception {
        Properties p = new Properties();
        try (var in = LanguageBundleTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "missing " + resource);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    @Test
    void everyKeyExistsInBothLanguages() throws Exception {
        Map<String, String> en = load(EN);
        Map<String, String> id = load(ID);
        Set<String> notTranslated = new TreeSet<>(en.keySet());
        notTranslated.removeAll(id.keySet());
        Set<String> notInEnglish = new TreeSet<>(id.keySet());
        notInEnglish.removeAll(en.keySet());
        assertTrue(notTranslated.isEmpty(), "keys of messages.properties missing from messages_id.properties: " + notTranslated);
        assertTrue(notInEnglish.isEmpty(), "keys of messages_id.properties that messages.properties lacks (renamed or removed?): " + notInEnglish);
    }

    @Test
    void theHiddenChecksTitlesExistInBothLanguages() throws Exception {
        String hiddenEn = "/lab/grader/hidden/messages.properties";
        org.junit.jupiter.api.Assumptions.assumeTrue(LanguageBundleTest.class.getResource(hiddenEn) != null,
                "no hidden checks in this copy of the kit");
        Map<String, String> en = load(hiddenEn);
        Map<String, String> id = load("/lab/grader/hidden/messages_id.properties");
        assertEquals(en.keySet(), id.keySet(), "the hidden checks' titles in both languages");
        en.forEach((key, text) -> assertFalse(text.equals(id.get(key)), key + " is not translated"));
    }

    /** {n,number,STYLE} (also inside a choice): the style a figure is printed with. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*(?:,\\s*(\\w+)\\s*(?:,([^{}]*))?)?");

    /** Argument index to the ways it is printed: its number styles, and "" for a plain or choice use. */
    static Map<Integer, Set<String>> placeholders(String pattern) {
        String unquoted = pattern.replace("''", "").replaceAll("'[^']*'", "");
        Map<Integer, Set<String>> found = new TreeMap<>();
        Matcher m = ARGUMENT.matcher(unquoted);
        while (m.find()) {
            Set<String> styles = found.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeSet<>());
            if ("number".equals(m.group(2))) {
                styles.add(m.group(3) == null ? "number" : m.group(3).strip());
            } else {
                styles.add(""); // plain, or a choice: as the locale prints it
            }
        }
        return found;
    }

    /**
     * Both languages use the same arguments, and print a figure the same way wherever English gives
     * it a number style: a seed as {2,number,#} in one language and {2} in the other would print
     * 1.988.980.549, which -Dseed cannot replay. A choice may become plain text (Indonesian has no
     * plural), so plain and choice uses count alike.
     */
    @Test
    void bothLanguagesHaveTheSamePlaceholders() throws Exception {
        Map<String, String> en = load(EN);
        Map<String, String> id = load(ID);
        List<String> wrong = new ArrayList<>();
        for (String key : en.keySet()) {
            if (!id.containsKey(key)) {
                continue; // reported by everyKeyExistsInBothLanguages
            }
            new MessageFormat(id.get(key), Locale.forLanguageTag("id")); // throws on a malformed pattern
            Map<Integer, Set<String>> e = placeholders(en.get(key));
            Map<Integer, Set<String>> i = placeholders(id.get(key));
            if (!e.equals(i)) {
                wrong.add(key + ": English " + e + ", Indonesian " + i);
            }
        }
        assertTrue(wrong.isEmpty(), "placeholders differ (index -> number styles):\n" + String.join("\n", wrong));
    }

    @Test
    void indonesianMessagesHaveNoLoneApostrophe() throws Exception {
        for (Map.Entry<String, String> e : load(ID).entrySet()) {
            String unquoted = e.getValue().replace("''", "").replaceAll("'[{} ]+'", "");
            assertFalse(unquoted.contains("'"), e.getKey() + " has a lone apostrophe (it eats the placeholders after it): " + e.getValue());
        }
    }

    @Test
    void noIndonesianMessageIsLeftInEnglish() throws Exception {
        Map<String, String> en = load(EN);
        Map<String, String> id = load(ID);
        List<String> english = new ArrayList<>();
        for (Map.Entry<String, String> e : id.entrySet()) {
            String key = e.getKey();
            if (e.getValue().equals(en.get(key)) && !SAME_IN_BOTH.contains(key)) {
                english.add(key + " (same as English): " + e.getValue());
                continue;
            }
            for (String word : prose(e.getValue())) {
                if (ENGLISH_WORDS.contains(word)) {
                    english.add(key + " (English word \"" + word + "\"): " + e.getValue());
                    break;
                }
            }
        }
        assertTrue(english.isEmpty(), "Indonesian messages still in English:\n" + String.join("\n", english));
        for (String key : SAME_IN_BOTH) {
            assertEquals(en.get(key), id.get(key), key + " is listed as the same in both languages");
        }
    }

    /** The lower-case words of a message outside its placeholders, quoted strings and code tokens. */
    static List<String> prose(String message) {
        String text = message.replaceAll("\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}", " ").replace("\\n", " ")
                .replaceAll("\"[^\"]*\"", " ");
        List<String> words = new ArrayList<>();
        for (String token : text.split("\\s+")) {
            // code: calls, qualified names, generics, operators
            if (token.matches(".*[().<>=\\[\\]#%/_].*") || token.isEmpty()) {
                continue;
            }
            String w = token.replaceAll("[^A-Za-z-]", "");
            if (!w.isEmpty() && w.equals(w.toLowerCase(Locale.ROOT))) {
                words.add(w);
            }
        }
        return words;
    }

    @Test
    void langIdPicksIndonesianAndLangEnEnglishWhateverTheDefaultLocale() {
        Locale.setDefault(Locale.forLanguageTag("id"));
        System.setProperty("lang", "en");
        assertEquals("Failed checks", Messages.get("console.failed"));
        Locale.setDefault(Locale.US);
        System.setProperty("lang", "id");
        assertEquals("Pemeriksaan yang gagal", Messages.get("console.failed"));
        assertEquals("Lulus.", Messages.get("json.passed"));
    }

    @Test
    void withoutLangTheDefaultLocaleDecidesAndTheGradingJvmsAreToldExplicitly() {
        System.clearProperty("lang");
        Locale.setDefault(Locale.forLanguageTag("id-ID"));
        assertEquals("Pemeriksaan yang gagal", Messages.get("console.failed"));
        // A grading JVM does not inherit this JVM's default locale: it gets the choice as -Dlang.
        assertTrue(Grading.standardFlags("").contains("-Dlang=id-ID"), Grading.standardFlags("").toString());

        Locale.setDefault(Locale.forLanguageTag("fr-FR"));
        assertEquals("Failed checks", Messages.get("console.failed"), "a language without a bundle falls back to English");
        Locale.setDefault(Locale.US);
        assertEquals("Failed checks", Messages.get("console.failed"));
        assertTrue(Grading.standardFlags("").contains("-Dlang=en-US"), Grading.standardFlags("").toString());

        System.setProperty("lang", "id");
        assertTrue(Grading.standardFlags("").contains("-Dlang=id"), Grading.standardFlags("").toString());
    }

    /**
     * Under the Indonesian locale figures get a decimal comma and grouping dots, except a value that
     * must be typed back in as it is: a seed (-Dseed=) and a range bound in a call.
     */
    @Test
    void indonesianFiguresReadRightAndSeedsStayReplayable() {
        System.setProperty("lang", "id");
        assertEquals("3/7 poin (2,5 s)", Messages.get("progress.done", 3, 7, 2.5));
        String falsified = Messages.get("property.falsified", "4 thread x 1.000 increment", "why", 1988980549L);
        assertTrue(falsified.contains("seed 1988980549") && falsified.contains("-Dseed=1988980549"), falsified);
        assertEquals("PrimeCount.parallel(2147483627, 2147483647, 3)",
                Messages.get("parallel.call.parallel", 2147483627, 2147483647, 3));
        assertTrue(Messages.get("counter.lost-updates", "LockCounter", 138519, 200000, 2, 100000, 61481)
                .contains("200.000"), "counts get the Indonesian grouping");
        System.setProperty("lang", "en");
        String english = Messages.get("property.falsified", "x", "why", 1988980549L);
        assertTrue(english.contains("-Dseed=1988980549"), english);
    }
}
