package lab.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a child's output line by line without trusting it: a line longer than the limit is cut
 * (the rest is skipped, not buffered), so a flood without newlines cannot exhaust the runner.
 */
final class BoundedLines {
    private BoundedLines() {
    }

    /** Reads {@code in} to its end, handing each (possibly cut) line to {@code sink}. */
    static void read(InputStream in, int maxLine, Consumer<String> sink) throws IOException {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        sink.accept(line.toString());
                        line.setLength(0);
                    } else if (line.length() < maxLine) {
                        line.append(c);
                    }
                }
            }
            if (line.length() > 0) {
                sink.accept(line.toString());
            }
        }
    }
}
