package lab.grader.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The user ids sandboxed processes run as, each held by one process of one grader at a time, also
 * across grader processes on the same machine (two shards of a class graded side by side, the
 * project's tests two at a time). Two processes under one uid would share its process limit, and the
 * user sandbox ends a process by killing every process of its uid: another grader's included.
 *
 * <p>A uid is held by an OS file lock on {@code <tmpdir>/lab-sandbox-uids/<uid>.lock} (a folder only
 * root can enter: the sandboxed processes run as other users), taken with {@code tryLock} from a
 * random start, and released when the process has ended, or by the OS when the grader exits.
 */
final class SandboxUids {
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "lab-sandbox-uids");

    private SandboxUids() {
    }

    /** A uid held until {@link #close()}. */
    record Lease(int uid, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException | RuntimeException e) {
                // the channel's close below releases it too
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }

    /** Holds one of the uids {@code first} .. {@code first + count - 1} that no other process holds. */
    static Lease claim(int first, int count) {
        try {
            if (!Files.isDirectory(DIR)) {
                Files.createDirectories(DIR, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            int start = ThreadLocalRandom.current().nextInt(count);
            for (int i = 0; i < count; i++) {
                int uid = first + Math.floorMod(start + i, count);
                FileChannel channel = FileChannel.open(DIR.resolve(uid + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldHere) {
                    lock = null;
                }
                if (lock != null) {
                    return new Lease(uid, channel, lock);
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot hold a user id for the sandbox in " + DIR + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("every one of the sandbox's " + count + " user ids is in use");
    }
}
