package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.grader.i18n.Messages;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import org.junit.jupiter.api.Test;

/** The rubric is the one source of every report: it must be whole and agree with the checks and the bundle. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class RubricTest {
    static final Rubric RUBRIC = Rubric.load();

    @Test
    void theKitTotalsOneHundredOverTheSevenExercisesInTeachingOrder() {
        assertEquals(List.of("threads", "counter", "queue", "pool", "parallel", "downloads", "async"), RUBRIC.ids());
        // The visible kit (what students see) totals 100; an instructor's hidden checks add to it.
        assertEquals(100, RUBRIC.exercises().stream().flatMap(e -> e.checks().stream())
                .filter(c -> !c.hidden()).mapToInt(CheckSpec::points).sum());
    }

    @Test
    void everyCheckIsAPublicTestMethodOfItsChecksClass() throws Exception {
        for (ExerciseSpec e : RUBRIC.exercises()) {
            // The exercise's checks class, and the classes of its hidden checks (instructor's copy only).
            java.util.Map<String, Set<String>> byClass = new java.util.LinkedHashMap<>();
            byClass.put(e.checksClass(), new HashSet<>());
            Set<String> seen = new HashSet<>();
            for (CheckSpec c : e.checks()) {
                assertTrue(seen.add(c.id()), e.id() + ": check listed twice: " + c.id());
                String holder = c.classIn(e);
                assertEquals(c.hidden(), !holder.equals(e.checksClass()), e.id() + "." + c.id() + ": hidden checks, and only they, live in a class of their own");
                byClass.computeIfAbsent(holder, k -> new HashSet<>()).add(c.id());
                Class<?> checks = Class.forName(holder);
                assertTrue(Modifier.isPublic(checks.getModifiers()), holder + " is public");
                Method m = checks.getMethod(c.id());
                assertTrue(m.isAnnotationPresent(org.junit.jupiter.api.Test.class), e.id() + "." + c.id() + " is a @Test");
                assertTrue(c.points() >= 0, e.id() + "." + c.id() + " has points");
            }
            for (var entry : byClass.entrySet()) {
                for (Method m : Class.forName(entry.getKey()).getMethods()) {
                    if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                        assertTrue(entry.getValue().contains(m.getName()), e.id() + ": @Test " + entry.getKey() + "."
                                + m.getName() + " is not in the rubric");
                    }
                }
            }
        }
    }

    /**
     * Every exercise says how many cores its grading JVM must have to itself when batch grading runs
     * several submissions at once: those that measure speed (ratios against sequential, against the
     * cores the JVM sees) need the whole machine, those that look for races need two (real
     * simultaneity), and none may ask for more than the machine-wide "all".
     */
    @Test
    void everyExerciseSaysTheCoresItNeedsToItself() throws Exception {
        JsonNode raw = new ObjectMapper().readTree(Rubric.class.getResourceAsStream("/lab/grader/rubric.json"));
        for (JsonNode e : raw.get("exercises")) {
            JsonNode cores = e.get("cores");
            String id = e.get("id").asText();
            assertTrue(cores != null && (cores.asText().equals("all") || cores.canConvertToInt() && cores.asInt() >= 1),
                    id + ": \"cores\" is a count of at least 1 or \"all\": " + cores);
        }
        for (String speed : List.of("pool", "parallel", "downloads")) {
            assertEquals(null, RUBRIC.exercises().stream().filter(x -> x.id().equals(speed)).findFirst().orElseThrow().cores(),
                    speed + " measures speed ratios: it needs the whole machine");
        }
    }

    @Test
    void everyCheckAndVerdictHasItsMessage() {
        for (ExerciseSpec e : RUBRIC.exercises()) {
            assertTrue(Messages.has("verdict." + e.id() + ".pass"), "verdict." + e.id() + ".pass");
            for (CheckSpec c : e.checks()) {
                assertTrue(Messages.has("check." + e.id() + "." + c.id()), "title of " + e.id() + "." + c.id());
            }
        }
    }

    @Test
    void everyMessageIsAValidPatternWithoutALoneApostrophe() throws Exception {
        java.util.Properties bundle = new java.util.Properties();
        try (var in = Messages.class.getResourceAsStream("/lab/grader/messages.properties")) {
            bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String key : bundle.stringPropertyNames()) {
            String pattern = bundle.getProperty(key);
            // A lone ' starts a quoted section in MessageFormat and silently eats the {0} after it;
            // '' is an apostrophe, and quoting only braces ('{ }') is how literal braces are written.
            String unquoted = pattern.replace("''", "").replaceAll("'[{} ]+'", "");
            assertTrue(!unquoted.contains("'"), key + " has a lone apostrophe: " + pattern);
            new java.text.MessageFormat(pattern); // throws on a malformed pattern
        }
    }

    @Test
    void everyLessonExists() {
        for (ExerciseSpec e : RUBRIC.exercises()) {
            assertTrue(Files.isRegularFile(SelfGradeTest.ROOT.resolve(e.lesson())), e.lesson());
        }
    }
}
