package lab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import lab.grader.batch.BatchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** No silent downgrade: a sandbox that cannot start says why and what fixes it, and grading does not start. */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class SandboxChoiceTest {
    static final Path ROOT = Path.of(System.getProperty("lab.root", "..")).toAbsolutePath().normalize();

    @Test
    void withoutBubblewrapTheMessageNamesThePackageAndTheWayOut() {
        SandboxUnavailable e = assertThrows(SandboxUnavailable.class,
                () -> Bubblewrap.start(Bubblewrap.Limits.DEFAULT, p -> p.equals("bwrap") ? null : Bubblewrap.find(p)));
        assertTrue(e.getMessage().contains("apt-get install bubblewrap"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dsandbox=off"), e.getMessage());
    }

    @Test
    void whenNamespacesAreRefusedTheMessageNamesTheKernelSetting(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxUnavailable e = assertThrows(SandboxUnavailable.class,
                () -> Bubblewrap.start(Bubblewrap.Limits.DEFAULT, p -> p.equals("bwrap") ? fake.toString() : Bubblewrap.find(p)));
        assertTrue(e.getMessage().contains("No permissions to create new namespace"), e.getMessage());
        assertTrue(e.getMessage().contains("unprivileged_userns_clone"), e.getMessage());
    }

    @Test
    void anUnknownModeIsRefusedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sandboxes.choose("maybe"));
        assertTrue(e.getMessage().contains("on (bubblewrap)") && e.getMessage().contains("off"), e.getMessage());
        assertEquals("none", assertDoesNotThrowChoose("off").mode());
    }

    @Test
    void batchGradingRefusesToStartWithABadMode(@TempDir Path dir) {
        assertEquals(2, new CommandLine(new BatchMain()).execute("--submissions=" + dir, "--kit=" + ROOT, "--sandbox=maybe"));
    }

    private static Sandbox assertDoesNotThrowChoose(String mode) {
        try {
            return Sandboxes.choose(mode);
        } catch (SandboxUnavailable e) {
            throw new AssertionError(e);
        }
    }
}
