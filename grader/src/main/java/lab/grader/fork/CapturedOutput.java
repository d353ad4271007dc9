package lab.grader.fork;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the code under test prints (System.out and System.err), kept per check up to a cap.
 *
 * <p>Past the cap only the byte count grows, so a student printing 100 MB costs the grader a
 * counter, not memory, and the report says how much was cut.
 */
public final class CapturedOutput extends OutputStream {
    static final int KEEP_BYTES = 8 * 1024;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    /** What was printed since the last drain, and how many bytes past the cap were dropped. */
    public record Drained(String text, long droppedBytes) {
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < KEEP_BYTES) {
            kept.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, Math.min(len, KEEP_BYTES - kept.size()));
        kept.write(b, off, room);
        dropped += len - room;
    }

    /** Takes what was printed so far and starts afresh. */
    public synchronized Drained drain() {
        Drained d = new Drained(kept.toString(StandardCharsets.UTF_8), dropped);
        kept.reset();
        dropped = 0;
        return d;
    }
}
