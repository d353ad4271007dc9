package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class RubricTest {
    static final Rubric RUBRIC = Rubric.load();

    @Test
    void theKitTotalsOneHundredOverTheSevenExercisesInTeachingOrder() {
        assertEquals(List.of("threads", "counter", "queue", "pool", "parallel", "downloads", "async"), RUBRIC.ids());
        assertEquals(100, RUBRIC.maxPoints());
    }

    @Test
    void everyCheckIsAPublicTestMethodOfItsChecksClass() throws Exception {
        for (ExerciseSpec e : RUBRIC.exercises()) {
            Class<?> checks = Class.forName(e.checksClass());
            assertTrue(Modifier.isPublic(checks.getModifiers()), e.checksClass() + " is public");
            Set<String> seen = new HashSet<>();
            for (CheckSpec c : e.checks()) {
                assertTrue(seen.add(c.id()), e.id() + ": check listed twice: " + c.id());
                Method m = checks.getMethod(c.id());
                assertTrue(m.isAnnotationPresent(org.junit.jupiter.api.Test.class), e.id() + "." + c.id() + " is a @Test");
                assertTrue(c.points() >= 0, e.id() + "." + c.id() + " has points");
            }
            for (Method m : checks.getMethods()) {
                if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                    assertTrue(seen.contains(m.getName()), e.id() + ": @Test " + m.getName() + " is not in the rubric");
                }
            }
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
