package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package that does not compile goes back to the kit's stubs, with the compiler's message; the rest is graded. */
class SourceCompilerTest {
    @Test
    void aPackageThatDoesNotCompileIsPutBackToTheStubsWithTheMessage(@TempDir Path work) throws Exception {
        KitSources kit = KitSources.of(SubmissionTest.ROOT);
        String broken = SubmissionTest.counterClass("LockCounter").replace("v++;", "v++");
        SourceCompiler.Compiled c = SourceCompiler.compile(kit, Map.of("lab/counter/LockCounter.java", broken), work);
        assertEquals(java.util.Set.of("lab.counter"), c.failed().keySet());
        String message = c.failed().get("lab.counter");
        assertTrue(message.contains("lab/counter/LockCounter.java:4: error: ';' expected"), message);
        assertTrue(Files.exists(c.classes().resolve("lab/counter/LockCounter.class")), "the stub stands in");
        assertTrue(Files.readString(work.resolve("src/lab/counter/LockCounter.java")).contains("TODO"));
    }

    @Test
    void aCompilingSubmissionIsCompiledForJava17(@TempDir Path work) throws Exception {
        KitSources kit = KitSources.of(SubmissionTest.ROOT);
        SourceCompiler.Compiled c = SourceCompiler.compile(kit, Map.of("lab/counter/LockCounter.java",
                SubmissionTest.counterClass("LockCounter")), work);
        assertTrue(c.failed().isEmpty());
        byte[] bytes = Files.readAllBytes(c.classes().resolve("lab/counter/LockCounter.class"));
        assertEquals(61, ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff), "class file version of Java 17");
    }
}
