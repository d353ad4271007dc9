package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.grader.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package that does not compile goes back to the kit's stubs, with the compiler's message; the rest is graded. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SourceCompilerTest {
    static SourceCompiler.Limits limits() {
        return new SourceCompiler.Limits(Sandbox.NONE, BatchMain.graderClasspath(SubmissionTest.ROOT));
    }

    @Test
    void aPackageThatDoesNotCompileIsPutBackToTheStubsWithTheMessage(@TempDir Path work) throws Exception {
        KitSources kit = KitSources.of(SubmissionTest.ROOT);
        String broken = SubmissionTest.counterClass("LockCounter").replace("v++;", "v++");
        SourceCompiler.Compiled c = SourceCompiler.compile(kit, Map.of("lab/counter/LockCounter.java", broken), work, limits());
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
                SubmissionTest.counterClass("LockCounter")), work, limits());
        assertTrue(c.failed().isEmpty());
        byte[] bytes = Files.readAllBytes(c.classes().resolve("lab/counter/LockCounter.class"));
        assertEquals(61, ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff), "class file version of Java 17");
    }

    @Test
    void aCompileThatRunsOutOfItsHeapPutsTheStudentsPackagesBackToTheStubs(@TempDir Path work) throws Exception {
        KitSources kit = KitSources.of(SubmissionTest.ROOT);
        // The kit alone compiles in 16 MB; a megabyte of methods does not fit in 32.
        StringBuilder big = new StringBuilder("package lab.async;\nclass Big {\n");
        for (int i = 0; i < 15_000; i++) {
            big.append("  static int m").append(i).append("(int x) { return x + ").append(i).append(" * x - (x ^ ").append(i).append("); }\n");
        }
        big.append("}\n");
        SourceCompiler.Limits small = new SourceCompiler.Limits(Sandbox.NONE, BatchMain.graderClasspath(SubmissionTest.ROOT),
                SourceCompiler.Limits.DEFAULT_TIME_LIMIT, 32);
        SourceCompiler.Compiled c = SourceCompiler.compile(kit, Map.of("lab/async/Big.java", big.toString(),
                "lab/counter/LockCounter.java", SubmissionTest.counterClass("LockCounter")), work, small);
        assertEquals(Map.of("lab.async", SourceCompiler.Stop.MEMORY, "lab.counter", SourceCompiler.Stop.MEMORY), c.stopped());
        assertTrue(c.failed().isEmpty());
        assertTrue(Files.readString(work.resolve("src/lab/counter/LockCounter.java")).contains("TODO"), "the kit compiled alone");
        assertTrue(Files.exists(c.classes().resolve("lab/async/Gather.class")));
    }
}
