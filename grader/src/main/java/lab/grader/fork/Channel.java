package lab.grader.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The grading JVM's report line to the runner: one JSON event per line on the JVM's real standard
 * output, each prefixed with a token the runner handed over on standard input.
 *
 * <p>Student code prints into {@link CapturedOutput}, never here; a line without the token (text a
 * student wrote to the file descriptor directly, fake "Tests run" or "BUILD SUCCESS" lines) is kept
 * as plain output and can never count as a result.
 */
public final class Channel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final String token;

    public Channel(PrintStream out, String token) {
        this.out = out;
        this.token = token;
    }

    /** Sends one event: a type and its fields. */
    public synchronized void send(String type, Object... keyValues) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            event.put((String) keyValues[i], keyValues[i + 1]);
        }
        try {
            out.print(token + " " + JSON.writeValueAsString(event) + "\n");
        } catch (JsonProcessingException e) {
            out.print(token + " {\"type\":\"broken-event\"}\n");
        }
        out.flush();
    }
}
